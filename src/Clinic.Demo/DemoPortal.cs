using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Patients;
using Clinic.Data.Pharmacy;
using Clinic.Data.Portal;
using Clinic.Data.Queue;
using Clinic.Data.Staff;

namespace Clinic.Demo;

/// <summary>What <see cref="DemoPortal.SeedAsync"/> found or added for the demo patient.</summary>
public sealed record DemoPortalSummary(int? PatientId, bool Linked, bool BookedAppointment, bool RecordedVisit, bool IssuedPrescription);

/// <summary>
/// Demo mode only: the demo patient login ('patient', Mary Nakato) is linked to the demo patient record of that name
/// (portal_account_link, as an administrator would), and that record gets what a portal user looks at, where the demo
/// clinic did not already give it: an upcoming appointment (booked by Mary herself in the portal), a past visit with a
/// verified lab result (visit_record_past, lab_order_record_past), and a prescription issued today by the demo doctor
/// (Mary walked in: queue_add, queue_start, prescription_issue, queue_complete). All through the procedures; each step
/// looks first, so a second start adds nothing.
/// </summary>
public static class DemoPortal
{
    public const string GivenName = "Mary";
    public const string FamilyName = "Nakato";

    public static async Task<DemoPortalSummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, DemoSessions sessions, ClinicPasswordHasher hasher,
        IReadOnlyDictionary<string, int> labTestIds, ILogger logger, CancellationToken ct = default)
    {
        var patientId = (await new PatientProcedures(runner, admin).SearchAsync($"{GivenName} {FamilyName}", 0, 50, ct))
            .Where(p => p.GivenName == GivenName && p.FamilyName == FamilyName)
            .Select(p => (int?)p.PatientId).Min();
        var account = (await new UserAccountProcedures(runner, admin, hasher).ListAsync("patient", 0, 10, ct)).FirstOrDefault(a => a.Username == "patient");
        if (patientId is not { } patient || account is null)
        {
            logger.LogWarning("Demo portal: no patient record {Given} {Family} or no 'patient' login; the demo patient is not linked.", GivenName, FamilyName);
            return new DemoPortalSummary(null, false, false, false, false);
        }

        // The link, as an administrator makes it on the Users page.
        var links = new PortalLinkProcedures(runner, admin, hasher);
        var link = await links.GetAsync(patient, ct);
        var linked = false;
        if (link.UserAccountId is null && link.CanLink && account.LinkedPatientId is null)
        {
            await links.LinkAsync(account.UserAccountId, patient, ct);
            linked = true;
        }
        else if (link.UserAccountId != account.UserAccountId)
        {
            logger.LogWarning("Demo portal: {Given} {Family}'s record or the 'patient' login is linked elsewhere; left as it is.", GivenName, FamilyName);
            return new DemoPortalSummary(patient, false, false, false, false);
        }

        var me = await sessions.ForAsync("patient", ct);
        var portal = new PortalProcedures(runner, me);
        var doctorStaff = (await new StaffProcedures(runner, admin).ListAsync("doctor", null, true, 0, 100, ct)).FirstOrDefault(s => s.Username == "doctor");
        if (doctorStaff is null)
            return new DemoPortalSummary(patient, linked, false, false, false);

        var booked = await BookUpcomingAsync(new PortalAppointmentProcedures(runner, me), doctorStaff.StaffId, logger, ct);
        var recorded = false;
        if ((await portal.VisitsAsync(ct)).Visits.Count == 0 || (await portal.LabResultsAsync(ct)).Count == 0)
            recorded = await RecordPastVisitAsync(runner, admin, patient, doctorStaff.StaffId, labTestIds, logger, ct);
        var issued = false;
        if ((await portal.PrescriptionsAsync(ct)).Count == 0)
            issued = await IssuePrescriptionAsync(runner, admin, sessions, patient, doctorStaff.StaffId, logger, ct);

        logger.LogInformation("Demo portal: patient/patient123 is {Given} {Family} (record {Patient}); linked now: {Linked}, booked {Booked}, visit {Visit}, prescription {Prescription}",
            GivenName, FamilyName, patient, linked, booked, recorded, issued);
        return new DemoPortalSummary(patient, linked, booked, recorded, issued);
    }

    /// <summary>Mary books a review with the demo doctor in the portal, a few days ahead, unless she has an upcoming appointment.</summary>
    private static async Task<bool> BookUpcomingAsync(PortalAppointmentProcedures appointments, int doctorStaffId, ILogger logger, CancellationToken ct)
    {
        if ((await appointments.ListAsync(ct)).Any(a => a.IsUpcoming))
            return false;
        try
        {
            var slot = (await appointments.FreeSlotsAsync(doctorStaffId, null, DateTime.Today.AddDays(3), 1, ct)).FirstOrDefault();
            if (slot is null)
                return false;
            await appointments.BookAsync(slot.StaffId, slot.StartsAt, "Blood pressure review", ct);
            return true;
        }
        catch (ClinicRuleException ex)
        {
            logger.LogWarning("Demo portal: the demo patient's appointment was not booked: {Message}", ex.Message);
            return false;
        }
    }

    /// <summary>A blood pressure review ten days ago, with vitals, a diagnosis and a verified creatinine result.</summary>
    private static async Task<bool> RecordPastVisitAsync(ProcedureRunner runner, ISessionAccessor admin, int patientId, int doctorStaffId,
        IReadOnlyDictionary<string, int> labTestIds, ILogger logger, CancellationToken ct)
    {
        var startedAt = DateTime.Today.AddDays(-10).AddHours(10);
        try
        {
            var visitId = await new VisitProcedures(runner, admin).RecordPastAsync(new PastVisitInput
            {
                PatientId = patientId, DoctorStaffId = doctorStaffId, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(25),
                Note = new SoapNoteInput
                {
                    Subjective = "Routine review of blood pressure; occasional headaches.", Objective = "BP raised on two readings; heart sounds normal.",
                    Assessment = "Essential hypertension.", Plan = "Start amlodipine 5 mg daily; low-salt diet; kidney function test; review in 4 weeks.",
                },
                Vitals = new VitalSignInput
                {
                    SystolicMmhg = 152, DiastolicMmhg = 96, PulseBpm = 78, TemperatureC = 36.7m, RespiratoryRate = 16, Spo2Pct = 98, WeightKg = 71m, HeightCm = 162m,
                },
                PrimaryCode = "I10",
            }, ct);
            if (labTestIds.TryGetValue("CREA", out var creatinine))
            {
                await new LabProcedures(runner, admin).RecordPastAsync(new LabPastOrderInput
                {
                    VisitId = visitId, LabTestId = creatinine, OrderedAt = startedAt.AddMinutes(10), Status = LabOrderStatus.Verified, Value = 84m,
                }, ct);
            }
            return true;
        }
        catch (ClinicRuleException ex)
        {
            logger.LogWarning("Demo portal: the demo patient's past visit was not recorded: {Message}", ex.Message);
            return false;
        }
    }

    /// <summary>Mary walks in today, the demo doctor sees her and prescribes amlodipine (ready to collect at the pharmacy).</summary>
    private static async Task<bool> IssuePrescriptionAsync(ProcedureRunner runner, ISessionAccessor admin, DemoSessions sessions, int patientId,
        int doctorStaffId, ILogger logger, CancellationToken ct)
    {
        var medication = (await new MedicationProcedures(runner, admin).ListAsync("Amlodipine", true, 0, 5, ct)).FirstOrDefault();
        if (medication is null)
            return false;
        var queue = new QueueProcedures(runner, await sessions.ForAsync("reception", ct));
        try
        {
            var ticket = await queue.AddAsync(new QueueAddInput
            {
                PatientId = patientId, Priority = QueuePriority.Normal, StaffId = doctorStaffId, Reason = "Blood pressure medicine",
            }, ct);
            var visitId = await new QueueProcedures(runner, admin).StartAsync(ticket.QueueEntryId, ct);
            await new PrescriptionProcedures(runner, await sessions.ForAsync("doctor", ct)).IssueAsync(visitId,
            [
                new PrescriptionItemInput
                {
                    MedicationId = medication.MedicationId, Dose = "5 mg", Route = PrescriptionRoute.Oral, Frequency = "once a day", DurationDays = 30,
                    Quantity = 30, Instructions = "Take in the morning", StartDate = DateTime.Today,
                },
            ], "Demo prescription for the portal patient", ct);
            await new QueueProcedures(runner, admin).CompleteAsync(ticket.QueueEntryId, ct);
            return true;
        }
        catch (ClinicRuleException ex)
        {
            logger.LogWarning("Demo portal: the demo patient's prescription was not issued: {Message}", ex.Message);
            return false;
        }
    }
}
