using System.Globalization;
using System.Text;
using Clinic.Data.Common;
using Clinic.Data.Import;
using Clinic.Web.Auth;

namespace Clinic.Web.Export;

/// <summary>
/// GET /export/import/{id}/errors.csv: the whole error report of one import (line, column, value, message, code), as
/// the import screen's "Download error report" link asks for it, written by <see cref="CsvImporter.WriteErrorReportAsync"/>
/// page by page from import_error_list. The procedures check the session and the permission import.run again; the
/// download is recorded first (import_error_report_export: report_export_trail, as the Reports page's downloads), which
/// returns the batch, so that a refusal is a proper status (403, 404 an unknown import) with the database's sentence,
/// before the file starts. Each download is also written to the app's log with the user and the batch.
/// </summary>
public static class ImportErrorReportEndpoints
{
    /// <summary>import_batch_require: there is no such import.</summary>
    private const int NoSuchImport = 51603;

    public static IEndpointRouteBuilder MapImportErrorReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/import/{importBatchId:int}/errors.csv", ExportAsync).RequireAuthorization(Permissions.ImportRun);
        return endpoints;
    }

    /// <summary>The link of a batch's error report.</summary>
    public static string Href(int importBatchId) => $"/export/import/{importBatchId.ToString(CultureInfo.InvariantCulture)}/errors.csv";

    private static async Task ExportAsync(HttpContext context, ProcedureRunner runner, ILoggerFactory loggers, int importBatchId, CancellationToken ct)
    {
        // An endpoint has no Blazor authentication state: the session comes from the request's cookie principal.
        var imports = new ImportProcedures(runner, new FixedSession(context.User.SessionToken()));
        ImportBatch batch;
        try
        {
            batch = await imports.ExportErrorsAsync(importBatchId, ct);
        }
        catch (ClinicRuleException ex)
        {
            await PlainAsync(context, ex.Code == NoSuchImport ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden, ex.Message, ct);
            return;
        }
        catch (ClinicDataUnavailableException ex)
        {
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, ex.Message, ct);
            return;
        }

        loggers.CreateLogger("Clinic.Web.Export.ImportErrorReport").LogInformation(
            "Import error report downloaded: import batch {ImportBatchId} ({Kind}, {FileName}) by user {UserName}",
            batch.ImportBatchId, batch.Kind, batch.FileName, context.User.Identity?.Name);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{batch.ImportBatchId.ToString(CultureInfo.InvariantCulture)}-errors.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var text = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await new CsvImporter(imports).WriteErrorRowsAsync(batch.ImportBatchId, text, ct);
        await text.FlushAsync(ct);
    }

    private static async Task PlainAsync(HttpContext context, int statusCode, string message, CancellationToken ct)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, ct);
    }
}
