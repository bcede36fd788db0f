using Clinic.Web.Components.Shared;
using System.Globalization;
using System.Text;
using Clinic.Data.Scheduling;

namespace Clinic.Web.Export;

/// <summary>
/// A tiny RFC 4180 writer: fields separated by commas, lines ended by CRLF; a field that holds a
/// comma, a double quote, a line break or leading/trailing spaces is quoted, with quotes doubled.
/// Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
/// return) gets a leading single quote first (CSV injection, OWASP).
/// </summary>
public static class Csv
{
    public const string LineEnd = "\r\n";

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Line(params IEnumerable<string?> fields)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
                line.Append(',');
            line.Append(Field(field));
            first = false;
        }
        return line.Append(LineEnd).ToString();
    }
}

/// <summary>The columns of the appointment export, one row per appointment of appointment_list.</summary>
public static class AppointmentCsv
{
    public static readonly string[] Header =
    [
        "appointment_id", "date", "starts_at", "ends_at", "status", "mrn", "patient_given_name", "patient_family_name",
        "doctor", "room", "reason", "cancel_reason", "series_id",
    ];

    public static string?[] Fields(AppointmentListRow a) =>
    [
        a.AppointmentId.ToString(CultureInfo.InvariantCulture),
        Format.Date(a.StartsAt),
        Format.Time(a.StartsAt),
        Format.Time(a.EndsAt),
        a.Status, a.Mrn, a.PatientGivenName, a.PatientFamilyName,
        $"{a.DoctorGivenName} {a.DoctorFamilyName}", a.RoomName, a.Reason, a.CancelReason,
        a.SeriesId?.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Writes the header, then every page as it arrives (flushed page by page); returns the number of rows.</summary>
    public static async Task<int> WriteAsync(TextWriter writer, IAsyncEnumerable<IReadOnlyList<AppointmentListRow>> pages, CancellationToken ct = default)
    {
        await writer.WriteAsync(Csv.Line(Header));
        var count = 0;
        await foreach (var page in pages.WithCancellation(ct))
        {
            foreach (var row in page)
                await writer.WriteAsync(Csv.Line(Fields(row)));
            count += page.Count;
            await writer.FlushAsync(ct);
        }
        return count;
    }
}
