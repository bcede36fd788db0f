using Clinic.Data.Queue;
using Clinic.Web.Export;
using Clinic.Web.Services;

namespace Clinic.Web.Tests;

public sealed class CsvWriterTests
{
    [TestCase("plain", "plain")]
    [TestCase("", "")]
    [TestCase(null, "")]
    [TestCase("Okello, Sarah", "\"Okello, Sarah\"")]
    [TestCase("the \"big\" one", "\"the \"\"big\"\" one\"")]
    [TestCase("line one\nline two", "\"line one\nline two\"")]
    [TestCase("line one\r\nline two", "\"line one\r\nline two\"")]
    [TestCase(" spaces kept ", "\" spaces kept \"")] // quoted, so a spreadsheet keeps the spaces
    public void Quotes_only_fields_that_need_it(string? value, string expected) =>
        Assert.That(CsvWriter.Field(value), Is.EqualTo(expected));

    [TestCase("=1+2", "'=1+2")]
    [TestCase("+256772123456", "'+256772123456")]
    [TestCase("-5", "'-5")]
    [TestCase("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [TestCase("\tTAB", "'\tTAB")]
    [TestCase("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [TestCase("=cmd, with comma", "\"'=cmd, with comma\"")]
    [TestCase("a=b", "a=b")]
    [TestCase("1-2", "1-2")]
    public void Guards_cells_a_spreadsheet_would_run_as_formulas(string value, string expected) =>
        Assert.That(CsvWriter.Field(value), Is.EqualTo(expected));

    [Test]
    public async Task Writes_a_header_and_rows_with_crlf_line_ends()
    {
        await using var text = new StringWriter();
        var csv = new CsvWriter(text);

        await csv.WriteHeaderAsync(["Name", "Note"]);
        await csv.WriteRowAsync(["Mary \"Nakato\"", "first line\nsecond, line"]);
        await csv.WriteRowAsync([null, "=2*3"]);
        await csv.FlushAsync();

        Assert.That(text.ToString(), Is.EqualTo(
            "Name,Note\r\n" +
            "\"Mary \"\"Nakato\"\"\",\"first line\nsecond, line\"\r\n" +
            ",'=2*3\r\n"));
        Assert.That(CsvWriter.Format(["Name", "Note"], [["Mary \"Nakato\"", "first line\nsecond, line"], [null, "=2*3"]]), Is.EqualTo(text.ToString()));
    }

    [Test]
    public async Task The_queue_export_reads_every_page_of_100_until_the_total()
    {
        var all = Enumerable.Range(1, 250).Select(i => new QueueListRow { QueueEntryId = i, QueueNumber = i, TotalCount = 250 }).ToList();
        var calls = new List<(int Offset, int Limit)>();

        var read = new List<int>();
        await foreach (var page in Paging.PagesAsync<QueueListRow>((offset, limit, _) =>
                       {
                           calls.Add((offset, limit));
                           return Task.FromResult<IReadOnlyList<QueueListRow>>(all.Skip(offset).Take(limit).ToList());
                       }, r => r.TotalCount, QueueExportEndpoints.PageSize))
            read.AddRange(page.Select(r => r.QueueNumber));

        Assert.That(read, Is.EqualTo(Enumerable.Range(1, 250)));
        Assert.That(calls, Is.EqualTo(new[] { (0, 100), (100, 100), (200, 100) }));
    }

    [Test]
    public async Task An_exact_multiple_of_100_stops_at_the_total_without_an_empty_call()
    {
        var all = Enumerable.Range(1, 200).Select(i => new QueueListRow { QueueNumber = i, TotalCount = 200 }).ToList();
        var calls = 0;
        var pages = 0;
        await foreach (var _ in Paging.PagesAsync<QueueListRow>((offset, limit, _) =>
                       {
                           calls++;
                           return Task.FromResult<IReadOnlyList<QueueListRow>>(all.Skip(offset).Take(limit).ToList());
                       }, r => r.TotalCount, QueueExportEndpoints.PageSize))
            pages++;
        Assert.That((calls, pages), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task A_row_cap_reads_exactly_that_many_rows()
    {
        var all = Enumerable.Range(1, 250).Select(i => new QueueListRow { QueueNumber = i, TotalCount = 250 }).ToList();
        var calls = new List<(int Offset, int Limit)>();
        var (rows, total) = await Paging.ReadAllAsync<QueueListRow>((offset, limit, _) =>
        {
            calls.Add((offset, limit));
            return Task.FromResult<IReadOnlyList<QueueListRow>>(all.Skip(offset).Take(limit).ToList());
        }, r => r.TotalCount, 100, maxRows: 150);
        Assert.That((rows.Count, total), Is.EqualTo((150, 250L)));
        Assert.That(calls, Is.EqualTo(new[] { (0, 100), (100, 50) }));
    }

    [Test]
    public void A_queue_row_becomes_guarded_cells_in_header_order()
    {
        var row = new QueueListRow
        {
            ClinicDay = new DateTime(2026, 3, 2), QueueNumber = 14, QueuePosition = 2, PatientName = "=Evil, Name", IsWalkIn = true, Phone = "+256772123456",
            Priority = QueuePriority.Urgent, Status = QueueStatus.Waiting, Reason = "Fever", ArrivedAt = new DateTime(2026, 3, 2, 8, 5, 0), WaitMinutes = 12,
        };

        var cells = QueueExportEndpoints.Cells(row);

        Assert.That(cells, Has.Count.EqualTo(QueueExportEndpoints.Headers.Count));
        Assert.That(CsvWriter.FormatRow(cells), Is.EqualTo(
            "2026-03-02,14,2,\"'=Evil, Name\",,yes,'+256772123456,urgent,,waiting,Fever,2026-03-02 08:05:00,,,,12,\r\n"));
    }

    [Test]
    public void The_export_link_carries_the_board_filters()
    {
        Assert.That(QueueExportEndpoints.Url(new DateTime(2026, 3, 2), 5, QueueStatus.WithDoctor, includeUnassigned: true),
            Is.EqualTo("/export/queue.csv?day=2026-03-02&staffId=5&status=with_doctor&unassigned=true"));
        Assert.That(QueueExportEndpoints.Url(new DateTime(2026, 3, 2), null, null, includeUnassigned: true),
            Is.EqualTo("/export/queue.csv?day=2026-03-02"));
        Assert.That(QueueExportEndpoints.Url(null, null, null, false), Is.EqualTo("/export/queue.csv"));
    }
}
