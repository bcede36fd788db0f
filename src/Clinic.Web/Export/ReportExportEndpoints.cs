using System.Globalization;
using Clinic.Data.Common;
using Clinic.Data.Reports;
using Clinic.Web.Auth;
using Clinic.Web.Components.Shared;
using CsvHelper;
using CsvHelperWriter = CsvHelper.CsvWriter;
using Microsoft.AspNetCore.Components.Authorization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Clinic.Web.Export;

/// <summary>
/// GET /export/reports/{code}.{csv|xlsx|pdf}?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: one report of the Reports page
/// (report_run) as a download. The database decides everything: whether this user may run that report, whether
/// the range is valid (at most 366 days), whether the format is one it offers, and it writes the report export
/// log before it returns a row. The endpoint reads the report's header before it answers, so that a refusal is a
/// proper status code (403 not allowed, 404 unknown report, 400 a bad range or format), and then streams the rows
/// from the server to the file as they come: CSV (CsvHelper) straight to the response, XLSX (MiniExcel, from the
/// open reader) through a temporary file, PDF (PDFsharp) page by page.
/// </summary>
public static class ReportExportEndpoints
{
    public static IEndpointRouteBuilder MapReportExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/reports/{code}.{format}", ExportAsync).RequireAuthorization(Permissions.ReportRun);
        return endpoints;
    }

    /// <summary>The link of a report's download, as the Reports page builds it.</summary>
    public static string Href(string code, string format, DateTime? from, DateTime? to) =>
        from is null || to is null
            ? $"/export/reports/{Uri.EscapeDataString(code)}.{format}"
            : $"/export/reports/{Uri.EscapeDataString(code)}.{format}?from={Format.Date(from.Value)}&to={Format.Date(to.Value)}";

    private static async Task<IResult> ExportAsync(HttpContext http, ReportProcedures reports, AuthenticationStateProvider authState,
        string code, string format, string? from, string? to)
    {
        if (!TryDate(from, out var first) || !TryDate(to, out var last))
            return Results.BadRequest("Give the dates as from=yyyy-MM-dd and to=yyyy-MM-dd.");

        // The data layer acts as the signed-in user: outside a Blazor circuit, tell it who that is.
        if (authState is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));

        var ct = http.RequestAborted;
        ReportRun run;
        try
        {
            run = await reports.RunAsync(code, first, last, format.ToLowerInvariant(), ct);
        }
        catch (ClinicRuleException ex)
        {
            var status = ex.Code switch
            {
                50101 or 50102 or 51331 => StatusCodes.Status403Forbidden,
                51330 => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(ex.Message, statusCode: status);
        }
        catch (ClinicDataUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await using (run)
        {
            var extension = format.ToLowerInvariant();
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(run.Header, extension)}\"";
            http.Response.Headers.CacheControl = "no-store";
            switch (extension)
            {
                case "csv":
                    http.Response.ContentType = "text/csv; charset=utf-8";
                    await WriteCsvAsync(run, http.Response.Body, ct);
                    break;
                case "xlsx":
                    http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                    await WriteXlsxAsync(run, http.Response.Body, ct);
                    break;
                default:
                    http.Response.ContentType = "application/pdf";
                    await ReportPdf.WriteAsync(run, http.Response.Body, ct);
                    break;
            }
        }
        return Results.Empty;
    }

    /// <summary>The header (the result set's column names), then each row as it is read, flushed as the buffer fills.</summary>
    public static async Task<int> WriteCsvAsync(ReportRun run, Stream output, CancellationToken ct = default)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        await using var csv = CsvHelperWriter.Create(output, options, leaveOpen: true);
        foreach (var column in run.Columns)
            csv.WriteField(column);
        await csv.EndRecordAsync(ct);
        var count = 0;
        await foreach (var row in run.ReadRowsAsync(ct))
        {
            for (var i = 0; i < row.Length; i++)
            {
                switch (row[i])
                {
                    case null:
                        csv.WriteField((string?)null);
                        break;
                    case DateTime date:
                        csv.WriteField(date, date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss");
                        break;
                    case decimal number:
                        csv.WriteField(number, default);
                        break;
                    case long number:
                        csv.WriteField(number, default);
                        break;
                    case int number:
                        csv.WriteField(number, default);
                        break;
                    case double number:
                        csv.WriteField(number, default);
                        break;
                    default:
                        csv.WriteField(Convert.ToString(row[i], CultureInfo.InvariantCulture));
                        break;
                }
            }
            await csv.EndRecordAsync(ct);
            count++;
        }
        await csv.FlushAsync(ct);
        return count;
    }

    /// <summary>
    /// One sheet with a header row, written by MiniExcel from the open reader (row by row, never all rows in memory).
    /// MiniExcel's zip writer needs a seekable stream and writes synchronously, so it writes a temporary file that
    /// is deleted when closed; the file is then copied to <paramref name="output"/>.
    /// </summary>
    public static async Task WriteXlsxAsync(ReportRun run, Stream output, CancellationToken ct = default)
    {
        var columns = run.Columns.Select((name, i) => (name, type: run.ColumnTypes[i]))
            .Where(c => c.type == typeof(DateTime))
            .Select(c => new DynamicExcelColumn(c.name) { Format = "yyyy-MM-dd", Width = 12 })
            .ToArray();
        var configuration = new OpenXmlConfiguration { DynamicColumns = columns, FreezeRowCount = 1, EnableWriteNullValueCell = true };
        var path = Path.Combine(Path.GetTempPath(), "clinic-report-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await file.SaveAsAsync(run.Rows, printHeader: true, sheetName: SheetName(run.Header.Title), excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: ct);
        await file.FlushAsync(ct);
        file.Position = 0;
        await file.CopyToAsync(output, ct);
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = string.Concat(title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))).Trim();
        return name.Length == 0 ? "Report" : name.Length > 31 ? name[..31].Trim() : name;
    }

    /// <summary>appointments-2026-01-01-to-2026-01-31.csv; a snapshot: stock-2026-02-03.csv.</summary>
    public static string FileName(ReportHeader header, string extension) =>
        header.RangeFrom is { } from && header.RangeTo is { } to
            ? $"{header.ReportCode}-{Format.Date(from)}-to-{Format.Date(to)}.{extension}"
            : $"{header.ReportCode}-{Format.Date(header.GeneratedAt)}.{extension}";

    /// <summary>An absent date is null (the database says whether the report needs it); a present one must be yyyy-MM-dd.</summary>
    private static bool TryDate(string? text, out DateTime? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return false;
        date = value;
        return true;
    }
}
