using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Import;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Admin;

/// <summary>
/// The import screen (/admin/import) lays out what the import procedures return: the kinds and their columns
/// (import_column_list), the check's counts and first errors, the Import button as the batch's can_apply says, the
/// link to the whole error report, and the recent imports. Loading, empty and refused states.
/// </summary>
public sealed class ImportPageTests : BunitTest
{
    private sealed class FakeImportDesk : IImportDesk
    {
        public List<ImportColumn> Columns { get; } = [];
        public List<ImportBatchListRow> Recent { get; } = [];
        public TaskCompletionSource? Gate { get; set; }
        public ImportCheckResult? CheckResult { get; set; }
        public ImportBatch? Applied { get; set; }
        public ClinicRuleException? CheckRefusal { get; set; }
        public (string Kind, string FileName, string Text, bool ValidRows, bool NotifyPatients, int ErrorLimit)? Checked { get; private set; }
        public int? AppliedId { get; private set; }
        public List<int> CancelledIds { get; } = [];

        public async Task<IReadOnlyList<ImportColumn>> ColumnsAsync(CancellationToken ct = default)
        {
            if (Gate is not null)
                await Gate.Task;
            return Columns;
        }

        public Task<IReadOnlyList<ImportBatchListRow>> RecentAsync(int limit, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<ImportBatchListRow>>(Recent.ToList());

        public async Task<ImportCheckResult> CheckAsync(string kind, string fileName, Stream upload, long size, bool validRows, bool notifyPatients,
            int errorLimit, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
        {
            using var reader = new StreamReader(upload);
            Checked = (kind, fileName, await reader.ReadToEndAsync(ct), validRows, notifyPatients, errorLimit);
            progress?.Report(new ImportProgress("Sending the rows", 50, 2));
            if (CheckRefusal is not null)
                throw CheckRefusal;
            return CheckResult!;
        }

        public Task<ImportBatch> ApplyAsync(int importBatchId, CancellationToken ct = default)
        {
            AppliedId = importBatchId;
            return Task.FromResult(Applied!);
        }

        public Task<ImportBatch> CancelAsync(int importBatchId, CancellationToken ct = default)
        {
            CancelledIds.Add(importBatchId);
            return Task.FromResult(Batch("cancelled", canApply: false, valid: 0, rejected: 0));
        }
    }

    private FakeImportDesk desk = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudBlazor.MudSnackbarProvider> Snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        desk = new FakeImportDesk();
        Context.Services.AddSingleton<IImportDesk>(desk);
        SignInWith(Clinic.Web.Auth.Permissions.ImportRun);
        Context.Render<MudBlazor.MudPopoverProvider>();
        Context.Render<MudBlazor.MudDialogProvider>();
        Snackbars = Context.Render<MudBlazor.MudSnackbarProvider>();
        desk.Columns.AddRange(
        [
            Column("patient", "Patients", 1, "external_id", false),
            Column("patient", "Patients", 2, "given_name", true),
            Column("patient", "Patients", 3, "family_name", true),
            Column("staff", "Staff", 1, "external_id", false),
        ]);
    }

    private static ImportColumn Column(string kind, string title, int position, string name, bool required) => new()
    {
        Kind = kind, KindTitle = title, KindDescription = $"About {title}.", Position = position, ColumnName = name, IsRequired = required,
        MaxLength = 100, Description = $"The {name}.", Example = "x",
    };

    private static ImportBatch Batch(string status, bool canApply, int valid, int rejected, int imported = 0, long errors = 2) => new()
    {
        ImportBatchId = 41, Kind = "patient", KindTitle = "Patients", FileName = "patients.csv", Mode = "valid_rows", Status = status,
        RowsTotal = valid + rejected, RowsValid = valid, RowsRejected = rejected, RowsImported = imported, ErrorCount = errors,
        CanCheck = canApply, CanApply = canApply, CanCancel = canApply,
    };

    private static readonly ImportError[] TwoErrors =
    [
        new() { LineNo = 3, ColumnName = "date_of_birth", CellValue = "31/02/1990", ErrorCode = 51613, Message = "Please write a real date." },
        new() { LineNo = 5, ColumnName = "family_name", CellValue = null, ErrorCode = 50201, Message = "Please enter the family name." },
    ];

    private static void WaitUntil<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        Lab.LabWorklistTests.WaitUntil(component, assertion);

    private static IReadOnlyList<string> Rows(IRenderedComponent<Import> page, string tableTestId) =>
        page.FindAll($"[data-testid={tableTestId}] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    private IRenderedComponent<Import> RenderLoaded()
    {
        var page = Context.Render<Import>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-form]"), Has.Count.EqualTo(1)));
        return page;
    }

