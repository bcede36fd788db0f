using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The CSV import screen (issue 14) on a real server and database: the administrator checks a patients file with two
/// good and two bad rows (a date that does not exist, a missing family name), sees the two errors with their line
/// numbers, downloads the error report, imports the good rows, finds the two patients, and a second import of the same
/// file skips them.
/// </summary>
public sealed class ImportScreenTests : BrowserTest
{
    /// <summary>Letters only: names are checked as names.</summary>
    private static string Letters(int count) => string.Concat(Guid.NewGuid().ToByteArray().Take(count).Select(b => (char)('a' + b % 26)));

    private async Task UploadAsync(byte[] file)
    {
        await Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "patients.csv", MimeType = "text/csv", Buffer = file });
        await Expect(Page.Locator("[data-testid=import-form] .mud-chip")).ToContainTextAsync("patients.csv");
    }

    private Task FullScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    [Test]
    public async Task The_administrator_checks_a_file_downloads_the_errors_imports_the_good_rows_and_a_second_import_skips_them()
    {
        var family = "Impo" + Letters(6);
        var tag = Letters(8);
        var csv = string.Join("\n",
            "external_id,given_name,family_name,sex,date_of_birth",
            $"E2E-{tag}-1,Grace,{family},female,1990-04-12",
            $"E2E-{tag}-2,Henry,{family},male,31/02/1985",
            $"E2E-{tag}-3,Irene,,female,1975-01-30",
            $"E2E-{tag}-4,James,{family},M,7/11/1979") + "\n";
        var file = Encoding.UTF8.GetBytes(csv);

        await SignInAsync("admin", "admin123");
        await TestId("nav-import").ClickAsync();
        await Expect(TestId("import-form")).ToBeVisibleAsync();
        await PickAsync(Page.Locator("[data-testid=import-form] .mud-select").First,
            Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new("^Patients$") }), "import-kind");
        await Expect(TestId("import-columns")).ToContainTextAsync("Columns of Patients");
        await Expect(TestId("import-columns")).ToContainTextAsync("date_of_birth");
        await Expect(TestId("import-columns")).ToContainTextAsync("confirm_duplicate");
        await TestId("import-mode-valid").ClickAsync();
        await UploadAsync(file);

        // The dry run: two good rows, two with errors, each error with its line as a spreadsheet shows it.
        await TestId("import-check").ClickAsync();
        await Expect(TestId("import-status")).ToHaveTextAsync("Checked, not imported", new() { Timeout = 30_000 });
        await Expect(TestId("import-count-valid")).ToHaveTextAsync("2 good");
        await Expect(TestId("import-count-rejected")).ToHaveTextAsync("2 with errors");
        var errors = TestId("import-errors").Locator("tbody tr.mud-table-row");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0).GetByTestId("import-error-line")).ToHaveTextAsync("3");
        await Expect(errors.Nth(0)).ToContainTextAsync("date_of_birth");
        await Expect(errors.Nth(0)).ToContainTextAsync("31/02/1985");
        await Expect(errors.Nth(0)).ToContainTextAsync("Please write a real date");
        await Expect(errors.Nth(1).GetByTestId("import-error-line")).ToHaveTextAsync("4");
        await Expect(errors.Nth(1)).ToContainTextAsync("family_name");
        await Expect(errors.Nth(1)).ToContainTextAsync("Please enter the patient's given name and family name.");
        await Expect(TestId("import-apply")).ToBeEnabledAsync();
        await FullScreenshotAsync("import-checked-1280");

        // The error report: line, column, value, message (and the code), one line per error.
        var download = await Page.RunAndWaitForDownloadAsync(() => TestId("import-error-report").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.StartWith("import-").And.EndWith("-errors.csv"));
        var report = (await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).TrimStart('\uFEFF')
            .Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.That(report, Has.Length.EqualTo(3), string.Join(" | ", report));
        Assert.That(report[0], Is.EqualTo("line,column,value,message,code"));
        Assert.That(report[1], Does.StartWith("3,date_of_birth,31/02/1985,Please write a real date").And.EndWith(",51613"));
        Assert.That(report[2], Is.EqualTo("4,family_name,,Please enter the patient's given name and family name.,50201"));

        // The endpoint asks the database: an import that does not exist is 404, with no file.
        var missing = await Page.APIRequest.GetAsync("/export/import/999999999/errors.csv");
        Assert.That(missing.Status, Is.EqualTo(404));
        Assert.That(missing.Headers["content-type"], Does.StartWith("text/plain"));

        // Import the good rows.
        await TestId("import-apply").ClickAsync();
        await Expect(TestId("import-status")).ToHaveTextAsync("Imported", new() { Timeout = 30_000 });
        await Expect(TestId("import-count-imported")).ToHaveTextAsync("2 imported");
        await Expect(TestId("import-apply")).ToBeDisabledAsync();
        await Expect(TestId("import-recent").Locator("tbody tr.mud-table-row").First).ToContainTextAsync("Imported");
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await FullScreenshotAsync("import-imported-1280");
        // The last column of Recent imports ("By") is whole on one line, inside the table, at 1280 px.
        var recentTable = await TestId("import-recent").BoundingBoxAsync();
        var byTextRight = await TestId("import-recent-by").First.EvaluateAsync<double>(
            "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().right; }");
        Assert.That(byTextRight, Is.LessThanOrEqualTo(recentTable!.X + recentTable.Width), "the By column's name is not cut off");
        Assert.That(await TestId("import-recent-by").First.EvaluateAsync<int>(
            "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"), Is.EqualTo(1),
            "the name is on one line");
        Assert.That(await TestId("import-recent").Locator(".mud-table-container").EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth"),
            Is.True, "no sideways scrolling at 1280 px");
        await Expect(TestId("import-recent-by").First).ToHaveTextAsync("Clinic Administrator");

        await Page.SetViewportSizeAsync(768, 1024);
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await FullScreenshotAsync("import-imported-768");
        await Page.SetViewportSizeAsync(1280, 900);

        // The two patients exist.
        await GotoInteractiveAsync("/patients");
        var rows = Page.Locator("tbody tr.mud-table-row");
        await TestId("patient-search").FillAsync(family);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("tbody")).ToContainTextAsync("Grace");
        await Expect(Page.Locator("tbody")).ToContainTextAsync("James");

        // The same file again: the two imported rows are skipped, nothing new is written.
        await GotoInteractiveAsync("/admin/import");
        await PickAsync(Page.Locator("[data-testid=import-form] .mud-select").First,
            Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new("^Patients$") }), "import-kind");
        await TestId("import-mode-valid").ClickAsync();
        await UploadAsync(file);
        await TestId("import-check").ClickAsync();
        await Expect(TestId("import-status")).ToHaveTextAsync("Checked, not imported", new() { Timeout = 30_000 });
        await Expect(TestId("import-count-skipped")).ToHaveTextAsync("2 imported before (skipped)");
        await Expect(TestId("import-count-valid")).ToHaveTextAsync("0 good");
        await TestId("import-apply").ClickAsync();
        await Expect(TestId("import-apply")).ToBeDisabledAsync(new() { Timeout = 30_000 });
        await Expect(TestId("import-count-imported")).ToHaveTextAsync("0 imported");
        await Page.SetViewportSizeAsync(768, 1024);
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await FullScreenshotAsync("import-reimport-768");

        await GotoInteractiveAsync("/patients");
        await TestId("patient-search").FillAsync(family);
        await Expect(rows).ToHaveCountAsync(2);
    }
}
