namespace Clinic.Web.Auth;

/// <summary>The role codes of the role table (db/migrations), used in [Authorize(Roles = …)] and AuthorizeView.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Receptionist = "receptionist";
    public const string Doctor = "doctor";
    public const string Nurse = "nurse";
    public const string Pharmacist = "pharmacist";
    public const string BillingClerk = "billing_clerk";
    public const string Patient = "patient";

    /// <summary>Roles that may find and read patients (patient_search, patient_get).</summary>
    public const string PatientReaders = "admin,receptionist,nurse,doctor,pharmacist,billing_clerk";

    /// <summary>Roles that may register and edit patients (patient_register, patient_update).</summary>
    public const string PatientEditors = "admin,receptionist,nurse,doctor";

    /// <summary>Roles that see a patient's medical history on the profile (patient_history, patient_vitals_trend, patient_clinical_summary).</summary>
    public const string MedicalHistoryReaders = "admin,doctor,nurse";

    /// <summary>Roles that may see the appointment calendar and export it (appointment_list, appointment_get).</summary>
    public const string AppointmentReaders = "admin,receptionist,doctor,nurse";

    /// <summary>Roles that may book, reschedule and cancel appointments (appointment_book, _reschedule, _cancel).</summary>
    public const string AppointmentBookers = "admin,receptionist,doctor";
    /// <summary>Roles that see the walk-in queue board and export it (queue_list); the desk adds and assigns, admin and doctors call in.</summary>
    public const string QueueReaders = "admin,receptionist,nurse,doctor";
    public const string QueueDesk = "admin,receptionist,nurse";
    public const string QueueCallers = "admin,doctor";
    /// <summary>Roles that run the pharmacy: dashboard, dispensing, inventory, history and receipts (prescription_dispense, stock_*, dispensing_*).</summary>
    public const string PharmacyStaff = "admin,pharmacist";
    /// <summary>Roles that may read and print a prescription (prescription_get, prescription_list_for_visit).</summary>
    public const string PrescriptionReaders = "admin,doctor,nurse,pharmacist";

    /// <summary>
    /// There is no lab-technician role: nurses, doctors and administrators do the lab work (worklist, collect, result, cancel;
    /// lab_worklist and lab_order_*); doctors and administrators verify (four-eyes: not the person who entered the result);
    /// the treating doctor (or an administrator) orders tests from a visit.
    /// </summary>
    public const string LabWorkers = "admin,doctor,nurse";
    public const string LabVerifiers = "admin,doctor";
    public const string LabOrderers = "admin,doctor";
    /// <summary>Roles that open visits and the clinical record (visit_get, visit_list, allergy_add, problem_add); who may write in a visit is decided by the database (visit_can_write).</summary>
    public const string ClinicalStaff = "admin,doctor,nurse";

    /// <summary>A readable name for the app bar; the database holds the official role names.</summary>
    public static string Describe(string? roleCode) => roleCode switch
    {
        Admin => "Administrator",
        Receptionist => "Receptionist",
        Doctor => "Doctor",
        Nurse => "Nurse",
        Pharmacist => "Pharmacist",
        BillingClerk => "Billing clerk",
        Patient => "Patient",
        _ => roleCode ?? "",
    };
}
