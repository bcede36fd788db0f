using Clinic.Data.Billing;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Claims: the worklist and its flags, submit, the insurer's outcome per line (with reasons), moving a
/// rejected amount to the patient, remittances and their allocation to claim lines (insurer payments on
/// the invoice), and the refusals of each step.
/// </summary>
public class ClaimTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static Task<int> CodeOf(Func<Task> call) => InvoiceTestData.CodeOf(call);

    [Test]
    public async Task A_claim_is_found_submitted_partly_rejected_and_the_rejected_part_is_billed_to_the_patient_once()
    {
        var (_, planId) = await Db.NewPlanAsync(null, new RuleSpec("consultation", 100m), new RuleSpec("lab", 100m));
        var (patientId, policyId) = await Db.NewInsuredPatientAsync(planId);
        var clerkId = await Db.NewClerkAsync();
        var invoiceId = await Db.NewDraftWithLinesAsync(patientId, ("consultation", 40_000m, 0), ("lab", 25_000m, 0));
        var issued = await Db.InvoicesAs(clerkId).IssueAsync(invoiceId);
        Assert.That((issued.PatientShare, issued.InsurerShare), Is.EqualTo((0m, 65_000m)));
        var claims = Db.ClaimsAs(clerkId);
        var mrn = await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @patientId", new { patientId });

        var byInvoice = await claims.SearchAsync(new ClaimSearchFilter { Query = issued.InvoiceNumber });
        Assert.That(byInvoice, Has.Count.EqualTo(1));
        var row = byInvoice[0];
        Assert.That((row.InvoiceId, row.Mrn, row.Status, row.ClaimedAmount, row.CanSubmit, row.CanRecordOutcome, row.TotalCount),
            Is.EqualTo((invoiceId, mrn, "draft", 65_000m, true, false, 1L)));
        Assert.That((await claims.SearchAsync(new ClaimSearchFilter { Query = mrn })).Single().ClaimId, Is.EqualTo(row.ClaimId));
        Assert.That((await claims.SearchAsync(new ClaimSearchFilter { Query = row.ClaimNumber, Status = "submitted" })), Is.Empty);
        Assert.That((await claims.SearchAsync(new ClaimSearchFilter { PayerId = row.PayerId })).Select(c => c.ClaimId), Is.EqualTo(new[] { row.ClaimId }));
        var receptionist = Db.ClaimsAs((await Db.NewAccountAsync("receptionist")).Id);
        Assert.That((await receptionist.SearchAsync(new ClaimSearchFilter { Query = row.ClaimNumber })).Single().CanSubmit, Is.False,
            "the receptionist reads claims but may not work them");
        Assert.That(await CodeOf(() => receptionist.SubmitAsync(row.ClaimId)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => claims.SubmitAsync(int.MaxValue)), Is.EqualTo(51230));

        var lines = (await claims.GetAsync(row.ClaimId))!.Lines;
        var (consultation, lab) = (lines[0].ClaimLineId, lines[1].ClaimLineId);
        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId, [new ClaimLineOutcome(consultation, 40_000m, null), new ClaimLineOutcome(lab, 25_000m, null)])),
            Is.EqualTo(51232), "not submitted yet");
        var submitted = await claims.SubmitAsync(row.ClaimId);
        Assert.That(submitted.Status, Is.EqualTo("submitted"));
        Assert.That(await CodeOf(() => claims.SubmitAsync(row.ClaimId)), Is.EqualTo(51231));
        Assert.That(await CodeOf(() => claims.MoveToPatientAsync(lab)), Is.EqualTo(51237), "nothing decided yet");

        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId, [new ClaimLineOutcome(consultation, 40_000m, null)])), Is.EqualTo(51233));
        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId,
            [new ClaimLineOutcome(consultation, 40_000m, null), new ClaimLineOutcome(consultation, 40_000m, null)])), Is.EqualTo(51233));
        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId,
            [new ClaimLineOutcome(consultation, 40_001m, null), new ClaimLineOutcome(lab, 25_000m, null)])), Is.EqualTo(51234));
        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId,
            [new ClaimLineOutcome(consultation, 40_000m, null), new ClaimLineOutcome(lab, 10_000m, "  ")])), Is.EqualTo(51235));
        var decided = await claims.RecordOutcomeAsync(row.ClaimId,
            [new ClaimLineOutcome(consultation, 40_000m, null), new ClaimLineOutcome(lab, 10_000m, "Test not covered at this facility")]);
        Assert.That((decided.Status, decided.ClaimedAmount, decided.AcceptedAmount), Is.EqualTo(("partially_accepted", 65_000m, 50_000m)));
        Assert.That(await CodeOf(() => claims.RecordOutcomeAsync(row.ClaimId,
            [new ClaimLineOutcome(consultation, 40_000m, null), new ClaimLineOutcome(lab, 25_000m, null)])), Is.EqualTo(51232));
        Assert.That(await Db.UsedAsync(policyId), Is.EqualTo(50_000m), "the rejected 15,000 went back to the annual limit");

        var detail = (await claims.GetAsync(row.ClaimId))!;
        var labLine = detail.Lines.Single(l => l.ClaimLineId == lab);
        Assert.That((labLine.AcceptedAmount, labLine.RejectedAmount, labLine.Unpaid, labLine.RejectionReason, labLine.CanMoveToPatient, labLine.CanAllocate),
            Is.EqualTo(((decimal?)10_000m, 15_000m, 10_000m, "Test not covered at this facility", true, true)));
        Assert.That(detail.Lines.Single(l => l.ClaimLineId == consultation).CanMoveToPatient, Is.False);
        Assert.That(await CodeOf(() => claims.MoveToPatientAsync(consultation)), Is.EqualTo(51237), "nothing rejected on it");
        Assert.That(await CodeOf(() => claims.MoveToPatientAsync(int.MaxValue)), Is.EqualTo(51236));

        var moved = await claims.MoveToPatientAsync(lab);
        Assert.That((moved.ClaimedAmount, moved.AcceptedAmount), Is.EqualTo((65_000m, 50_000m)), "the claim stays as claimed");
        Assert.That(await CodeOf(() => claims.MoveToPatientAsync(lab)), Is.EqualTo(51237), "only once");
        var sums = await Db.InvoiceSumsAsync(invoiceId);
        Assert.That((sums.Total, sums.PatientShare, sums.InsurerShare), Is.EqualTo((65_000m, 15_000m, 50_000m)));
        Assert.That((await Db.LineSplitsAsync(invoiceId)).Select(l => (l.PatientShare, l.InsurerShare)), Is.EqualTo(new[] { (0m, 40_000m), (15_000m, 10_000m) }));
        var paid = await Db.PaymentsAs(clerkId).TakeAsync(invoiceId, new PaymentInput { Method = "cash", Amount = 15_000m });
        Assert.That((paid.Status, paid.PatientBalance), Is.EqualTo(("partially_paid", 0m)));
        var audit = await Db.QueryAsync<string>(
            "SELECT action FROM audit_trail WHERE table_name = 'claim_line' AND row_key = @key ORDER BY audit_log_id", new { key = lab.ToString() });
        Assert.That(audit, Is.EqualTo(new[] { "INSERT", "UPDATE", "UPDATE" }), "created, decided, moved to the patient");
    }

    [Test]
    public async Task A_claim_rejected_in_full_is_rejected_and_every_line_can_move_to_the_patient()
    {
        var clerkId = await Db.NewClerkAsync();
        var (invoiceId, claim, _) = await Db.NewSubmittedClaimAsync(clerkId, 10_000m, 5_000m);
        var claims = Db.ClaimsAs(clerkId);
        var decided = await claims.RecordOutcomeAsync(claim.Claim.ClaimId,
            claim.Lines.Select(l => new ClaimLineOutcome(l.ClaimLineId, 0m, "Member not eligible")).ToList());
        Assert.That((decided.Status, decided.AcceptedAmount), Is.EqualTo(("rejected", 0m)));
        foreach (var line in claim.Lines)
            await claims.MoveToPatientAsync(line.ClaimLineId);
        var sums = await Db.InvoiceSumsAsync(invoiceId);
        Assert.That((sums.PatientShare, sums.InsurerShare), Is.EqualTo((15_000m, 0m)));
        Assert.That((await claims.GetAsync(claim.Claim.ClaimId))!.Lines.All(l => !l.CanAllocate && !l.CanMoveToPatient), Is.True);
    }

    [Test]
    public async Task A_remittance_is_recorded_once_per_reference_and_allocated_all_or_nothing_as_insurer_payments_on_the_invoices()
    {
        var clerkId = await Db.NewClerkAsync();
        var claims = Db.ClaimsAs(clerkId);
        var today = await Db.TodayAsync();
        var (invoiceA, claimA, payerId) = await Db.NewSubmittedClaimAsync(clerkId, 30_000m, 20_000m);
        await claims.RecordOutcomeAsync(claimA.Claim.ClaimId,
            [new ClaimLineOutcome(claimA.Lines[0].ClaimLineId, 30_000m, null), new ClaimLineOutcome(claimA.Lines[1].ClaimLineId, 15_000m, "Above the tariff")]);
        var (_, otherClaim, otherPayer) = await Db.NewSubmittedClaimAsync(clerkId, 10_000m);
        await claims.RecordOutcomeAsync(otherClaim.Claim.ClaimId, [new ClaimLineOutcome(otherClaim.Lines[0].ClaimLineId, 10_000m, null)]);
        var (_, draftClaim, _) = await Db.NewSubmittedClaimAsync(clerkId, 10_000m);

        var reference = "EFT-" + Guid.NewGuid().ToString("N")[..8];
        Assert.That(await CodeOf(() => claims.AddRemittanceAsync(payerId, " ", 1_000m, today)), Is.EqualTo(51238));
        Assert.That(await CodeOf(() => claims.AddRemittanceAsync(payerId, reference, 0m, today)), Is.EqualTo(51240));
        Assert.That(await CodeOf(() => claims.AddRemittanceAsync(payerId, reference, 1_000m, today.AddDays(1))), Is.EqualTo(51241));
        Assert.That(await CodeOf(() => claims.AddRemittanceAsync(int.MaxValue, reference, 1_000m, today)), Is.EqualTo(51204));
        var remittance = await claims.AddRemittanceAsync(payerId, reference, 40_000m, today.AddDays(-1));
        Assert.That(await CodeOf(() => claims.AddRemittanceAsync(payerId, reference, 5_000m, today)), Is.EqualTo(51239));
        await claims.AddRemittanceAsync(otherPayer, reference, 5_000m, today); // unique per payer only
        var listed = (await claims.ListRemittancesAsync(payerId)).Single();
        Assert.That((listed.RemittanceId, listed.Amount, listed.Allocated, listed.Unallocated, listed.Reference), Is.EqualTo((remittance, 40_000m, 0m, 40_000m, reference)));

        var (line1, line2) = (claimA.Lines[0].ClaimLineId, claimA.Lines[1].ClaimLineId);
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [])), Is.EqualTo(51243));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line1, 0m)])), Is.EqualTo(51243));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line1, 1m), new RemittanceAllocationInput(line1, 1m)])),
            Is.EqualTo(51243));
        Assert.That(await CodeOf(() => claims.AllocateAsync(int.MaxValue, [new RemittanceAllocationInput(line1, 1m)])), Is.EqualTo(51242));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(int.MaxValue, 1m)])), Is.EqualTo(51236));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(otherClaim.Lines[0].ClaimLineId, 1m)])),
            Is.EqualTo(51246));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(draftClaim.Lines[0].ClaimLineId, 1m)])),
            Is.EqualTo(51246), "another payer's claim");
        var tooMuch = await InvoiceTestData.RefusalOf(() => claims.AllocateAsync(remittance,
            [new RemittanceAllocationInput(line1, 20_000m), new RemittanceAllocationInput(line2, 15_001m)]));
        Assert.That((tooMuch.Code, tooMuch.Message), Is.EqualTo((51244, $"{claimA.Claim.ClaimNumber}: at most UGX 15,000 can be allocated to that line.")));
        var over = await InvoiceTestData.RefusalOf(() => claims.AllocateAsync(remittance,
            [new RemittanceAllocationInput(line1, 30_000m), new RemittanceAllocationInput(line2, 15_000m)]));
        Assert.That((over.Code, over.Message), Is.EqualTo((51245, "Only UGX 40,000 of this remittance is left to allocate.")));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM payment WHERE invoice_id = @invoiceA", new { invoiceA }), Is.EqualTo(0),
            "nothing was written by the refused calls");

        await claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line1, 30_000m), new RemittanceAllocationInput(line2, 5_000m)]);
        var payments = await Db.QueryAsync<(string Method, decimal Amount, string Reference, string Receipt)>(
            "SELECT method, amount, reference, receipt_number FROM payment WHERE invoice_id = @invoiceA ORDER BY payment_id", new { invoiceA });
        Assert.That(payments.Select(p => (p.Method, p.Amount, p.Reference)), Is.EqualTo(new[] { ("insurer", 30_000m, reference), ("insurer", 5_000m, reference) }));
        Assert.That(payments.All(p => p.Receipt.StartsWith("RCT-")), Is.True);
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM remittance_allocation AS a JOIN payment AS p ON p.payment_id = a.payment_id WHERE a.remittance_id = @remittance AND p.invoice_id = @invoiceA",
            new { remittance, invoiceA }), Is.EqualTo(2));
        var header = (await Db.InvoicesAs(clerkId).GetAsync(invoiceA))!;
        Assert.That((header.Header.Status, header.Header.PaidTotal, header.Header.Balance), Is.EqualTo(("partially_paid", 35_000m, 15_000m)));
        Assert.That((header.Insurance!.ClaimStatus, header.Insurance.ClaimPaidAmount, header.Insurance.AcceptedAmount),
            Is.EqualTo(("partially_accepted", (decimal?)35_000m, (decimal?)45_000m)));
        Assert.That(header.Payments.All(p => p.Method == "insurer"), Is.True);
        Assert.That((await claims.ListRemittancesAsync(payerId, unallocatedOnly: true)).Single().Unallocated, Is.EqualTo(5_000m));
        Assert.That(await CodeOf(() => claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line1, 1m)])), Is.EqualTo(51247), "line 1 is paid");

        await claims.AllocateAsync(remittance, [new RemittanceAllocationInput(line2, 5_000m)]);
        var second = await claims.AddRemittanceAsync(payerId, reference + "-2", 5_000m, today);
        await claims.AllocateAsync(second, [new RemittanceAllocationInput(line2, 5_000m)]);
        var done = (await claims.GetAsync(claimA.Claim.ClaimId))!;
        Assert.That((done.Claim.Status, done.Claim.PaidAmount), Is.EqualTo(("paid", 45_000m)), "paid once the accepted amount is paid");
        Assert.That(done.Lines.Single(l => l.ClaimLineId == line2).CanMoveToPatient, Is.True, "the rejected 5,000 can still be billed to the patient");
        await claims.MoveToPatientAsync(line2);
        await Db.PaymentsAs(clerkId).TakeAsync(invoiceA, new PaymentInput { Method = "mobile_money", Amount = 5_000m, Provider = "MTN", Reference = "T" + remittance });
        Assert.That(await Db.InvoiceStatusAsync(invoiceA), Is.EqualTo("paid"));
        Assert.That((await claims.ListRemittancesAsync(payerId, unallocatedOnly: true)), Is.Empty);
        var receptionist = Db.ClaimsAs((await Db.NewAccountAsync("receptionist")).Id);
        Assert.That(await CodeOf(() => receptionist.AddRemittanceAsync(payerId, "R" + reference, 1m, today)), Is.EqualTo(50102));
    }
}
