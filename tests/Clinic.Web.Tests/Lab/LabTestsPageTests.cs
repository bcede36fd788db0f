using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Lab;

public sealed class LabTestsPageTests : BunitTest
{
    private sealed class FakeCatalogue : ILabCatalogue
    {
        public List<LabTestRow> Tests { get; } =
        [
            new() { LabTestId = 1, Code = "HB", Name = "Haemoglobin", Specimen = "Blood (EDTA)", Unit = "g/dL", Price = 8_000m, IsActive = true, RangeCount = 2 },
            new() { LabTestId = 2, Code = "MRDT", Name = "Malaria RDT", Specimen = "Blood", Price = 5_000m, IsActive = true },
        ];
        public List<LabReferenceRangeRow> Ranges { get; } =
        [
            new() { LabReferenceRangeId = 10, LabTestId = 1, Sex = "female", AgeMinYears = 15, AgeMaxYears = 150, LowValue = 12m, HighValue = 15.5m },
            new() { LabReferenceRangeId = 11, LabTestId = 1, Sex = "any", AgeMinYears = 0, AgeMaxYears = 5, LowValue = 11m, HighValue = 14m },
        ];
        public List<string> Calls { get; } = [];
        public List<LabTestInput> Created { get; } = [];
        public List<LabReferenceRangeInput> RangeInputs { get; } = [];
        public Exception? FailRange { get; set; }

        public Task<IReadOnlyList<LabTestRow>> ListAsync(string? query, bool? active, int offset, int limit, CancellationToken ct = default)
        {
            Calls.Add($"list {query} {active}");
            var rows = Tests.Where(t => (query is null || t.Name.Contains(query, StringComparison.OrdinalIgnoreCase)) && (active is null || t.IsActive == active)).ToList();
            return Task.FromResult<IReadOnlyList<LabTestRow>>(rows.Select(r => r with { TotalCount = rows.Count }).ToList());
        }

        public Task<int> CreateAsync(LabTestInput input, CancellationToken ct = default)
        {
            Created.Add(input);
            Tests.Add(new LabTestRow { LabTestId = 3, Code = input.Code, Name = input.Name, Specimen = input.Specimen, Unit = input.Unit, Price = input.Price, IsActive = true });
            return Task.FromResult(3);
        }

        public Task UpdateAsync(int labTestId, LabTestInput input, CancellationToken ct = default) => throw new NotSupportedException();

        public Task SetActiveAsync(int labTestId, bool active, CancellationToken ct = default)
        {
            Calls.Add($"active {labTestId} {active}");
            var i = Tests.FindIndex(t => t.LabTestId == labTestId);
            Tests[i] = Tests[i] with { IsActive = active };
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<LabReferenceRangeRow>> RangesAsync(int labTestId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<LabReferenceRangeRow>>(Ranges.Where(r => r.LabTestId == labTestId).ToList());

        public Task<int> SetRangeAsync(LabReferenceRangeInput input, CancellationToken ct = default)
        {
            RangeInputs.Add(input);
            if (FailRange is { } failure)
                return Task.FromException<int>(failure);
            Ranges.Add(new LabReferenceRangeRow
            {
                LabReferenceRangeId = 12, LabTestId = input.LabTestId, Sex = input.Sex, AgeMinYears = input.AgeMinYears, AgeMaxYears = input.AgeMaxYears,
                LowValue = input.LowValue, HighValue = input.HighValue,
            });
            return Task.FromResult(12);
        }

        public Task RemoveRangeAsync(int labReferenceRangeId, CancellationToken ct = default)
        {
            Calls.Add($"remove {labReferenceRangeId}");
            Ranges.RemoveAll(r => r.LabReferenceRangeId == labReferenceRangeId);
            return Task.CompletedTask;
        }
    }

    private FakeCatalogue catalogue = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        catalogue = new FakeCatalogue();
        Context.Services.AddSingleton<ILabCatalogue>(catalogue);
    }

    private IRenderedComponent<LabTests> Render()
    {
        SignInWith(Permissions.LabCatalogue);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<LabTests>();
    }

    [Test]
    public void Lists_the_catalogue_and_creates_a_test()
    {
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-tests-table] tbody tr"), Has.Count.EqualTo(2)));
        Assert.That(page.Markup, Does.Contain("8,000").And.Contain("Haemoglobin"));
        Assert.That(page.Find("[data-testid=ranges-count-HB]").TextContent, Is.EqualTo("2"));
        Assert.That(catalogue.Calls[0], Is.EqualTo("list  True"), "active tests by default");

        page.Find("button[data-testid=create-lab-test]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=lab-test-code]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=lab-test-code]").Change("crp");
        dialogs.Find("input[data-testid=lab-test-name]").Change("C-reactive protein");
        dialogs.Find("input[data-testid=lab-test-specimen]").Change("Serum");
        dialogs.Find("input[data-testid=lab-test-unit]").Change("mg/L");
        dialogs.Find("input[data-testid=lab-test-price]").Change("25000");
        dialogs.Find("button[data-testid=lab-test-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("C-reactive protein saved.")));
        Assert.That(catalogue.Created.Single(), Is.EqualTo(new LabTestInput { Code = "crp", Name = "C-reactive protein", Specimen = "Serum", Unit = "mg/L", Price = 25_000m }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-tests-table] tbody tr"), Has.Count.EqualTo(3)));

        page.Find("button[data-testid=deactivate-lab-test-MRDT]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=lab-tests-table] tbody tr"), Has.Count.EqualTo(2)));
        Assert.That(catalogue.Calls, Does.Contain("active 2 False"));
    }

    [Test]
    public void The_ranges_dialog_lists_bands_adds_one_and_shows_a_refused_overlap()
    {
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=ranges-lab-test-HB]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=ranges-lab-test-HB]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=lab-range-row]"), Has.Count.EqualTo(2)));
        Assert.That(dialogs.FindAll("[data-testid=lab-range-row]").Select(r => r.TextContent), Has.Some.Contains("12–15.5 g/dL").And.Some.Contains("0–5 y"));

        catalogue.FailRange = new ClinicRuleException(LabProcedures.RangeOverlaps, "This band overlaps the female range for ages 15 to 150. Change or remove that one first.");
        dialogs.Find("input[data-testid=lab-range-min]").Change("18");
        dialogs.Find("input[data-testid=lab-range-low]").Change("12.5");
        dialogs.Find("input[data-testid=lab-range-high]").Change("16");
        dialogs.Find("button[data-testid=lab-range-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("This band overlaps the female range for ages 15 to 150.")));
        Assert.That(catalogue.RangeInputs.Single(), Is.EqualTo(new LabReferenceRangeInput
        {
            LabTestId = 1, Sex = "any", AgeMinYears = 18, AgeMaxYears = 150, LowValue = 12.5m, HighValue = 16m,
        }));

        catalogue.FailRange = null;
        dialogs.Find("button[data-testid=lab-range-submit]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=lab-range-row]"), Has.Count.EqualTo(3)));

        dialogs.FindAll("button[data-testid=lab-range-remove]")[0].Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=lab-range-row]"), Has.Count.EqualTo(2)));
        Assert.That(catalogue.Calls, Does.Contain("remove 10"));
    }
}
