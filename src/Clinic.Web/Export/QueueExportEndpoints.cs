using System.Globalization;
using System.Text;
using Clinic.Data.Common;
using Clinic.Data.Queue;
using Clinic.Web.Auth;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;

namespace Clinic.Web.Export;

/// <summary>
/// GET /export/queue.csv?day=yyyy-MM-dd&amp;staffId=&amp;status=&amp;unassigned=true: one day's walk-in queue
/// (default today) in board order, streamed a page (100 rows, the procedure's cap) at a time from
/// queue_list, so a long day never sits in memory. The procedure checks the role again.
/// </summary>
public static class QueueExportEndpoints
{
    public const string Path = "/export/queue.csv";
    internal const int PageSize = 100;

    public static readonly IReadOnlyList<string> Headers =
    [
        "Day", "Queue number", "Position", "Patient", "MRN", "Walk-in", "Phone", "Priority", "Doctor", "Status", "Reason",
        "Arrived", "Started", "Completed", "Cancelled", "Waited (min)", "Cancel reason",
    ];

    public static IEndpointRouteBuilder MapQueueExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Permissions.QueueRead);
        return endpoints;
    }

    /// <summary>The export link for the board's current filters.</summary>
    public static string Url(DateTime? day, int? staffId, string? status, bool includeUnassigned)
    {
        var query = new List<string>();
        if (day is { } d)
            query.Add("day=" + Format.Date(d));
        if (staffId is { } s)
            query.Add("staffId=" + s.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status))
            query.Add("status=" + Uri.EscapeDataString(status));
        if (staffId is not null && includeUnassigned)
            query.Add("unassigned=true");
        return query.Count == 0 ? Path : Path + "?" + string.Join('&', query);
    }

    public static IReadOnlyList<string?> Cells(QueueListRow row) =>
    [
        Date(row.ClinicDay), Number(row.QueueNumber), row.QueuePosition?.ToString(CultureInfo.InvariantCulture), row.PatientName, row.Mrn,
        row.IsWalkIn ? "yes" : "no", row.Phone, row.Priority, row.DoctorName, row.Status, row.Reason,
        Time(row.ArrivedAt), Time(row.StartedAt), Time(row.CompletedAt), Time(row.CancelledAt), Number(row.WaitMinutes), row.CancelReason,
    ];

    private static async Task ExportAsync(HttpContext context, ProcedureRunner runner, string? day, int? staffId, string? status,
        bool? unassigned, CancellationToken ct)
    {
        DateTime? date = null;
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (!DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                await PlainAsync(context, StatusCodes.Status400BadRequest, "The day must be a date written as yyyy-mm-dd.", ct);
                return;
            }
            date = parsed;
        }
        status = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        if (status is not null && !QueueStatus.All.Contains(status))
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, $"The status must be one of: {string.Join(", ", QueueStatus.All)}.", ct);
            return;
        }

        // An endpoint has no Blazor authentication state: the session comes from the request's cookie principal.
        var queue = new QueueProcedures(runner, new FixedSession(context.User.SessionToken()));
        await using var pages = Paging.PagesAsync((offset, limit, token) => queue.ListAsync(date, staffId, unassigned ?? false, status, offset, limit, token, forExport: true),
                r => r.TotalCount, PageSize, ct: ct)
            .GetAsyncEnumerator(ct);
        bool any;
        try
        {
            // The first page is read before the response starts, so a refusal can still answer with its message.
            any = await pages.MoveNextAsync();
        }
        catch (ClinicRuleException ex)
        {
            await PlainAsync(context, StatusCodes.Status403Forbidden, ex.Message, ct);
            return;
        }
        catch (ClinicDataUnavailableException ex)
        {
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, ex.Message, ct);
            return;
        }

        // Today is the clinic's (the database's clinic.time_zone), as queue_list's NULL day is.
        var fileDay = Format.Date(date ?? await context.RequestServices.GetRequiredService<Services.IClinicClock>().TodayAsync(ct));
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"queue-{fileDay}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var text = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        var csv = new CsvWriter(text);
        await csv.WriteHeaderAsync(Headers, ct);
        while (any)
        {
            foreach (var row in pages.Current)
                await csv.WriteRowAsync(Cells(row), ct);
            await csv.FlushAsync(ct);
            any = await pages.MoveNextAsync();
        }
    }

    private static async Task PlainAsync(HttpContext context, int statusCode, string message, CancellationToken ct)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, ct);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Date(DateTime value) => Format.Date(value);
    private static string? Time(DateTime? value) => value is null ? null : Format.Timestamp(value.Value);
}
