using Clinic.Web.Components.Shared;
using System.Globalization;
using Clinic.Data.Scheduling;

namespace Clinic.Web.Components.Appointments;

/// <summary>One column of the calendar: a day (week view), a doctor or a room (day view).</summary>
public sealed record CalendarColumn(string Key, string Title, string? Subtitle, bool IsToday, IReadOnlyList<AppointmentListRow> Appointments);

/// <summary>How the calendar page arranges the rows of appointment_list. Pure: no database, no UI.</summary>
public static class CalendarLayout
{
    public const string Day = "day";
    public const string Week = "week";
    public const string ByDoctor = "doctor";
    public const string ByRoom = "room";

    /// <summary>Monday of the week that holds <paramref name="date"/>.</summary>
    public static DateTime WeekStart(DateTime date) => date.Date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The half-open range [From, To) a view shows.</summary>
    public static (DateTime From, DateTime To) Range(DateTime date, string view) =>
        view == Week ? (WeekStart(date), WeekStart(date).AddDays(7)) : (date.Date, date.Date.AddDays(1));

    /// <summary>The date the previous/next button moves to.</summary>
    public static DateTime Step(DateTime date, string view, int direction) => date.Date.AddDays(direction * (view == Week ? 7 : 1));

    /// <summary>
    /// Week view: one column per day, Monday to Sunday, even when empty. Day view for one doctor or
    /// room (<paramref name="single"/> names it): one column. Day view for everyone: one column per
    /// doctor (or room; "No room" last) that has appointments, by name.
    /// </summary>
    public static IReadOnlyList<CalendarColumn> Columns(IReadOnlyList<AppointmentListRow> rows, DateTime date, string view, string by, string? single,
        DateTime today)
    {
        var ordered = rows.OrderBy(r => r.StartsAt).ThenBy(r => r.AppointmentId).ToList();
        if (view == Week)
        {
            var monday = WeekStart(date);
            return Enumerable.Range(0, 7).Select(i =>
            {
                var day = monday.AddDays(i);
                return new CalendarColumn(Format.Date(day), Format.WeekdayShort(day),
                    Format.DayMonth(day), day == today.Date, ordered.Where(r => r.StartsAt.Date == day).ToList());
            }).ToList();
        }
        if (single is not null)
            return [new CalendarColumn("single", single, Format.DayLong(date), date.Date == today.Date, ordered)];
        if (by == ByRoom)
            return ordered.GroupBy(r => r.RoomId)
                .OrderBy(g => g.Key is null).ThenBy(g => g.First().RoomName, StringComparer.CurrentCultureIgnoreCase)
                .Select(g => new CalendarColumn($"room-{g.Key?.ToString(CultureInfo.InvariantCulture) ?? "none"}", g.First().RoomName ?? "No room", null,
                    false, g.ToList()))
                .ToList();
        return ordered.GroupBy(r => r.StaffId)
            .OrderBy(g => g.First().DoctorFamilyName, StringComparer.CurrentCultureIgnoreCase).ThenBy(g => g.First().DoctorGivenName).ThenBy(g => g.Key)
            .Select(g => new CalendarColumn($"doctor-{g.Key.ToString(CultureInfo.InvariantCulture)}", $"{g.First().DoctorGivenName} {g.First().DoctorFamilyName}",
                null, false, g.ToList()))
            .ToList();
    }
}
