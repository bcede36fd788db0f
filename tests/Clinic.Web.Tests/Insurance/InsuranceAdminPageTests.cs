using Bunit;
using Clinic.Data.Billing;
using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Components.Insurance;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Insurance;

public sealed class InsuranceAdminPageTests : BunitTest
{
    private FakeInsuranceAdmin insurance = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        insurance = new FakeInsuranceAdmin();
        Context.Services.AddSingleton<IInsuranceAdmin>(insurance);
    }

    private IRenderedComponent<InsuranceAdmin> Render()
    {
        SignInWith(Permissions.InsuranceManage);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<InsuranceAdmin>();
    }

    private void WithOnePayerAndPlan()
    {
        insurance.Payers = [new PayerRow { PayerId = 1, Name = "Jubilee Health", PayerType = "insurer", Phone = "+256414000111", IsActive = true, PlanCount = 1 }];
        insurance.Plans = [new InsurancePlanRow { InsurancePlanId = 10, PayerId = 1, PayerName = "Jubilee Health", Name = "Gold", IsActive = true, AnnualLimit = 5_000_000m }];
        insurance.Rules =
        [
            new CoverageRuleRow
            {
                CoverageRuleId = 20, InsurancePlanId = 10, CategoryCode = "consultation", CategoryName = "Consultation", ValidFrom = new DateTime(2026, 1, 1),
                PercentCovered = 80m, CopayAmount = 5_000m, IsCurrent = true,
            },
            new CoverageRuleRow
            {
                CoverageRuleId = 21, InsurancePlanId = 10, CategoryCode = "procedure", CategoryName = "Procedure", ValidFrom = new DateTime(2026, 1, 1),
                IsExcluded = true, IsCurrent = true,
            },
        ];
    }

    [Test]
    public void Shows_loading_then_the_empty_state_then_a_payer_added_with_what_was_typed()
    {
        insurance.Gate = new TaskCompletionSource();
        var page = Render();
        Assert.That(page.FindAll("[data-testid=payers-loading]"), Has.Count.EqualTo(1));
        insurance.Gate.SetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payers-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=plans-none]").TextContent, Does.Contain("Choose a payer"));

        page.Find("button[data-testid=add-payer]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=payer-name]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=payer-name]").Change("AAR Health Services");
        dialogs.Find("input[data-testid=payer-phone]").Change("0414 555 000");
        dialogs.Find("input[data-testid=payer-email]").Change("claims@aar.example");
        dialogs.Find("button[data-testid=payer-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("AAR Health Services saved.")));
        Assert.That(insurance.Saved.Single(), Is.EqualTo(new PayerInput
        {
            Name = "AAR Health Services", PayerType = "insurer", Phone = "0414 555 000", Email = "claims@aar.example", IsActive = true,
        }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payer-row]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=payer-row]").TextContent, Does.Contain("AAR Health Services"));
    }

    [Test]
    public void A_refused_payer_shows_the_database_sentence_and_keeps_the_dialog_with_what_was_typed()
    {
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payers-empty]"), Has.Count.EqualTo(1)));
        insurance.FailWith = new ClinicRuleException(51201, "A payer with this name already exists.");

        page.Find("button[data-testid=add-payer]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=payer-name]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=payer-name]").Change("Jubilee Health");
        dialogs.Find("button[data-testid=payer-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("A payer with this name already exists.")));
        Assert.That(dialogs.Find("input[data-testid=payer-name]").GetAttribute("value"), Is.EqualTo("Jubilee Health"));
        Assert.That(page.FindAll("[data-testid=payer-row]"), Is.Empty);
    }

    [Test]
    public void A_payer_shows_its_plans_a_plan_its_rules_and_a_new_rule_from_a_date_starts_from_the_current_one()
    {
        WithOnePayerAndPlan();
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payer-row]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=payers-table]").TextContent, Does.Contain("Insurer").And.Contain("+256414000111"));

        page.Find("[data-testid=payer-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=plan-row]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=plan-limit]").TextContent, Is.EqualTo("5,000,000.00"));
        Assert.That(insurance.Calls, Does.Contain("plans 1 True"));

        page.Find("[data-testid=plan-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=rule-row]"), Has.Count.EqualTo(2)));
        var rows = page.FindAll("[data-testid=rules-table] tbody tr");
        Assert.That(rows[0].TextContent, Does.Contain("Consultation").And.Contain("In force").And.Contain("80 %").And.Contain("5,000.00"));
        Assert.That(rows[1].TextContent, Does.Contain("Procedure").And.Contain("Excluded"));

        page.Find("button[data-testid=new-rule-from-consultation]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=rule-percent]"), Has.Count.EqualTo(1)));
        Assert.That(dialogs.Find("input[data-testid=rule-percent]").GetAttribute("value"), Is.EqualTo("80"));
        dialogs.Find("input[data-testid=rule-percent]").Change("90");
        dialogs.Find("input[data-testid=rule-copay]").Change("2000");
        dialogs.Find("[data-testid=rule-valid-from] input").Change("2027-01-01");
        dialogs.Find("button[data-testid=rule-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Coverage rule saved.")));
        Assert.That(insurance.Saved.Single(), Is.EqualTo(new CoverageRuleInput
        {
            InsurancePlanId = 10, CategoryCode = "consultation", ValidFrom = new DateTime(2027, 1, 1), PercentCovered = 90m, CopayAmount = 2_000m,
        }));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=rule-row]"), Has.Count.EqualTo(3)));
    }

    [Test]
    public void The_annual_limit_and_a_new_plan_send_what_was_typed()
    {
        WithOnePayerAndPlan();
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payer-row]"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=payer-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=plan-row]"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=plan-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=set-limit]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=set-limit]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=limit-amount]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=limit-year]").Change("2027");
        dialogs.Find("input[data-testid=limit-amount]").Change("7500000");
        dialogs.Find("button[data-testid=limit-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Annual limit for 2027 saved.")));
        Assert.That(insurance.Saved.Single(), Is.EqualTo((10, 2027, (decimal?)7_500_000m)));

        page.Find("button[data-testid=add-plan]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=plan-name]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=plan-name]").Change("Silver");
        dialogs.Find("button[data-testid=plan-submit]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=plan-row]"), Has.Count.EqualTo(2)));
        Assert.That(insurance.Saved[^1], Is.EqualTo(((int?)null, 1, (string?)"Silver", true)));
    }

    [Test]
    public void A_plan_without_rules_says_it_covers_nothing()
    {
        WithOnePayerAndPlan();
        insurance.Rules = [];
        var page = Render();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=payer-row]"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=payer-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=plan-row]"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=plan-row]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=rules-empty]"), Has.Count.EqualTo(1)));
    }
}
