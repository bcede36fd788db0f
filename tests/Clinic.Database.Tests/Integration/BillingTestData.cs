using Clinic.Data.Billing;

namespace Clinic.Database.Tests.Integration;

/// <summary>A charge as stored (read as the schema owner).</summary>
public sealed record ChargeRow
{
    public int ChargeId { get; init; }
    public string SourceType { get; init; } = "";
    public int SourceId { get; init; }
    public string CategoryCode { get; init; } = "";
    public int? ServiceId { get; init; }
    public string Description { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal Amount { get; init; }
    public int? InvoiceId { get; init; }
    public int? CreatedBy { get; init; }
}

/// <summary>An invoice's stored sums (read as the schema owner).</summary>
public sealed record InvoiceSums
{
    public int InvoiceId { get; init; }
    public string Status { get; init; } = "";
    public string CurrencyCode { get; init; } = "";
    public decimal Subtotal { get; init; }
    public decimal Total { get; init; }
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
}

/// <summary>Set-up helpers for the billing tests (issue 11).</summary>
public static class BillingTestData
{
    public static BillingProcedures BillingAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>A new active service of the price list, priced from today; returns service_id.</summary>
    public static async Task<int> NewServiceAsync(this TestDatabase db, decimal price, string category = ServiceCategory.Other,
        int? specialisationId = null, int? staffId = null)
    {
        var billing = db.BillingAs(await db.AdminIdAsync());
        var suffix = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var id = await billing.SaveServiceAsync(null, new ServiceInput
        {
            ServiceCode = "S" + suffix, Name = "Service " + suffix, CategoryCode = category,
            SpecialisationId = specialisationId, StaffId = staffId,
        });
        await billing.SetServicePriceAsync(id, await db.TodayAsync(), price);
        return id;
    }

    /// <summary>Every charge of the visit, in the order it was made.</summary>
    public static Task<IReadOnlyList<ChargeRow>> ChargesOfVisitAsync(this TestDatabase db, int visitId) =>
        db.QueryAsync<ChargeRow>("SELECT * FROM charge WHERE visit_id = @visitId ORDER BY charge_id", new { visitId });

    /// <summary>Every invoice of the visit, oldest first.</summary>
    public static Task<IReadOnlyList<InvoiceSums>> InvoicesOfVisitAsync(this TestDatabase db, int visitId) =>
        db.QueryAsync<InvoiceSums>("SELECT * FROM invoice WHERE visit_id = @visitId ORDER BY invoice_id", new { visitId });

    /// <summary>Issues a draft invoice as the administrator, through invoice_issue (a gap-free number, frozen lines).</summary>
    public static async Task IssueAsOwnerAsync(this TestDatabase db, int invoiceId) =>
        await new InvoiceProcedures(db.Runner, db.SessionOf(await db.AdminIdAsync())).IssueAsync(invoiceId);
}
