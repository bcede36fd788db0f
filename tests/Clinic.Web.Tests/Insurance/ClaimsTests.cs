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

public sealed class ClaimsTests : BunitTest
{
    private FakeClaimsDesk desk = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        desk = new FakeClaimsDesk { Payers = [new PayerRow { PayerId = 1, Name = "Jubilee Health", PayerType = "insurer", IsActive = true }] };
        Context.Services.AddSingleton<IClaimsDesk>(desk);
    }

    private void Providers()
    {
        SignInWith(Permissions.BillingRead, Permissions.ClaimWork);
        Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private static ClaimRow Claim(int id, string status, bool canSubmit = false, bool canOutcome = false) => new()
    {
        ClaimId = id, ClaimNumber = $"CLM-{id:000000}", PayerId = 1, PayerName = "Jubilee Health", InvoiceId = 50 + id, InvoiceNumber = $"INV-{50 + id:000000}",
        PatientId = 7, Mrn = "HMS/000007", PatientName = $"Patient {id}", MemberNumber = "JH-123", Status = status, ClaimedAmount = 44_000m,
        CreatedAt = new DateTime(2026, 12, 3, 9, 0, 0), CanSubmit = canSubmit, CanRecordOutcome = canOutcome,
    };

    private static ClaimLineRow Line(int id, string description, decimal claimed, decimal? accepted = null, string? reason = null,
        bool canMove = false, bool canAllocate = false, decimal unpaid = 0m) => new()
    {
        ClaimLineId = id, InvoiceLineId = 100 + id, CategoryCode = "consultation", Description = description, ServiceDate = new DateTime(2026, 12, 3),
        ClaimedAmount = claimed, AcceptedAmount = accepted, RejectionReason = reason, RejectedAmount = accepted is null ? 0 : claimed - accepted.Value,
        CanMoveToPatient = canMove, CanAllocate = canAllocate, Unpaid = unpaid,
    };

    private IRenderedComponent<ClaimPage> RenderClaim(int id)
    {
        Providers();
        return Context.Render<ClaimPage>(p => p.Add(x => x.ClaimId, id));
    }

    private static string[] Actions(IRenderedComponent<ClaimPage> page) =>
        page.FindAll("button[data-testid^=claim-]").Select(b => b.GetAttribute("data-testid")!).Where(t => !t.StartsWith("claim-line-", StringComparison.Ordinal)).ToArray();

    [Test]
    public void The_worklist_shows_loading_then_empty_then_claims_with_what_the_flags_allow_and_filters_by_status_and_search()
    {
        desk.Gate = new TaskCompletionSource();
        Providers();
        var page = Context.Render<ClaimsWorklist>();
        Assert.That(page.FindAll("[data-testid=claims-loading]"), Has.Count.EqualTo(1));
        desk.Gate.SetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claims-empty]"), Has.Count.EqualTo(1)));

        desk.Claims = [Claim(1, "draft", canSubmit: true), Claim(2, "submitted", canOutcome: true), Claim(3, "paid")];
        page.Find("[data-testid=claim-filter-draft]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Searches[^1].Status, Is.EqualTo("draft"));

        page.Find("[data-testid=claim-filter-all]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(3)));
        Assert.That(desk.Searches[^1].Status, Is.Null);
        Assert.That(page.Find("[data-testid=claims-total]").TextContent, Is.EqualTo("3 claims"));
        var rows = page.FindAll("[data-testid=claims-table] tbody tr");
        Assert.That(rows[0].QuerySelectorAll("[data-testid=claim-can-submit]"), Has.Length.EqualTo(1));
        Assert.That(rows[0].QuerySelectorAll("[data-testid=claim-can-outcome]"), Is.Empty);
        Assert.That(rows[1].QuerySelectorAll("[data-testid=claim-can-outcome]"), Has.Length.EqualTo(1));
        Assert.That(rows[2].QuerySelector("[data-testid=claim-todo]")!.TextContent.Trim(), Is.Empty);
        Assert.That(rows[2].QuerySelector("[data-testid=claim-status-chip]")!.TextContent, Is.EqualTo("Paid"));
        Assert.That(rows[0].TextContent, Does.Contain("44,000.00").And.Contain("INV-000051").And.Contain("JH-123"));

        page.Find("input[data-testid=claim-search]").Change("Patient 2");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Searches[^1].Query, Is.EqualTo("Patient 2"));
    }

    [Test]
    public void A_search_typed_while_the_first_page_loads_is_not_overwritten_by_that_older_answer()
    {
        desk.Claims = [Claim(1, "draft"), Claim(2, "submitted"), Claim(3, "paid")];
        var first = desk.Gate = new TaskCompletionSource();
        Providers();
        var page = Context.Render<ClaimsWorklist>();
        Assert.That(page.FindAll("[data-testid=claims-loading]"), Has.Count.EqualTo(1));

        // The clerk searches before the unfiltered first page has come back; the search answers first.
        desk.Gate = null;
        page.Find("input[data-testid=claim-search]").Change("Patient 2");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(1)));

        // The older answer (3 claims) arrives now: it is never shown.
        first.SetResult();
        Assert.That(() => page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(3)), TimeSpan.FromSeconds(1)),
            Throws.Exception, "the search's rows stay");
        Assert.That(page.FindAll("[data-testid=claim-row]"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=claims-total]").TextContent, Is.EqualTo("1 claim"));
    }

    [Test]
    public void A_database_error_on_the_worklist_is_shown()
    {
        desk.FailWith = new ClinicDataUnavailableException("The database is not reachable. Try again in a moment.", new Exception());
        Providers();
        var page = Context.Render<ClaimsWorklist>();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("The database is not reachable.")));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claims-empty]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void The_claim_page_shows_header_and_lines_and_only_the_actions_its_flags_allow()
    {
        desk.Claims = [Claim(1, "paid")];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m, 40_000m), Line(12, "Malaria RDT", 4_000m, 0m, "Not covered")];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-line]"), Has.Count.EqualTo(2)));
        Assert.That(page.Find("[data-testid=claim-number]").TextContent, Is.EqualTo("CLM-000001"));
        Assert.That(page.Find("[data-testid=claim-invoice-link]").GetAttribute("href"), Is.EqualTo("/billing/invoices/51"));
        Assert.That(page.Find("[data-testid=claim-member]").TextContent, Is.EqualTo("JH-123"));
        Assert.That(page.FindAll("[data-testid=claim-line-reason]")[1].TextContent, Is.EqualTo("Not covered"));
        Assert.That(page.FindAll("[data-testid=claim-line-rejected]")[1].TextContent.Trim(), Is.EqualTo("4,000.00"));
        Assert.That(Actions(page), Is.Empty, "a paid claim offers nothing");
        Assert.That(page.FindAll("button[data-testid=claim-line-move]"), Is.Empty);

        desk.Claims = [Claim(1, "partially_accepted")];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m, 40_000m, canAllocate: true, unpaid: 40_000m), Line(12, "Malaria RDT", 4_000m, 0m, "Not covered", canMove: true)];
        var second = Context.Render<ClaimPage>(p => p.Add(x => x.ClaimId, 1));
        WaitUntil(second, () => Assert.That(second.FindAll("[data-testid=claim-line]"), Has.Count.EqualTo(2)));
        Assert.That(Actions(second), Is.EqualTo(new[] { "claim-allocate" }));
        Assert.That(second.FindAll("[data-testid=claim-lines] tbody tr")[1].QuerySelectorAll("button[data-testid=claim-line-move]"), Has.Length.EqualTo(1));
        Assert.That(second.FindAll("[data-testid=claim-lines] tbody tr")[0].QuerySelectorAll("button[data-testid=claim-line-move]"), Is.Empty);
    }

    [Test]
    public void Submit_follows_the_flag_shows_a_refusal_then_succeeds_and_reloads()
    {
        desk.Claims = [Claim(1, "draft", canSubmit: true)];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m)];
        desk.AfterChange = call => desk.Claims = [Claim(1, "submitted", canOutcome: true)];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(Actions(page), Is.EqualTo(new[] { "claim-submit" })));

        desk.FailWith = new ClinicRuleException(51250, "Only a draft claim can be submitted.");
        page.Find("button[data-testid=claim-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Only a draft claim can be submitted.")));
        Assert.That(page.Find("[data-testid=claim-status-chip]").TextContent, Is.EqualTo("Draft"));

        page.Find("button[data-testid=claim-submit]").Click();
        WaitUntil(page, () => Assert.That(Actions(page), Is.EqualTo(new[] { "claim-record-outcome" })));
        Assert.That(page.Find("[data-testid=claim-status-chip]").TextContent, Is.EqualTo("Submitted"));
        Assert.That(desk.Calls.Count(c => c == "submit 1"), Is.EqualTo(2));
    }

    [Test]
    public void Record_outcome_sends_one_row_per_line_with_the_accepted_amount_and_reason_typed()
    {
        desk.Claims = [Claim(1, "submitted", canOutcome: true)];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m), Line(12, "Malaria RDT", 4_000m)];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(Actions(page), Is.EqualTo(new[] { "claim-record-outcome" })));

        page.Find("button[data-testid=claim-record-outcome]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=outcome-line]"), Has.Count.EqualTo(2)));
        Assert.That(dialogs.FindAll("input[data-testid=outcome-accepted]")[0].GetAttribute("value"), Is.EqualTo("40000"));
        dialogs.FindAll("input[data-testid=outcome-accepted]")[1].Change("1500");
        dialogs.FindAll("input[data-testid=outcome-reason]")[1].Change("  Above the plan's tariff  ");

        desk.FailWith = new ClinicRuleException(51260, "Give a reason for every amount not accepted.");
        dialogs.Find("button[data-testid=outcome-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Give a reason for every amount not accepted.")));
        Assert.That(dialogs.FindAll("[data-testid=outcome-line]"), Has.Count.EqualTo(2), "the dialog stays open");

        dialogs.Find("button[data-testid=outcome-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("The insurer's outcome is recorded.")));
        Assert.That(desk.Outcomes[^1], Is.EqualTo(new[]
        {
            new ClaimLineOutcome(11, 40_000m, null), new ClaimLineOutcome(12, 1_500m, "Above the plan's tariff"),
        }));
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=outcome-line]"), Is.Empty));
    }

    [Test]
    public void Moving_a_rejected_part_to_the_patient_asks_first_and_sends_the_line()
    {
        desk.Claims = [Claim(1, "partially_accepted")];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m, 30_000m, "Tariff", canMove: true)];
        desk.AfterChange = _ => desk.Lines[1] = [Line(11, "Consultation GP", 40_000m, 30_000m, "Tariff") with { MovedToPatientAt = new DateTime(2026, 12, 3, 10, 0, 0) }];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(page.FindAll("button[data-testid=claim-line-move]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=claim-line-move]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Markup, Does.Contain("Bill the rejected 10,000.00")));
        Assert.That(desk.Calls, Does.Not.Contain("move 11"), "nothing moves before the clerk confirms");
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Move to patient").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-line-moved]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Calls, Does.Contain("move 11"));
        Assert.That(page.FindAll("button[data-testid=claim-line-move]"), Is.Empty);
    }

    [Test]
    public void Allocating_a_remittance_sends_the_chosen_remittance_and_the_amounts_per_line_and_can_add_one()
    {
        desk.Claims = [Claim(1, "accepted")];
        desk.Lines[1] =
        [
            Line(11, "Consultation GP", 40_000m, 40_000m, canAllocate: true, unpaid: 40_000m),
            Line(12, "Malaria RDT", 4_000m, 4_000m, canAllocate: true, unpaid: 4_000m),
        ];
        desk.Remittances = [new RemittanceRow { RemittanceId = 70, PayerId = 1, PayerName = "Jubilee Health", Reference = "EFT-1", Amount = 100_000m, Unallocated = 60_000m, ReceivedOn = new DateTime(2026, 12, 1) }];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(Actions(page), Is.EqualTo(new[] { "claim-allocate" })));

        page.Find("button[data-testid=claim-allocate]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=allocate-line]"), Has.Count.EqualTo(2)));
        Assert.That(desk.Calls, Does.Contain("remittances 1 True 0"), "only the claim's payer's remittances with money left");
        Assert.That(dialogs.FindAll("input[data-testid=allocate-amount]")[0].GetAttribute("value"), Is.EqualTo("40000"));
        dialogs.FindAll("input[data-testid=allocate-amount]")[1].Change("");

        dialogs.Find("button[data-testid=allocate-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Remittance allocated.")));
        Assert.That(desk.Allocations.Single().RemittanceId, Is.EqualTo(70));
        Assert.That(desk.Allocations.Single().Allocations, Is.EqualTo(new[] { new RemittanceAllocationInput(11, 40_000m) }));
    }

    [Test]
    public void A_new_remittance_from_the_allocate_dialog_is_for_the_claims_payer_and_becomes_the_chosen_one()
    {
        desk.Claims = [Claim(1, "accepted")];
        desk.Lines[1] = [Line(11, "Consultation GP", 40_000m, 40_000m, canAllocate: true, unpaid: 40_000m)];
        var page = RenderClaim(1);
        WaitUntil(page, () => Assert.That(Actions(page), Is.EqualTo(new[] { "claim-allocate" })));
        page.Find("button[data-testid=claim-allocate]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=allocate-no-remittance]"), Has.Count.EqualTo(1)));

        dialogs.Find("button[data-testid=allocate-add-remittance]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=remittance-reference]"), Has.Count.EqualTo(1)));
        Assert.That(dialogs.Find("[data-testid=remittance-payer-name]").TextContent, Is.EqualTo("Jubilee Health"));
        dialogs.Find("input[data-testid=remittance-reference]").Change("EFT-2026-12");
        dialogs.Find("input[data-testid=remittance-amount]").Change("40000");
        dialogs.Find("button[data-testid=remittance-submit]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=allocate-no-remittance]"), Is.Empty));
        Assert.That(desk.AddedRemittances.Single(), Is.EqualTo((1, (string?)"EFT-2026-12", (decimal?)40_000m, (DateTime?)DateTime.Today)));
        dialogs.Find("button[data-testid=allocate-submit]").Click();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Remittance allocated.")));
        Assert.That(desk.Allocations.Single().RemittanceId, Is.EqualTo(700));
    }

    [Test]
    public void A_claim_that_does_not_exist_says_so()
    {
        var page = RenderClaim(99);
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=claim-missing]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void The_remittances_list_shows_unallocated_amounts_filters_and_adds_one_only_with_the_permission()
    {
        desk.Remittances =
        [
            new RemittanceRow { RemittanceId = 70, PayerId = 1, PayerName = "Jubilee Health", Reference = "EFT-1", Amount = 100_000m, Allocated = 40_000m, Unallocated = 60_000m, ReceivedOn = new DateTime(2026, 12, 1) },
            new RemittanceRow { RemittanceId = 71, PayerId = 1, PayerName = "Jubilee Health", Reference = "EFT-2", Amount = 50_000m, Allocated = 50_000m, Unallocated = 0m, ReceivedOn = new DateTime(2026, 12, 2) },
        ];
        Providers();
        var page = Context.Render<Remittances>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=remittance-row]"), Has.Count.EqualTo(2)));
        Assert.That(page.FindAll("[data-testid=remittance-unallocated]").Select(c => c.TextContent.Trim()), Is.EqualTo(new[] { "60,000.00", "0.00" }));
        Assert.That(page.FindAll("button[data-testid=add-remittance]"), Has.Count.EqualTo(1));

        page.Find("input[data-testid=remittance-unallocated-only]").Change(true);
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=remittance-row]"), Has.Count.EqualTo(1)));
        Assert.That(desk.Calls[^1], Is.EqualTo("remittances  True 0"));
    }

    [Test]
    public void Without_claim_work_the_remittances_page_offers_no_new_remittance_and_empty_says_so()
    {
        SignInWith(Permissions.BillingRead);
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        var page = Context.Render<Remittances>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=remittances-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("button[data-testid=add-remittance]"), Is.Empty);
    }
}
