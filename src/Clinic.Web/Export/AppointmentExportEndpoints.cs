using Clinic.Web.Components.Shared;
using System.Globalization;
using System.Text;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Appointments;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;

namespace Clinic.Web.Export;

/// <summary>
/// GET /export/appointments.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;staffId=&amp;roomId=&amp;status=]: every
/// appointment starting on the days from..to (both included, at most 366 days), streamed page by
/// page from appointment_list (pages of 100, so each query stays bounded and the file is complete).
/// Other exports (e.g. the queue) belong next to this one under /export.
/// </summary>
public static class AppointmentExportEndpoints
{
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapAppointmentExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/appointments.csv", ExportAsync)
            .RequireAuthorization(Permissions.AppointmentRead);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IAppointmentBook book, AuthenticationStateProvider authState,
        string? from, string? to, int? staffId, int? roomId, string? status)
    {
        if (!TryDate(from, out var first) || !TryDate(to, out var last))
            return Results.BadRequest("Give the dates as from=yyyy-MM-dd and to=yyyy-MM-dd.");
        if (last < first || (last - first).TotalDays >= MaxDays)
            return Results.BadRequest($"The last day must be on or after the first, at most {MaxDays} days later.");
        if (string.IsNullOrEmpty(status))
            status = null;
        else if (!AppointmentDisplay.All.Any(s => s.Code == status))
            return Results.BadRequest("Unknown status: use booked, checked_in, in_progress, completed, cancelled or no_show.");

        // The data layer acts as the signed-in user: outside a Blazor circuit, tell it who that is.
        if (authState is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));

        var ct = http.RequestAborted;
        await using var pages = AppointmentPages.PagesAsync(book, first, last.AddDays(1), staffId, roomId, status, maxPages: null, ct, forExport: true)
            .GetAsyncEnumerator(ct);
        bool any;
        try
        {
            // Read the first page before answering, so that a refusal becomes a proper status code.
            any = await pages.MoveNextAsync();
        }
        catch (ClinicRuleException ex)
        {
            return Results.Problem(ex.Message, statusCode: ex.Code is 50101 or 50102 ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }
        catch (ClinicDataUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var name = $"appointments-{Format.Date(first)}-to-{Format.Date(last)}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await writer.WriteAsync('\uFEFF'); // so that spreadsheets read the file as UTF-8
        await AppointmentCsv.WriteAsync(writer, Rest(pages, any), ct);
        return Results.Empty;
    }

    /// <summary>The first page already read, then the others.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<Data.Scheduling.AppointmentListRow>> Rest(
        IAsyncEnumerator<IReadOnlyList<Data.Scheduling.AppointmentListRow>> pages, bool any)
    {
        if (!any)
            yield break;
        yield return pages.Current;
        while (await pages.MoveNextAsync())
            yield return pages.Current;
    }

    private static bool TryDate(string? text, out DateTime date) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
