using System.Reflection;

namespace Clinic.Web.Auth;

/// <summary>
/// The permission codes of table <c>permission</c> (db/migrations/0054_permission.sql) that the web app
/// asks about. Who holds them is data (table role_permission): the signed-in session's permissions are
/// claims (<see cref="ClinicClaims.Permission"/>), pages require one as a policy of the same name
/// (<c>[Authorize(Policy = Permissions.PatientRead)]</c>, <see cref="PermissionPolicyProvider"/>), and the
/// menu and buttons ask <see cref="ClinicClaims.Can"/>. A database test checks that every code here is in
/// the table, so the two cannot drift. Each page requires the permission of the main procedure it calls
/// (the procedure's <c>-- Permission:</c> header).
/// </summary>
public static class Permissions
{
    public const string AccountManage = "account.manage";
    public const string AuditRead = "audit.read";
    public const string SettingsManage = "settings.manage";
    public const string SystemRead = "system.read";
    public const string FacilityManage = "facility.manage";
    public const string StaffManage = "staff.manage";
    public const string ScheduleManage = "schedule.manage";
    public const string PatientRead = "patient.read";
    public const string PatientRegister = "patient.register";
    public const string PatientMerge = "patient.merge";
    public const string AppointmentRead = "appointment.read";
    public const string AppointmentBook = "appointment.book";
    public const string QueueRead = "queue.read";
    public const string QueueDesk = "queue.desk";
    public const string QueueCall = "queue.call";
    public const string ClinicalRead = "clinical.read";
    public const string DiagnosisRecord = "diagnosis.record";
    public const string LabWork = "lab.work";
    public const string LabOrder = "lab.order";
    public const string LabCatalogue = "lab.catalogue";
    public const string PrescriptionRead = "prescription.read";
    public const string PharmacyWork = "pharmacy.work";

    // Billing: the workspace and invoices, approvals, the money overviews (cash-up, money today, the patient's account),
    // insurance and claims.
    public const string BillingRead = "billing.read";
    public const string BillingApprove = "billing.approve";
    public const string BillingPayment = "billing.payment";
    public const string BillingOverview = "billing.overview";
    public const string BillingCashUpAll = "billing.cash_up_all";
    public const string InsuranceManage = "insurance.manage";
    public const string InsurancePolicy = "insurance.policy";
    public const string ClaimWork = "claim.work";

    // Dashboards (issue 12): the clinic's, the pharmacy's and a doctor's own performance.
    public const string ReportClinic = "report.clinic";
    public const string ReportPharmacy = "report.pharmacy";
    public const string ReportOwnPerformance = "report.own_performance";

    /// <summary>The Reports page (report_list); which reports a role may run is the database's (can_run).</summary>
    public const string ReportRun = "report.run";

    // The patient portal (issue 13): reception invites a patient; a patient uses the portal (the patient role only).
    public const string PortalInvite = "portal.invite";
    public const string PortalUse = "portal.use";

    /// <summary>Message templates and the outbox (/admin/messages): message_template_*, outbox_message_list.</summary>
    public const string NotificationManage = "notification.manage";

    /// <summary>The CSV import (/admin/import, issue 14): import_batch_*, import_column_list, import_error_list.</summary>
    public const string ImportRun = "import.run";

    /// <summary>
    /// "My day" lists the signed-in doctor's consultations of the day: it needs the permission only the
    /// clinician who treats (diagnoses) holds.
    /// </summary>
    public const string MyDay = DiagnosisRecord;

    /// <summary>Every code above, for the policy provider and the test against table permission.</summary>
    public static IReadOnlySet<string> All { get; } = typeof(Permissions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
