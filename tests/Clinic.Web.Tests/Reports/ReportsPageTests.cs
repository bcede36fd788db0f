using Bunit;
using Clinic.Data.Reports;
using Clinic.Web.Auth;
using Clinic.Web.Components.Reports;
using Clinic.Web.Components.Shared;
using Clinic.Web.Export;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Reports;

/// <summary>
/// The Reports page lays out report_list: the reports the role may run (can_run, the database's), each with its range
/// and links to the three downloads; a snapshot report has no range. Loading, empty and unavailable states.
/// </summary>
public sealed class ReportsPageTests : PharmacyTest
{
    private sealed class FakeReportDesk : IReportDesk
    {
        public IReadOnlyList<ReportDefinitionRow> Reports { get; set; } = [];
        public TaskCompletionSource? Gate { get; set; }
        public bool Fail { get; set; }
        public int Calls { get; private set; }

        public async Task<IReadOnlyList<ReportDefinitionRow>> ListAsync(CancellationToken ct = default)
        {
            Calls++;
            if (Gate is not null)
                await Gate.Task;
            if (Fail)
                throw new Clinic.Data.Common.ClinicDataUnavailableException("The clinic database cannot be reached right now.", new Exception());
            return Reports;
        }
    }

    private FakeReportDesk desk = default!;

    public override void Setup()
    {
        base.Setup();
        desk = new FakeReportDesk();
        Context.Services.AddSingleton<IReportDesk>(desk);
    }

    private static ReportDefinitionRow Report(string code, string title, bool canRun, bool usesRange = true, int order = 10) => new()
    {
        ReportCode = code, Title = title, Description = $"About {title}.", UsesRange = usesRange, CanRun = canRun, SortOrder = order,
    };

    [Test]
    public void Shows_loading_then_the_reports_the_role_may_run_with_three_download_links_over_the_last_30_days()
    {
        desk.Reports =
        [
            Report("appointments", "Appointments by day and doctor", canRun: true, order: 10),
            Report("diagnoses", "Diagnoses by month", canRun: false, order: 20),
            Report("stock", "Stock on hand (today)", canRun: true, usesRange: false, order: 60),
        ];
        desk.Gate = new TaskCompletionSource();
        RenderProvidersWith(Permissions.ReportRun);
        var page = Context.Render<Clinic.Web.Components.Reports.Reports>();
        Assert.That(page.FindAll("[data-testid=reports-loading]"), Has.Count.EqualTo(1));

        desk.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=report-row]"), Has.Count.EqualTo(2)));
        Assert.That(page.FindAll("[data-testid=report-title]").Select(t => t.TextContent.Trim()),
            Is.EqualTo(new[] { "Appointments by day and doctor", "Stock on hand (today)" }));
        var from = Format.Date(DateTime.Today.AddDays(-29));
        var to = Format.Date(DateTime.Today);
        var appointments = page.Find("[data-testid=report-row][data-report=appointments]");
        Assert.That(appointments.QuerySelectorAll("a[data-testid^=report-download-]").Select(a => a.GetAttribute("href")), Is.EqualTo(new[]
        {
            $"/export/reports/appointments.csv?from={from}&to={to}",
            $"/export/reports/appointments.xlsx?from={from}&to={to}",
            $"/export/reports/appointments.pdf?from={from}&to={to}",
        }));
        Assert.That(appointments.QuerySelectorAll("a[data-testid^=report-download-]").All(a => a.HasAttribute("download")), Is.True,
            "a download link, not a page the router would open");
        Assert.That(appointments.QuerySelectorAll("[data-testid=report-from]"), Has.Length.EqualTo(1));
        Assert.That(appointments.TextContent, Does.Contain("About Appointments by day and doctor."));

        var stock = page.Find("[data-testid=report-row][data-report=stock]");
        Assert.That(stock.QuerySelectorAll("[data-testid=report-from]"), Is.Empty);
        Assert.That(stock.QuerySelector("[data-testid=report-snapshot]")!.TextContent, Does.Contain("no range"));
        Assert.That(stock.QuerySelectorAll("a[data-testid^=report-download-]").Select(a => a.GetAttribute("href")),
            Is.EqualTo(new[] { "/export/reports/stock.csv", "/export/reports/stock.xlsx", "/export/reports/stock.pdf" }));
        Assert.That(page.Find("[data-testid=reports-other-roles]").TextContent, Does.Contain("Diagnoses by month"));
        Assert.That(desk.Calls, Is.EqualTo(1));
    }

    [Test]
    public void A_role_that_may_run_no_report_sees_the_empty_state()
    {
        desk.Reports = [Report("stock", "Stock on hand (today)", canRun: false, usesRange: false)];
        RenderProvidersWith(Permissions.ReportRun);
        var page = Context.Render<Clinic.Web.Components.Reports.Reports>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=reports-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=report-row]"), Is.Empty);
    }

    [Test]
    public void When_the_list_cannot_be_read_the_page_says_so()
    {
        desk.Fail = true;
        RenderProvidersWith(Permissions.ReportRun);
        var page = Context.Render<Clinic.Web.Components.Reports.Reports>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=reports-unavailable]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=report-row]"), Is.Empty);
    }

    [Test]
    public void The_download_link_and_file_name_carry_the_range_or_the_snapshot_day()
    {
        Assert.That(ReportExportEndpoints.Href("lab_turnaround", "xlsx", new DateTime(2026, 1, 1), new DateTime(2026, 1, 31)),
            Is.EqualTo("/export/reports/lab_turnaround.xlsx?from=2026-01-01&to=2026-01-31"));
        Assert.That(ReportExportEndpoints.FileName(new ReportHeader
        {
            ReportCode = "appointments", RangeFrom = new DateTime(2026, 1, 1), RangeTo = new DateTime(2026, 1, 31), GeneratedAt = new DateTime(2026, 2, 3, 10, 0, 0),
        }, "csv"), Is.EqualTo("appointments-2026-01-01-to-2026-01-31.csv"));
        Assert.That(ReportExportEndpoints.FileName(new ReportHeader { ReportCode = "stock", GeneratedAt = new DateTime(2026, 2, 3, 10, 0, 0) }, "pdf"),
            Is.EqualTo("stock-2026-02-03.pdf"));
    }

    [Test]
    public void The_pdf_shows_column_names_as_headings_and_values_as_the_clinic_writes_them()
    {
        Assert.That(ReportPdf.Heading("no_show_rate"), Is.EqualTo("No show rate"));
        Assert.That(ReportPdf.Cell(new DateTime(2026, 3, 4)), Is.EqualTo("2026-03-04"));
        Assert.That(ReportPdf.Cell(1234567.5m), Is.EqualTo("1,234,567.5"));
        Assert.That(ReportPdf.Cell(0.3333m), Is.EqualTo("0.3333"));
        Assert.That(ReportPdf.Cell(12L), Is.EqualTo("12"));
        Assert.That(ReportPdf.Cell(null), Is.EqualTo(""));
    }
}
