using Clinic.Web.Export;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Appointments;

/// <summary>The appointment export's CSV: RFC 4180 quoting, the formula-injection guard, and paging through every page.</summary>
public sealed class AppointmentCsvTests
{
    [TestCase(null, "")]
    [TestCase("", "")]
    [TestCase("plain", "plain")]
    [TestCase("Okot, Daniel", "\"Okot, Daniel\"")]
    [TestCase("say \"ah\"", "\"say \"\"ah\"\"\"")]
    [TestCase("two\r\nlines", "\"two\r\nlines\"")]
    [TestCase("line\nfeed", "\"line\nfeed\"")]
    [TestCase(" padded ", "\" padded \"")]
    [TestCase("HMS/000123", "HMS/000123")]
    [TestCase("O'Brien", "O'Brien")]
    public void Fields_are_quoted_only_when_needed(string? value, string expected) =>
        Assert.That(Csv.Field(value), Is.EqualTo(expected));

    [TestCase("=1+1", "'=1+1")]
    [TestCase("+256772123456", "'+256772123456")]
    [TestCase("-2", "'-2")]
    [TestCase("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [TestCase("\tindent", "'\tindent")]
    [TestCase("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")]
    [TestCase("=1,2", "\"'=1,2\"")]
    [TestCase("a=b", "a=b")]
    [TestCase("fever - 3 days", "fever - 3 days")]
    public void Text_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote(string value, string expected) =>
        Assert.That(Csv.Field(value), Is.EqualTo(expected));

    [Test]
    public void A_line_joins_fields_with_commas_and_ends_with_crlf()
    {
        Assert.That(Csv.Line("a", null, "b,c", ""), Is.EqualTo("a,,\"b,c\",\r\n"));
        Assert.That(Csv.Line(null, "x"), Is.EqualTo(",x\r\n"));
    }

    [Test]
    public async Task The_export_reads_every_page_and_writes_one_row_per_appointment()
    {
        var day = new DateTime(2026, 11, 30);
        var book = new FakeAppointmentBook
        {
            Appointments = Enumerable.Range(0, 250)
                .Select(i => FakeAppointmentBook.Appointment(i + 1, day.AddMinutes(i * 5), "booked", reason: i == 7 ? "=cmd|' /C calc'!A0" : $"Visit {i}"))
                .ToList(),
        };
        book.Appointments[3] = book.Appointments[3] with { Status = "cancelled", CancelReason = "Patient said \"no\", sorry", RoomId = 3, RoomName = "Room 3", SeriesId = 9 };
        using var writer = new StringWriter();

        var count = await AppointmentCsv.WriteAsync(writer, AppointmentPages.PagesAsync(book, day, day.AddDays(2), null, null, null, maxPages: null));

        Assert.That(count, Is.EqualTo(250));
        Assert.That(book.ListCalls.Select(c => (c.Offset, c.Limit)), Is.EqualTo(new[] { (0, 100), (100, 100), (200, 100) }));
        var lines = writer.ToString().Split("\r\n");
        Assert.That(lines, Has.Length.EqualTo(252), "header, 250 rows and the empty string after the last CRLF");
        Assert.That(lines[0], Is.EqualTo("appointment_id,date,starts_at,ends_at,status,mrn,patient_given_name,patient_family_name,doctor,room,reason,cancel_reason,series_id"));
        Assert.That(lines[1], Is.EqualTo("1,2026-11-30,00:00,00:20,booked,HMS/000012,Mary,Nakato,Daniel Okot,,Visit 0,,"));
        Assert.That(lines[4], Is.EqualTo("4,2026-11-30,00:15,00:35,cancelled,HMS/000012,Mary,Nakato,Daniel Okot,Room 3,Visit 3,\"Patient said \"\"no\"\", sorry\",9"));
        Assert.That(lines[8], Is.EqualTo("8,2026-11-30,00:35,00:55,booked,HMS/000012,Mary,Nakato,Daniel Okot,,'=cmd|' /C calc'!A0,,"));
        Assert.That(lines[250], Does.StartWith("250,"));
        Assert.That(lines[^1], Is.Empty);
    }

    [Test]
    public async Task Paging_stops_at_the_limit_and_reports_the_cut()
    {
        var day = new DateTime(2026, 11, 30);
        var book = new FakeAppointmentBook
        {
            Appointments = Enumerable.Range(0, 350).Select(i => FakeAppointmentBook.Appointment(i + 1, day.AddMinutes(i), "booked")).ToList(),
        };

        var (rows, truncated, total) = await AppointmentPages.ListAsync(book, day, day.AddDays(1), 5, null, "booked", maxPages: 2);

        Assert.That((rows.Count, truncated, total), Is.EqualTo((200, true, 350L)));
        Assert.That(book.ListCalls.Select(c => (c.StaffId, c.Status, c.Offset)), Is.EqualTo(new[] { ((int?)5, (string?)"booked", 0), (5, "booked", 100) }));
    }
}
