using Clinic.Data.Billing;
using Clinic.Data.Common;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Set-up helpers for the invoice and payment tests. Draft invoices and their charges are written
/// directly as the schema owner (the charging procedures and internal/invoice_draft_for_visit belong to
/// the charges work); everything after the draft goes through the billing procedures.
/// </summary>
public static class InvoiceTestData
{
    private static int _source = Random.Shared.Next(1_000_000, 2_000_000_000);

    public static InvoiceProcedures InvoicesAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static PaymentProcedures PaymentsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>A new billing clerk account; returns its id.</summary>
    public static async Task<int> NewClerkAsync(this TestDatabase db) => (await db.NewAccountAsync("billing_clerk")).Id;

    /// <summary>A draft invoice of a patient (new unless given) with one 'service_charge' charge per amount; returns invoice_id.</summary>
    public static async Task<int> NewDraftInvoiceAsync(this TestDatabase db, params decimal[] amounts) =>
        await db.NewDraftInvoiceForAsync(await db.NewPatientAsync(), amounts);

    public static async Task<int> NewDraftInvoiceForAsync(this TestDatabase db, int patientId, params decimal[] amounts)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        var sum = amounts.Sum();
        var invoiceId = await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO invoice (patient_id, status, currency_code, subtotal, total, patient_share) VALUES (@patientId, 'draft', 'UGX', @sum, @sum, @sum);
            SELECT LAST_INSERT_ID();
            """, new { patientId, sum });
        var n = 0;
        foreach (var amount in amounts)
            await connection.ExecuteAsync(
                """
                INSERT INTO charge (patient_id, source_type, source_id, category_code, description, quantity, unit_price, amount, service_date, invoice_id)
                VALUES (@patientId, 'service_charge', @source, 'other', @description, 1, @amount, @amount, CURDATE(), @invoiceId)
                """, new { patientId, source = Interlocked.Increment(ref _source), description = $"Service {++n}", amount, invoiceId });
        return invoiceId;
    }

    /// <summary>A draft with the charges, issued by the administrator; returns (invoice_id, invoice_number).</summary>
    public static async Task<(int InvoiceId, string Number)> NewIssuedInvoiceAsync(this TestDatabase db, params decimal[] amounts)
    {
        var id = await db.NewDraftInvoiceAsync(amounts);
        var issued = await db.InvoicesAs(await db.AdminIdAsync()).IssueAsync(id);
        return (id, issued.InvoiceNumber);
    }

    public static Task<string> InvoiceStatusAsync(this TestDatabase db, int invoiceId) =>
        db.ScalarAsync<string>("SELECT status FROM invoice WHERE invoice_id = @invoiceId", new { invoiceId });

    public static async Task<int> CodeOf(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    public static async Task<ClinicRuleException> RefusalOf(Func<Task> call) =>
        (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!;

    /// <summary>The numeric part of a number like INV-000123.</summary>
    public static long NumberPart(string number) => long.Parse(number[(number.LastIndexOf('-') + 1)..]);
}
