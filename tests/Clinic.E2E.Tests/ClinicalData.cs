using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Pharmacy;
using Clinic.Data.Queue;
using Clinic.Data.Staff;

namespace Clinic.E2E.Tests;

/// <summary>Arranges clinical, lab and pharmacy data for browser tests through the procedures the app uses, acting as the demo admin.</summary>
public static class ClinicalData
{
    public sealed record StaffAccount(int StaffId, int AccountId, string Username, string Password);

    public sealed record Medication(int MedicationId, string Name, int EarlyLotId, string EarlyBatch, int LateLotId, string LateBatch);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>The department of a staff record (e.g. a doctor made by <see cref="FrontDeskData.NewDoctorAsync"/>), as that person sees it.</summary>
    public static Task<int?> DepartmentOfAsync(int accountId) =>
        ClinicApp.AsAsync(accountId, async (runner, session) => (await new StaffProcedures(runner, session).CurrentAsync())?.DepartmentId);

    /// <summary>A new department (e.g. for a nurse who is not part of another department's care); returns its id.</summary>
    public static Task<int> NewDepartmentAsync() =>
        ClinicApp.AsAdminAsync((runner, actor) => new FacilityProcedures(runner, actor).CreateDepartmentAsync("E2E ward " + Suffix()));

    /// <summary>A sign-in with a staff record of the given role (nurse, pharmacist, ...), optionally in a department.</summary>
    public static async Task<StaffAccount> NewStaffAsync(string role, int? departmentId = null)
    {
        var password = role + "-pass-1";
        var (accountId, username) = await ClinicApp.CreateAccountAsync(role[..4], role, password);
        var staffId = await ClinicApp.AsAdminAsync((runner, actor) => new StaffProcedures(runner, actor).CreateAsync(new StaffInput
        {
            UserAccountId = accountId, GivenName = "Grace", FamilyName = char.ToUpperInvariant(role[0]) + role[1..] + Suffix(),
            StaffRole = role, DepartmentId = departmentId,
        }));
        return new StaffAccount(staffId, accountId, username, password);
    }

    /// <summary>A numeric lab test with one reference range for everyone.</summary>
    public static Task<LabTestRow> NewLabTestAsync(string name, string unit, decimal low, decimal high) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var lab = new LabProcedures(runner, actor);
            var code = "E" + Suffix().ToUpperInvariant();
            var fullName = $"{name} {code}";
            var id = await lab.CreateTestAsync(new LabTestInput { Code = code, Name = fullName, Specimen = "Blood", Unit = unit, Price = 8_000m });
            await lab.SetRangeAsync(new LabReferenceRangeInput { LabTestId = id, LowValue = low, HighValue = high });
            return new LabTestRow { LabTestId = id, Code = code, Name = fullName, Specimen = "Blood", Unit = unit, Price = 8_000m, IsActive = true };
        });

    /// <summary>A medication with two lots: <paramref name="earlyQuantity"/> units expiring in 60 days, <paramref name="lateQuantity"/> in 300.</summary>
    public static Task<Medication> NewMedicationWithTwoLotsAsync(string substance, int earlyQuantity, int lateQuantity) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var suffix = Suffix();
            var name = $"{char.ToUpperInvariant(substance[0])}{substance[1..]} {suffix} 500 mg capsules";
            var medicationId = await new MedicationProcedures(runner, actor).CreateAsync(new MedicationInput
            {
                Name = name, GenericSubstance = substance + suffix, Form = "capsule", Strength = "500 mg", UnitPrice = 300m, ReorderLevel = 5,
            });
            var stock = new StockProcedures(runner, actor);
            var earlyBatch = "EARLY-" + suffix.ToUpperInvariant();
            var lateBatch = "LATE-" + suffix.ToUpperInvariant();
            var early = await stock.ReceiveAsync(new StockLotReceiveInput
            {
                MedicationId = medicationId, BatchNumber = earlyBatch, ExpiryDate = DateTime.Today.AddDays(60), Quantity = earlyQuantity, UnitCost = 120m,
                Supplier = "E2E Supplies",
            });
            var late = await stock.ReceiveAsync(new StockLotReceiveInput
            {
                MedicationId = medicationId, BatchNumber = lateBatch, ExpiryDate = DateTime.Today.AddDays(300), Quantity = lateQuantity, UnitCost = 110m,
                Supplier = "E2E Supplies",
            });
            return new Medication(medicationId, name, early, earlyBatch, late, lateBatch);
        });

    /// <summary>Every lot of a medication (empty ones too), read as the admin: what is on the shelf now.</summary>
    public static Task<IReadOnlyList<StockLotRow>> LotsAsync(int medicationId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new StockProcedures(runner, actor).ListLotsAsync(medicationId, includeEmpty: true));

    public static Task<PrescriptionDetail?> PrescriptionAsync(int prescriptionId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new PrescriptionProcedures(runner, actor).GetAsync(prescriptionId));

    /// <summary>The doctor starts the queue consultation (as themselves); returns the new visit's id.</summary>
    public static Task<int> StartConsultationAsync(int doctorAccountId, int queueEntryId) =>
        ClinicApp.AsAsync(doctorAccountId, (runner, session) => new QueueProcedures(runner, session).StartAsync(queueEntryId));

    /// <summary>The doctor orders a test on their visit (as themselves); returns lab_order_id.</summary>
    public static Task<int> OrderLabTestAsync(int doctorAccountId, int visitId, int labTestId, string? note = null) =>
        ClinicApp.AsAsync(doctorAccountId, (runner, session) => new LabProcedures(runner, session).PlaceAsync(visitId, labTestId, note));

    /// <summary>A patient's allergies, removed ones too, as the treating doctor reads them.</summary>
    public static Task<IReadOnlyList<AllergyRow>> AllergiesAsync(int doctorAccountId, int patientId) =>
        ClinicApp.AsAsync(doctorAccountId, (runner, session) => new ClinicalRecordProcedures(runner, session).AllergiesAsync(patientId, includeInactive: true));

    public static Task<LabOrderRow?> LabOrderAsync(int labOrderId) =>
        ClinicApp.AsAdminAsync((runner, actor) => new LabProcedures(runner, actor).GetAsync(labOrderId));
}
