namespace Clinic.Generator;

/// <summary>
/// The CSV files of the bulk import the generator writes: the import kind, the file name and the header (the kind's
/// columns in import_column order, as agreed for issue 14). Load them in this order: later files refer to earlier
/// rows by external id (staff before working hours and appointments, patients before appointments, appointments
/// before visits, visits before lab orders, patients and staff before the walk-in queue, medications before stock lots,
/// visits and stock lots before prescriptions, visits and the price list before invoices).
/// </summary>
public static class ImportFormats
{
    public sealed record Format(string Kind, string FileName, IReadOnlyList<string> Columns);

    public static readonly Format Patient = new("patient", "patients.csv",
    [
        "external_id", "given_name", "family_name", "sex", "date_of_birth", "phone", "email", "address", "district",
        "emergency_contact_name", "emergency_contact_phone", "blood_group", "mrn",
    ]);

    public static readonly Format Staff = new("staff", "staff.csv",
        ["external_id", "given_name", "family_name", "staff_role", "department", "specialisation", "consultation_fee", "phone", "email", "username"]);

    public static readonly Format WorkingHours = new("working_hours", "working_hours.csv", ["doctor", "weekday", "starts_at", "ends_at"]);

    public static readonly Format Appointment = new("appointment", "appointments.csv",
        ["external_id", "patient", "doctor", "room", "date", "start_time", "duration_minutes", "status", "reason", "cancel_reason"]);

    public static readonly Format Visit = new("visit", "visits.csv",
    [
        "external_id", "appointment", "systolic_mmhg", "diastolic_mmhg", "pulse_bpm", "temperature_c", "respiratory_rate", "spo2_pct",
        "weight_kg", "height_cm", "subjective", "objective", "assessment", "plan", "diagnoses",
    ]);

    public static readonly Format QueueEntry = new("queue_entry", "queue.csv",
    [
        "external_id", "clinic_day", "queue_number", "patient", "walk_in_name", "walk_in_phone", "priority", "doctor", "arrived_time",
        "started_time", "completed_time", "cancelled_time", "status", "reason", "cancel_reason",
    ]);

    public static readonly Format LabOrder = new("lab_order", "lab_orders.csv",
    [
        "external_id", "appointment", "test", "status", "ordered_at", "collected_at", "resulted_at", "verified_at", "cancelled_at", "result",
        "cancel_reason", "verified_by", "clinical_note",
    ]);

    public static readonly Format Medication = new("medication", "medications.csv",
        ["external_id", "name", "generic_substance", "form", "strength", "unit_price", "reorder_level"]);

    public static readonly Format StockLot = new("stock_lot", "stock_lots.csv",
        ["external_id", "medication", "batch_number", "expiry_date", "quantity", "unit_cost", "received_date", "supplier"]);

    public static readonly Format Prescription = new("prescription", "prescriptions.csv",
    [
        "external_id", "visit", "medication", "dose", "route", "frequency", "duration_days", "quantity", "instructions", "quantity_dispensed",
        "dispensed_at",
    ]);

    public static readonly Format PriceList = new("price_list", "price_list.csv", ["service_code", "name", "category", "price", "valid_from"]);

    public static readonly Format Invoice = new("invoice", "invoices.csv",
        ["invoice", "visit", "service_code", "quantity", "amount_paid", "method", "provider", "reference", "paid_on"]);

    /// <summary>Every file, in the order to import them.</summary>
    public static IReadOnlyList<Format> All { get; } =
        [Staff, WorkingHours, Patient, Appointment, Visit, LabOrder, QueueEntry, Medication, StockLot, Prescription, PriceList, Invoice];
}