    private static void Upload(IRenderedComponent<Import> page, string text)
    {
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, "patients.csv", null, "text/csv"));
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=import-form] .mud-chip").TextContent, Does.Contain("patients.csv")));
    }

    private static AngleSharp.Dom.IElement ImportButton(IRenderedComponent<Import> page) => page.Find("button[data-testid=import-apply]");

    [Test]
    public void Shows_loading_then_the_kinds_from_the_database_and_the_first_kinds_columns()
    {
        desk.Gate = new TaskCompletionSource();
        var page = Context.Render<Import>();
        Assert.That(page.FindAll("[data-testid=import-loading]"), Has.Count.EqualTo(1));
        desk.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-column]"), Has.Count.EqualTo(3)));
        var columns = page.FindAll("[data-testid=import-column]").Select(r => r.TextContent).ToList();
        Assert.That(columns[0], Does.Contain("external_id").And.Not.Contain("Required"));
        Assert.That(columns[2], Does.Contain("family_name").And.Contain("Required"));
        Assert.That(columns[1], Does.Contain("given_name").And.Contain("Required"));
        Assert.That(page.Find("[data-testid=import-columns]").TextContent, Does.Contain("Columns of Patients").And.Contain("About Patients."));
        Assert.That(page.Find("button[data-testid=import-check]").HasAttribute("disabled"), Is.True, "no file yet");
        Assert.That(page.FindAll("[data-testid=import-result]"), Is.Empty);
    }

    [Test]
    public void No_kinds_shows_the_empty_state_and_no_imports_the_empty_list()
    {
        desk.Columns.Clear();
        var page = Context.Render<Import>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-no-kinds]"), Has.Count.EqualTo(1)));

        desk.Columns.Add(Column("patient", "Patients", 1, "external_id", false));
        var second = RenderLoaded();
        WaitUntil(second, () => Assert.That(second.Find("[data-testid=import-recent]").TextContent, Does.Contain("No imports yet.")));
    }

    [Test]
    public void Recent_imports_are_listed_with_status_and_counts()
    {
        desk.Recent.Add(new ImportBatchListRow
        {
            ImportBatchId = 7, Kind = "staff", KindTitle = "Staff", FileName = "staff.csv", Mode = "all_or_nothing", Status = "imported",
            RowsTotal = 12, RowsImported = 10, RowsSkipped = 2, CreatedByName = "Ada Admin", CreatedAt = new DateTime(2026, 12, 1, 9, 30, 0),
        });
        var page = RenderLoaded();
        WaitUntil(page, () => Assert.That(Rows(page, "import-recent"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "import-recent")[0], Does.Contain("staff.csv").And.Contain("Imported").And.Contain("12").And.Contain("10")
            .And.Contain("Ada Admin").And.Contain("2026-12-01 09:30"));
    }

    [Test]
    public void A_checked_file_shows_its_counts_and_errors_with_line_numbers_and_Import_is_disabled_when_the_database_says_so()
    {
        desk.CheckResult = new ImportCheckResult(Batch("checked", canApply: false, valid: 2, rejected: 2), TwoErrors);
        var page = RenderLoaded();
        // The radio group's choice, as a click on "Import the good rows" makes it.
        var mode = page.FindComponent<MudBlazor.MudRadioGroup<bool>>();
        page.InvokeAsync(() => mode.Instance.ValueChanged.InvokeAsync(true)).Wait();
        Upload(page, "given_name,family_name\nAmina,Nakato\n");
        page.Find("button[data-testid=import-check]").Click();

        WaitUntil(page, () => Assert.That(Rows(page, "import-errors"), Has.Count.EqualTo(2)));
        Assert.That(desk.Checked, Is.Not.Null);
        Assert.That(desk.Checked!.Value.Kind, Is.EqualTo("patient"));
        Assert.That(desk.Checked.Value.FileName, Is.EqualTo("patients.csv"));
        Assert.That(desk.Checked.Value.Text, Is.EqualTo("given_name,family_name\nAmina,Nakato\n"), "the file is streamed to the service as it is");
        Assert.That(desk.Checked.Value.ErrorLimit, Is.EqualTo(50));
        Assert.That(desk.Checked.Value.ValidRows, Is.True, "the mode chosen: import the good rows");
        Assert.That(desk.Checked.Value.NotifyPatients, Is.False, "an import tells no patient unless asked");
        var rows = Rows(page, "import-errors");
        Assert.That(rows[0], Does.Contain("3").And.Contain("date_of_birth").And.Contain("31/02/1990").And.Contain("Please write a real date."));
        Assert.That(rows[1], Does.Contain("5").And.Contain("family_name").And.Contain("Please enter the family name."));
        Assert.That(page.Find("[data-testid=import-count-valid]").TextContent, Does.Contain("2 good"));
        Assert.That(page.Find("[data-testid=import-count-rejected]").TextContent, Does.Contain("2 with errors"));
        Assert.That(page.Find("[data-testid=import-error-report]").GetAttribute("href"), Is.EqualTo("/export/import/41/errors.csv"));
        Assert.That(ImportButton(page).HasAttribute("disabled"), Is.True, "can_apply is false");
    }

    [Test]
    public void Import_follows_can_apply_and_shows_the_imported_counts()
    {
        desk.CheckResult = new ImportCheckResult(Batch("checked", canApply: true, valid: 2, rejected: 0, errors: 0), []);
        desk.Applied = Batch("imported", canApply: false, valid: 2, rejected: 0, imported: 2, errors: 0);
        var page = RenderLoaded();
        Upload(page, "given_name,family_name\nAmina,Nakato\nBrian,Okello\n");
        page.Find("button[data-testid=import-check]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-no-errors]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=import-error-report]"), Is.Empty, "no errors, no report");
        Assert.That(ImportButton(page).HasAttribute("disabled"), Is.False, "can_apply is true");

        ImportButton(page).Click();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=import-status]").TextContent, Does.Contain("Imported")));
        Assert.That(desk.AppliedId, Is.EqualTo(41));
        Assert.That(page.Find("[data-testid=import-count-imported]").TextContent, Does.Contain("2 imported"));
        Assert.That(ImportButton(page).HasAttribute("disabled"), Is.True, "an imported batch cannot be imported again");
        WaitUntil(Snackbars, () => Assert.That(Snackbars.Markup, Does.Contain("2 rows imported from patients.csv.")));
    }

    /// <summary>Checks a file as the page's first kind; the batch (41) is checked and may still be cancelled.</summary>
    private IRenderedComponent<Import> RenderChecked(bool canCancel = true)
    {
        desk.CheckResult = new ImportCheckResult(Batch("checked", canApply: canCancel, valid: 2, rejected: 0, errors: 0), []);
        var page = RenderLoaded();
        Upload(page, "given_name,family_name\nAmina,Nakato\n");
        page.Find("button[data-testid=import-check]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-result]"), Has.Count.EqualTo(1)));
        return page;
    }

    [Test]
    public void Another_kind_cancels_the_checked_batch_left_behind()
    {
        var page = RenderChecked();
        Assert.That(desk.CancelledIds, Is.Empty);
        var select = page.FindComponent<MudBlazor.MudSelect<string>>();
        page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("staff")).Wait();
        WaitUntil(page, () => Assert.That(desk.CancelledIds, Is.EqualTo(new[] { 41 })));
        Assert.That(page.FindAll("[data-testid=import-result]"), Is.Empty);
    }

    [Test]
    public void Another_file_cancels_the_checked_batch_left_behind()
    {
        var page = RenderChecked();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("given_name\nB\n", "other.csv", null, "text/csv"));
        WaitUntil(page, () => Assert.That(desk.CancelledIds, Is.EqualTo(new[] { 41 })));
    }

    [Test]
    public void The_notify_option_is_sent_with_the_check_and_changing_it_cancels_the_checked_batch()
    {
        var page = RenderChecked();
        var notify = page.FindComponent<MudBlazor.MudCheckBox<bool>>();
        page.InvokeAsync(() => notify.Instance.ValueChanged.InvokeAsync(true)).Wait();
        WaitUntil(page, () => Assert.That(desk.CancelledIds, Is.EqualTo(new[] { 41 })));
        page.Find("button[data-testid=import-check]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=import-result]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Checked!.Value.NotifyPatients, Is.True);
    }

    [Test]
    public async Task Leaving_the_page_cancels_a_checked_batch_but_not_one_the_database_says_is_done()
    {
        var page = RenderChecked();
        await page.Instance.DisposeAsync();
        Assert.That(desk.CancelledIds, Is.EqualTo(new[] { 41 }));

        desk.CancelledIds.Clear();
        var done = RenderChecked(canCancel: false);
        await done.Instance.DisposeAsync();
        Assert.That(desk.CancelledIds, Is.Empty, "can_cancel is false: nothing to cancel");
    }

    [Test]
    public void A_refused_check_shows_the_databases_sentence()
    {
        desk.CheckRefusal = new ClinicRuleException(51605, "The lines of the file could not be read. Please save it as CSV and try again.");
        var page = RenderLoaded();
        Upload(page, "nonsense");
        page.Find("button[data-testid=import-check]").Click();
        WaitUntil(Snackbars, () => Assert.That(Snackbars.Markup, Does.Contain("The lines of the file could not be read.")));
        Assert.That(page.FindAll("[data-testid=import-result]"), Is.Empty);
        Assert.That(page.Find("button[data-testid=import-check]").HasAttribute("disabled"), Is.False, "the page is usable again");
    }
}
