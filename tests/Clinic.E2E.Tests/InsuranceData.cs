using Clinic.Data.Billing;
using Clinic.Data.Queue;

namespace Clinic.E2E.Tests;

/// <summary>Arranges insurance and billing data for browser tests through the procedures the app uses, acting as the demo admin.</summary>
public static class InsuranceData
{
    public sealed record Plan(int PayerId, string PayerName, int PlanId, string PlanName);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>An insurer with one plan covering the given categories (category code, percent) from today, no co-payment.</summary>
    public static Task<Plan> NewPlanAsync(params (string Category, decimal Percent)[] rules) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var insurance = new InsuranceProcedures(runner, actor);
            var payerName = "E2E Assurance " + Suffix();
            var payerId = await insurance.SavePayerAsync(new PayerInput { Name = payerName, PayerType = "insurer", Phone = "0414123456", IsActive = true });
            var planId = await insurance.SavePlanAsync(null, payerId, "Gold");
            foreach (var (category, percent) in rules)
                await insurance.SetRuleAsync(new CoverageRuleInput
                {
                    InsurancePlanId = planId, CategoryCode = category, ValidFrom = DateTime.Today, PercentCovered = percent, CopayAmount = 0m,
                });
            return new Plan(payerId, payerName, planId, "Gold");
        });

    /// <summary>The patient's primary policy on the plan, valid from the start of the year.</summary>
    public static Task<int> NewPolicyAsync(int patientId, int planId, string memberNumber) =>
        ClinicApp.AsAdminAsync((runner, actor) => new InsuranceProcedures(runner, actor).SavePolicyAsync(new PatientPolicyInput
        {
            PatientId = patientId, InsurancePlanId = planId, MemberNumber = memberNumber, HolderName = "Peter Okot", Relationship = "self",
            ValidFrom = new DateTime(DateTime.Today.Year, 1, 1), IsPrimary = true,
        }));

    /// <summary>The patient's invoice as the database answers it (header, lines, insurance).</summary>
    public static Task<InvoiceDetail?> InvoiceAsync(int invoiceId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new InvoiceProcedures(runner, actor).GetAsync(invoiceId));

    /// <summary>Issues the patient's draft invoice (found by MRN) through invoice_issue, as the billing screens would.</summary>
    public static Task<InvoiceIssueResult> IssueDraftAsync(string mrn) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var invoices = new InvoiceProcedures(runner, actor);
            var draft = (await invoices.SearchAsync(new InvoiceSearchFilter { Query = mrn, Status = "draft" })).Single();
            return await invoices.IssueAsync(draft.InvoiceId);
        });

    /// <summary>A visit with a consultation (the doctor's fee) and a lab test: the doctor starts the queue consultation and orders the test.</summary>
    public static async Task<int> VisitWithConsultationAndLabTestAsync(int patientId)
    {
        var doctor = await FrontDeskData.NewDoctorAsync("Insured" + Suffix());
        var test = await ClinicalData.NewLabTestAsync("Malaria RDT", "/µL", 0m, 50m);
        var ticket = await FrontDeskData.AddToQueueAsync(new QueueAddInput
        {
            PatientId = patientId, StaffId = doctor.StaffId, Priority = QueuePriority.Normal, Reason = "Fever",
        });
        var visitId = await ClinicalData.StartConsultationAsync(doctor.AccountId, ticket.QueueEntryId);
        await ClinicalData.OrderLabTestAsync(doctor.AccountId, visitId, test.LabTestId);
        return visitId;
    }
}
