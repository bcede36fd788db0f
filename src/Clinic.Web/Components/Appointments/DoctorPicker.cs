using Clinic.Data.Scheduling;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using MudBlazor;

namespace Clinic.Web.Components.Appointments;

/// <summary>
/// The doctor boxes of the booking dialog and the calendar (MudAutocomplete over doctor_list, which matches the typed
/// name). The list shows <see cref="Shown"/> doctors, so the search asks the database for one more than that: the extra
/// row only tells the list to show its "type a name" line. It asked for 50 and the list showed 10 of them.
/// </summary>
public static class DoctorPicker
{
    /// <summary>How many doctors the open list shows (the autocomplete's MaxItems).</summary>
    public const int Shown = 10;

    public static async Task<IEnumerable<DoctorRow>> SearchAsync(IAppointmentBook book, ISnackbar snackbar, string? text, CancellationToken ct)
    {
        IReadOnlyList<DoctorRow> rows = [];
        await snackbar.TryAsync(async () => rows = await book.DoctorsAsync(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), null, Shown + 1, ct));
        return rows;
    }
}
