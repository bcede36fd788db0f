using Clinic.Data.Common;

namespace Clinic.Data.Billing;

/// <summary>service_category codes of the price list (table service_category, migration 0057).</summary>
public static class ServiceCategory
{
    public const string Consultation = "consultation";
    public const string Lab = "lab";
    public const string Medication = "medication";
    public const string Procedure = "procedure";
    public const string Other = "other";

    /// <summary>The categories service_save accepts (lab tests and medicines are priced in their own catalogues).</summary>
    public static readonly IReadOnlyList<string> PriceList = [Consultation, Procedure, Other];
}

/// <summary>What a charge points to (charge.source_type): the row whose care it charges.</summary>
public static class ChargeSource
{
    public const string Visit = "visit";
    public const string LabOrder = "lab_order";
    public const string LabOrderCredit = "lab_order_credit";
    public const string DispensingLine = "dispensing_line";
    public const string ServiceCharge = "service_charge";
}

public sealed record ServiceInput
{
    /// <summary>A short code such as CONS-GP or DRESSING (stored in capitals, unique).</summary>
    public string ServiceCode { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>consultation, procedure or other (<see cref="ServiceCategory.PriceList"/>).</summary>
    public string CategoryCode { get; init; } = ServiceCategory.Other;
    /// <summary>A consultation priced for every doctor of this specialisation.</summary>
    public int? SpecialisationId { get; init; }
    /// <summary>A consultation priced for this doctor (staff_id).</summary>
    public int? StaffId { get; init; }
    public bool IsActive { get; init; } = true;
}

/// <summary>A row of service_list: the service with today's price and the next one already set.</summary>
/// <summary>A service category (service_category_list).</summary>
public sealed record ServiceCategoryRow
{
    public string CategoryCode { get; init; } = "";
    public string Name { get; init; } = "";
}

public sealed record ServiceRow
{
    public int ServiceId { get; init; }
    public string ServiceCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string CategoryCode { get; init; } = "";
    public string CategoryName { get; init; } = "";
    public int? SpecialisationId { get; init; }
    public string? SpecialisationName { get; init; }
    public int? StaffId { get; init; }
    public string? StaffName { get; init; }
    public bool IsActive { get; init; }
    /// <summary>The price in force today; null when none is set yet.</summary>
    public decimal? Price { get; init; }
    public DateTime? PriceValidFrom { get; init; }
    public decimal? NextPrice { get; init; }
    public DateTime? NextValidFrom { get; init; }
    public bool CanEdit { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>What service_charge_add returns: the source row and its charge.</summary>
public sealed record ServiceChargeResult
{
    public int ServiceChargeId { get; init; }
    public int ChargeId { get; init; }
}

/// <summary>
/// The price list and the services a clerk or doctor adds to a bill (issue 11). Consultations, lab tests
/// and medication are charged by the database itself when the care happens (internal/charge_record);
/// invoices and payments are in <c>InvoiceProcedures</c> and <c>PaymentProcedures</c>.
/// </summary>
public sealed class BillingProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int ServiceCodeFormat = 51101;
    public const int ServiceCodeTaken = 51102;
    public const int ServiceNameRequired = 51103;
    public const int ServiceCategoryNotAllowed = 51104;
    public const int ConsultationDoctorOnly = 51106;
    public const int ServiceNotFound = 51109;
    public const int ConsultationAlreadyActive = 51110;
    public const int PriceNotAllowed = 51111;
    public const int PriceStartsToday = 51112;
    public const int VisitAnotherPatient = 51114;
    public const int ServiceNoLongerOffered = 51115;
    public const int ServiceNoPrice = 51116;
    public const int QuantityOutOfRange = 51117;

    /// <summary>service_list serves at most this many rows a call.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The service categories in their order, with their names.</summary>
    public Task<IReadOnlyList<ServiceCategoryRow>> ListCategoriesAsync(CancellationToken ct = default) =>
        runner.QueryAsync<ServiceCategoryRow>("service_category_list", session, null, ct);

    public async Task<IReadOnlyList<ServiceRow>> ListServicesAsync(string? categoryCode = null, bool? active = null, int offset = 0,
        int limit = 50, CancellationToken ct = default) =>
        await runner.QueryAsync<ServiceRow>("service_list", session,
            new { p_category_code = categoryCode, p_active = active, p_offset = offset, p_limit = limit }, ct);

    /// <summary>Adds a service (<paramref name="serviceId"/> null) or changes one; returns service_id.</summary>
    public async Task<int> SaveServiceAsync(int? serviceId, ServiceInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("service_save", session,
            new
            {
                p_service_id = serviceId, p_service_code = input.ServiceCode, p_name = input.Name, p_category_code = input.CategoryCode,
                p_specialisation_id = input.SpecialisationId, p_staff_id = input.StaffId, p_is_active = input.IsActive,
            }, ct);

    /// <summary>Sets the service's price from a day (today or later); returns service_price_id.</summary>
    public async Task<int> SetServicePriceAsync(int serviceId, DateTime validFrom, decimal price, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("service_price_set", session,
            new { p_service_id = serviceId, p_valid_from = validFrom.Date, p_price = price }, ct);

    /// <summary>Adds a service to the patient's bill for the visit (or without a visit); returns the source row and its charge.</summary>
    public async Task<ServiceChargeResult> AddServiceChargeAsync(int patientId, int? visitId, int serviceId, decimal quantity = 1m,
        string? note = null, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ServiceChargeResult>("service_charge_add", session,
            new { p_patient_id = patientId, p_visit_id = visitId, p_service_id = serviceId, p_quantity = quantity, p_note = note }, ct))!;
}
