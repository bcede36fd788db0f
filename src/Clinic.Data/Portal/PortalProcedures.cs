using Clinic.Data.Common;

namespace Clinic.Data.Portal;

/// <summary>The signed-in patient's own details (portal_my_details); identity fields are read-only.</summary>
public sealed record PortalMyDetails
{
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string Sex { get; init; } = "";
    public DateTime DateOfBirth { get; init; }
    public int AgeYears { get; init; }
    public string? Phone { get; init; }
    public string? PhoneLocal { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? EmergencyContactName { get; init; }
    public string? EmergencyContactPhone { get; init; }
    public string? EmergencyContactPhoneLocal { get; init; }
    public string? BloodGroup { get; init; }
    public string IdentityNote { get; init; } = "";
    public bool CanEditContact { get; init; }
}

/// <summary>The contact details a patient may change in the portal.</summary>
public sealed record PortalContactInput
{
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? EmergencyContactName { get; init; }
    public string? EmergencyContactPhone { get; init; }
}

/// <summary>One item of one of the patient's prescriptions (portal_prescription_list).</summary>
public sealed record PortalPrescriptionRow
{
    public int PrescriptionId { get; init; }
    public DateTime IssuedAt { get; init; }
    public string PrescriptionStatus { get; init; } = "";
    public string DoctorName { get; init; } = "";
    public int PrescriptionItemId { get; init; }
    public string MedicationName { get; init; } = "";
    public string Strength { get; init; } = "";
    public string Form { get; init; } = "";
    public string Dose { get; init; } = "";
    public string Route { get; init; } = "";
    public string Frequency { get; init; } = "";
    public int DurationDays { get; init; }
    public int Quantity { get; init; }
    public int QuantityDispensed { get; init; }
    public string? Instructions { get; init; }
    public DateTime StartDate { get; init; }
    public DateTime EndDate { get; init; }
    public DateTime? LastDispensedAt { get; init; }
    public bool IsActive { get; init; }
}

/// <summary>A verified lab result of the patient (portal_lab_result_list); preliminary results never appear.</summary>
public sealed record PortalLabResultRow
{
    public int LabOrderId { get; init; }
    public string TestCode { get; init; } = "";
    public string TestName { get; init; } = "";
    public string Specimen { get; init; } = "";
    public DateTime OrderedAt { get; init; }
    public DateTime? CollectedAt { get; init; }
    public DateTime VerifiedAt { get; init; }
    public string? DoctorName { get; init; }
    public decimal? ResultValue { get; init; }
    public string? ResultText { get; init; }
    public string? ResultUnit { get; init; }
    public decimal? ReferenceLow { get; init; }
    public decimal? ReferenceHigh { get; init; }
    /// <summary>low, high, normal, or null (no range or no number).</summary>
    public string? AbnormalFlag { get; init; }
}

/// <summary>One of the patient's visits (portal_visit_list); the notes only when the clinic shows them (NotesShown).</summary>
public sealed record PortalVisitRow
{
    public int VisitId { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string Status { get; init; } = "";
    public string? DoctorName { get; init; }
    public string? DepartmentName { get; init; }
    public string? PrimaryDiagnosis { get; init; }
    public int DiagnosisCount { get; init; }
    public int PrescriptionCount { get; init; }
    public int LabResultCount { get; init; }
    public bool NotesShown { get; init; }
    public string? Subjective { get; init; }
    public string? Objective { get; init; }
    public string? Assessment { get; init; }
    public string? Plan { get; init; }
}

/// <summary>A diagnosis of one of the patient's visits, in plain words (the ICD-10 title).</summary>
public sealed record PortalDiagnosisRow
{
    public int VisitId { get; init; }
    public string Icd10Code { get; init; } = "";
    public string Title { get; init; } = "";
    public bool IsPrimary { get; init; }
}

public sealed record PortalVisits(IReadOnlyList<PortalVisitRow> Visits, IReadOnlyList<PortalDiagnosisRow> Diagnoses);

public sealed record PortalBillSummary
{
    public decimal Balance { get; init; }
    public int OpenInvoiceCount { get; init; }
    public decimal CreditAvailable { get; init; }
    public string CurrencyCode { get; init; } = "";
}

public sealed record PortalInvoiceRow
{
    public int InvoiceId { get; init; }
    public string? InvoiceNumber { get; init; }
    public string Status { get; init; } = "";
    public DateTime? IssuedAt { get; init; }
    public DateTime? DueDate { get; init; }
    public decimal Total { get; init; }
    public decimal PatientShare { get; init; }
    public decimal InsurerShare { get; init; }
    public decimal PaidTotal { get; init; }
    public decimal Balance { get; init; }
}

public sealed record PortalPaymentRow
{
    public int PaymentId { get; init; }
    public string ReceiptNumber { get; init; } = "";
    public string? InvoiceNumber { get; init; }
    public string Method { get; init; } = "";
    public decimal Amount { get; init; }
    public decimal ToCredit { get; init; }
    public decimal RefundedTotal { get; init; }
    public DateTime ReceivedAt { get; init; }
}

public sealed record PortalPolicyRow
{
    public string PlanName { get; init; } = "";
    public string PayerName { get; init; } = "";
    public string MemberNumber { get; init; } = "";
    public string HolderName { get; init; } = "";
    public string Relationship { get; init; } = "";
    public DateTime ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public bool IsPrimary { get; init; }
    public bool IsValid { get; init; }
}

public sealed record PortalBills(PortalBillSummary Summary, IReadOnlyList<PortalInvoiceRow> Invoices,
    IReadOnlyList<PortalPaymentRow> Payments, IReadOnlyList<PortalPolicyRow> Policies);

/// <summary>A staff read of the patient's record (portal_access_list); the reader's name only when the clinic allows it.</summary>
public sealed record PortalAccessRow
{
    public DateTime AccessedAt { get; init; }
    public string RoleCode { get; init; } = "";
    public string RoleName { get; init; } = "";
    public string AccessKind { get; init; } = "";
    public bool IsBreakGlass { get; init; }
    public string? ReaderName { get; init; }
    public bool NamesShown { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>
/// The signed-in patient's own record in the portal (db/procedures/portal_my_details*.sql, portal_prescription_list.sql,
/// portal_lab_result_list.sql, portal_visit_list.sql, portal_bills.sql, portal_access_list.sql). The patient is always the
/// session's: no patient id is passed.
/// </summary>
public sealed class PortalProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int NotLinked = 51410;

    public async Task<PortalMyDetails> MyDetailsAsync(CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<PortalMyDetails>("portal_my_details", session, null, ct))!;

    /// <summary>How the signed-in patient wants to hear from the clinic (portal_contact_preference_get).</summary>
    public async Task<Clinic.Data.Notifications.ContactPreference> ContactPreferenceAsync(CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<Clinic.Data.Notifications.ContactPreference>("portal_contact_preference_get", session, null, ct))!;

    /// <summary>The signed-in patient chooses their channels, or opts out of both (portal_contact_preference_set).</summary>
    public async Task SetContactPreferenceAsync(bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        await runner.ExecuteAsync("portal_contact_preference_set", session,
            new { p_email_enabled = emailEnabled ? 1 : 0, p_sms_enabled = smsEnabled ? 1 : 0 }, ct);

    public async Task UpdateContactAsync(PortalContactInput input, CancellationToken ct = default) =>
        await runner.ExecuteAsync("portal_my_details_update", session,
            new
            {
                p_phone = input.Phone, p_email = input.Email, p_address = input.Address,
                p_emergency_contact_name = input.EmergencyContactName, p_emergency_contact_phone = input.EmergencyContactPhone,
            }, ct);

    public async Task<IReadOnlyList<PortalPrescriptionRow>> PrescriptionsAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<PortalPrescriptionRow>("portal_prescription_list", session, null, ct);

    public async Task<IReadOnlyList<PortalLabResultRow>> LabResultsAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<PortalLabResultRow>("portal_lab_result_list", session, null, ct);

    public Task<PortalVisits> VisitsAsync(CancellationToken ct = default) =>
        runner.QueryMultipleAsync("portal_visit_list", session, null, async grid =>
        {
            var visits = (await grid.ReadAsync<PortalVisitRow>()).ToList();
            var diagnoses = (await grid.ReadAsync<PortalDiagnosisRow>()).ToList();
            return new PortalVisits(visits, diagnoses);
        }, ct);

    public Task<PortalBills> BillsAsync(CancellationToken ct = default) =>
        runner.QueryMultipleAsync("portal_bills", session, null, async grid =>
        {
            var summary = await grid.ReadSingleAsync<PortalBillSummary>();
            var invoices = (await grid.ReadAsync<PortalInvoiceRow>()).ToList();
            var payments = (await grid.ReadAsync<PortalPaymentRow>()).ToList();
            var policies = (await grid.ReadAsync<PortalPolicyRow>()).ToList();
            return new PortalBills(summary, invoices, payments, policies);
        }, ct);

    public async Task<IReadOnlyList<PortalAccessRow>> AccessLogAsync(int offset = 0, int limit = 50, CancellationToken ct = default) =>
        await runner.QueryAsync<PortalAccessRow>("portal_access_list", session, new { p_offset = offset, p_limit = limit }, ct);
}
