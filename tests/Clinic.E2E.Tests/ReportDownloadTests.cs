using System.Text;
using Clinic.Data.Clinical;
using Clinic.Data.Queue;
using Clinic.Data.Reports;
using Dapper;
using Microsoft.Playwright;
using MiniExcelLibs;
using MySqlConnector;
using PdfSharp.Pdf.IO;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The Reports page on a real server and database: the administrator downloads three reports (diagnoses, department
/// efficiency, stock) in each format, and each file holds what report_run returns: the CSV and the XLSX have the
/// report's header and one line per row, the PDF opens and carries the report's title. Every download is in the report
/// export log. A role without the report is refused with 403, and a bad range with 400 and the database's sentence.
/// </summary>
public sealed class ReportDownloadTests : BrowserTest
{
    private static readonly string[] Codes = ["diagnoses", "department_efficiency", "stock"];

    /// <summary>What report_run returns for the page's default range (the last 30 days to today), as the administrator.</summary>
    private static Task<(string Title, IReadOnlyList<string> Columns, int Rows)> ExpectedAsync(string code) =>
        ClinicApp.AsAdminAsync(async (runner, admin) =>
        {
            await using var run = await new ReportProcedures(runner, admin).RunAsync(code, DateTime.Today.AddDays(-29), DateTime.Today, "csv");
            var rows = 0;
            await foreach (var _ in run.ReadRowsAsync())
                rows++;
            return (run.Header.Title, run.Columns, rows);
        });

    private static async Task<long> AdminExportsAsync()
    {
        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM report_export_trail AS t JOIN user_account AS u ON u.user_account_id = t.user_account_id WHERE u.username = 'admin'");
    }

    [Test]
    public async Task The_administrator_downloads_three_reports_as_CSV_XLSX_and_PDF_with_the_reports_rows()
    {
        // Today: a walk-in seen by a doctor with a diagnosis, and a medication in stock.
        var doctor = await FrontDeskData.NewDoctorAsync("Reportson");
        var patient = await FrontDeskData.NewPatientAsync("Rita", "Reports");
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput { PatientId = patient.PatientId, StaffId = doctor.StaffId });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);
        await ClinicApp.AsAsync(doctor.AccountId, (runner, session) => new VisitProcedures(runner, session).AddDiagnosisAsync(visitId, "J06.9", true));
        await ClinicalData.NewMedicationWithTwoLotsAsync("reportamol", 10, 30);

        var expected = new Dictionary<string, (string Title, IReadOnlyList<string> Columns, int Rows)>();
        foreach (var code in Codes)
            expected[code] = await ExpectedAsync(code);
        Assert.That(expected.Values.All(e => e.Rows > 0), Is.True, "each report has rows to check");
        var exportsBefore = await AdminExportsAsync();

        await SignInAsync("admin", "admin123");
        await TestId("nav-reports").ClickAsync();
        await Expect(TestId("report-row")).ToHaveCountAsync(6);
        await Expect(Page.Locator("[data-testid=report-row][data-report=stock] [data-testid=report-snapshot]")).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("reports-1280"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        foreach (var code in Codes)
        {
            var (title, columns, rowCount) = expected[code];
            var row = Page.Locator($"[data-testid=report-row][data-report={code}]");
            await Expect(row.GetByTestId("report-title")).ToHaveTextAsync(title);

            var csv = await Page.RunAndWaitForDownloadAsync(() => row.GetByTestId("report-download-csv").ClickAsync());
            Assert.That(csv.SuggestedFilename, Does.StartWith(code + "-").And.EndWith(".csv"));
            var text = await File.ReadAllTextAsync(await csv.PathAsync(), Encoding.UTF8);
            var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines[0], Is.EqualTo(string.Join(",", columns)), $"{code}.csv header");
            Assert.That(lines, Has.Length.EqualTo(rowCount + 1), $"{code}.csv rows");
            if (code == "diagnoses")
                Assert.That(text, Does.Contain(",J06.9,"));

            var xlsx = await Page.RunAndWaitForDownloadAsync(() => row.GetByTestId("report-download-xlsx").ClickAsync());
            Assert.That(xlsx.SuggestedFilename, Does.EndWith(".xlsx"));
            var xlsxPath = await xlsx.PathAsync();
            Assert.That(MiniExcel.GetColumns(xlsxPath, useHeaderRow: true, excelType: ExcelType.XLSX), Is.EqualTo(columns), $"{code}.xlsx header");
            Assert.That(MiniExcel.Query(xlsxPath, useHeaderRow: true, excelType: ExcelType.XLSX).Count(), Is.EqualTo(rowCount), $"{code}.xlsx rows");

            var pdf = await Page.RunAndWaitForDownloadAsync(() => row.GetByTestId("report-download-pdf").ClickAsync());
            Assert.That(pdf.SuggestedFilename, Does.EndWith(".pdf"));
            // Kept beside the screenshots, to look at.
            await pdf.SaveAsAsync(Path.ChangeExtension(ClinicApp.ScreenshotPath("report-" + code), ".pdf"));
            using var document = PdfReader.Open(await pdf.PathAsync(), PdfDocumentOpenMode.Import);
            Assert.That(document.PageCount, Is.GreaterThanOrEqualTo(1));
            Assert.That(document.Info.Title, Is.EqualTo(title), $"{code}.pdf title");
        }

        Assert.That(await AdminExportsAsync(), Is.EqualTo(exportsBefore + 9), "every download is in the report export log");

        await Page.SetViewportSizeAsync(768, 1024);
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("reports-768"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    [Test]
    public async Task A_role_without_the_report_is_refused_and_a_bad_range_gets_the_databases_sentence()
    {
        var pharmacist = await ClinicalData.NewStaffAsync("pharmacist");
        await SignInAsync(pharmacist.Username, pharmacist.Password);
        await GotoInteractiveAsync("/reports");
        await Expect(TestId("report-row")).ToHaveCountAsync(1);
        await Expect(TestId("report-title")).ToHaveTextAsync("Stock on hand (today)");
        await Expect(TestId("reports-other-roles")).ToContainTextAsync("Diagnoses");

        var refused = await Page.APIRequest.GetAsync($"/export/reports/diagnoses.csv?from={DateTime.Today:yyyy-MM-dd}&to={DateTime.Today:yyyy-MM-dd}");
        Assert.That(refused.Status, Is.EqualTo(403));
        Assert.That(await refused.TextAsync(), Does.Contain("Your role may not run this report."));

        var stock = await Page.APIRequest.GetAsync("/export/reports/stock.csv");
        Assert.That(stock.Status, Is.EqualTo(200));
        Assert.That(stock.Headers["content-type"], Does.StartWith("text/csv"));

        await using var adminContext = await NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SubmitSignInAsync(admin, "admin", "admin123");
        var backwards = await admin.APIRequest.GetAsync("/export/reports/appointments.pdf?from=2026-01-31&to=2026-01-01");
        Assert.That(backwards.Status, Is.EqualTo(400));
        Assert.That(await backwards.TextAsync(), Does.Contain("The last day of the report must be on or after the first."));
        var tooLong = await admin.APIRequest.GetAsync("/export/reports/appointments.xlsx?from=2024-01-01&to=2026-01-01");
        Assert.That(tooLong.Status, Is.EqualTo(400));
        Assert.That(await tooLong.TextAsync(), Does.Contain("at most 366 days"));
        var unknown = await admin.APIRequest.GetAsync("/export/reports/nothing.csv?from=2026-01-01&to=2026-01-02");
        Assert.That(unknown.Status, Is.EqualTo(404));
    }
}
