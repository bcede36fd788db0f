using Clinic.Data.Common;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Dapper;
using static Clinic.Database.Tests.Integration.AppointmentTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The can_* flags of appointment_get, lab_order_get, prescription_get and queue_get say exactly what the action
/// procedures do, per role, on a real database: for every role, state and action, a fresh row is put in that state,
/// the role reads the flag, then tries the action. Flag true: the procedure accepts. Flag false: it refuses, with
/// 50102 when the role lacks the action's permission (table role_permission). The UI shows buttons from these flags
/// only, so a drift between a flag and its procedure would show a button that fails or hide one that works.
/// </summary>
public sealed class ActionFlagTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static readonly string[] Roles = ["admin", "receptionist", "nurse", "doctor", "pharmacist", "billing_clerk"];

    /// <summary>Null when the call was accepted, otherwise the code it was refused with.</summary>
    private static async Task<int?> OutcomeOf(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (ClinicRuleException refusal)
        {
            return refusal.Code;
        }
    }

    private static async Task<bool> HoldsAsync(string role, string permission) =>
        await Db.ScalarAsync<long>("SELECT COUNT(*) FROM role_permission WHERE role_code = @role AND permission_code = @permission",
            new { role, permission }) > 0;

    /// <summary>Reads the flag as the role; null when the role may not read the row at all (then it has no buttons either).</summary>
    private static async Task<bool?> FlagOf(Func<Task<bool>> read)
    {
        try
        {
            return await read();
        }
        catch (ClinicRuleException refusal) when (refusal.Code == 50102)
        {
            return null;
        }
    }

    /// <summary>Counts what was seen, so a test that never met a true (or a false) flag fails instead of passing empty.</summary>
    private sealed class Tally
    {
        public int Accepted { get; set; }
        public int Refused { get; set; }
    }

    private static async Task CheckAsync(Tally tally, string what, string role, string permission, Func<Task<bool>> readFlag, Func<Task> act)
    {
        var flag = await FlagOf(readFlag);
        if (flag is null)
            return;
        var outcome = await OutcomeOf(act);
        if (flag.Value)
        {
            Assert.That(outcome, Is.Null, $"{role}, {what}: the flag is true, so the procedure must accept");
            tally.Accepted++;
        }
        else
        {
            Assert.That(outcome, Is.Not.Null, $"{role}, {what}: the flag is false, so the procedure must refuse");
            if (!await HoldsAsync(role, permission))
                Assert.That(outcome, Is.EqualTo(50102), $"{role}, {what}: without {permission} the refusal is 50102");
            tally.Refused++;
        }
    }

    private static async Task<int> AccountAsync(string role) =>
        role == "admin" ? await Db.AdminIdAsync()
        : role is "nurse" or "pharmacist" ? await Db.NewStaffAccountAsync(role)
        : (await Db.NewAccountAsync(role)).Id;

    // ---- Appointments: check in, start, complete, no-show, cancel, reschedule, from each open state.

    private static readonly string[] AppointmentStates = ["booked", "booked_past", "checked_in", "in_progress"];

    [TestCaseSource(nameof(Roles))]
    public async Task Appointment_flags_match_what_the_procedures_do(string role)
    {
        var actor = role == "doctor" ? (await Db.NewAccountAsync("doctor")).Id : await AccountAsync(role);
        var mine = Db.AppointmentsAs(actor);
        var admin = Db.AppointmentsAs(await Db.AdminIdAsync());
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var week = 0;
        var tally = new Tally();

        async Task<int> NewAsync(string state)
        {
            var id = await admin.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day(7 * week++).AddHours(9) });
            if (state == "booked_past")
                await using (var owner = await Db.OpenAsync(Db.Migrator))
                    await owner.ExecuteAsync(
                        "UPDATE appointment SET starts_at = NOW() - INTERVAL 2 HOUR, ends_at = NOW() - INTERVAL 1 HOUR WHERE appointment_id = @id", new { id });
            if (state is "checked_in" or "in_progress")
                await admin.CheckInAsync(id);
            if (state == "in_progress")
                await admin.StartAsync(id);
            return id;
        }

        var actions = new (string Name, string Permission, Func<AppointmentRow, bool> Flag, Func<int, Task> Act)[]
        {
            ("check in", "appointment.check_in", r => r.CanCheckIn, id => mine.CheckInAsync(id)),
            ("start", "appointment.start", r => r.CanStart, id => mine.StartAsync(id)),
            ("complete", "appointment.complete", r => r.CanComplete, id => mine.CompleteAsync(id)),
            ("no-show", "appointment.no_show", r => r.CanMarkNoShow, id => mine.MarkNoShowAsync(id)),
            ("cancel", "appointment.book", r => r.CanCancel, id => mine.CancelAsync(id, "Flag test")),
            ("reschedule", "appointment.book", r => r.CanReschedule, id => mine.RescheduleAsync(id, Day(7 * week++).AddHours(11), null, null)),
        };
        foreach (var state in AppointmentStates)
            foreach (var (name, permission, flag, act) in actions)
            {
                var id = await NewAsync(state);
                await CheckAsync(tally, $"{name} ({state})", role, permission, async () => flag((await mine.GetAsync(id))!), () => act(id));
            }

        if (await HoldsAsync(role, "appointment.read"))
            Assert.That(tally.Refused, Is.GreaterThan(0), "some actions are never allowed from some states");
        if (role == "admin")
            Assert.That(tally.Accepted, Is.GreaterThanOrEqualTo(AppointmentStates.Length), "the administrator may act on every open state");
    }

    // ---- Queue: assign, priority, link, call in, complete, remove; the doctor role is the assigned doctor, "other doctor" is not.

    [TestCase("admin")]
    [TestCase("receptionist")]
    [TestCase("nurse")]
    [TestCase("doctor")]
    [TestCase("other doctor")]
    [TestCase("pharmacist")]
    [TestCase("billing_clerk")]
    public async Task Queue_flags_match_what_the_procedures_do(string role)
    {
        var (doctorAccount, _) = await Db.NewAccountAsync("doctor");
        var doctor = await Db.NewDoctorAsync(withHours: false, userAccountId: doctorAccount);
        int actor;
        if (role == "doctor")
            actor = doctorAccount;
        else if (role == "other doctor")
        {
            actor = (await Db.NewAccountAsync("doctor")).Id;
            await Db.NewDoctorAsync(withHours: false, userAccountId: actor);
        }
        else
            actor = await AccountAsync(role);
        var roleCode = role == "other doctor" ? "doctor" : role;
        var mine = Db.QueueAs(actor);
        var desk = Db.QueueAs(await Db.AdminIdAsync());
        var tally = new Tally();

        async Task<int> NewAsync(string state)
        {
            var ticket = await desk.AddAsync(state == "walk_in"
                ? new QueueAddInput { WalkInName = "Walk In " + Guid.NewGuid().ToString("N")[..6], WalkInPhone = "0772000111" }
                : new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = state == "unassigned" ? null : doctor });
            if (state == "with_doctor")
                await Db.QueueAs(doctorAccount).StartAsync(ticket.QueueEntryId);
            return ticket.QueueEntryId;
        }

        var actions = new (string Name, string Permission, Func<QueueEntryRow, bool> Flag, Func<int, Task> Act)[]
        {
            ("assign", "queue.desk", r => r.CanAssign, id => mine.AssignAsync(id, doctor)),
            ("priority", "queue.triage", r => r.CanSetPriority, id => mine.SetPriorityAsync(id, QueuePriority.Urgent)),
            ("link", "queue.desk", r => r.CanLink, async id => await mine.LinkPatientAsync(id, await Db.NewPatientAsync())),
            ("call in", "queue.call", r => r.CanStart, id => mine.StartAsync(id)),
            ("complete", "queue.call", r => r.CanComplete, id => mine.CompleteAsync(id)),
            ("remove", "queue.triage", r => r.CanCancel, id => mine.CancelAsync(id, "Flag test")),
        };
        foreach (var state in new[] { "waiting", "unassigned", "walk_in", "with_doctor" })
            foreach (var (name, permission, flag, act) in actions)
            {
                var id = await NewAsync(state);
                await CheckAsync(tally, $"{name} ({state})", roleCode, permission, async () => flag((await mine.GetAsync(id))!), () => act(id));
            }

        if (await HoldsAsync(roleCode, "queue.read"))
            Assert.That(tally.Refused, Is.GreaterThan(0), "a reader meets refusals (e.g. completing a waiting patient)");
        if (role is "admin" or "doctor")
            Assert.That(tally.Accepted, Is.GreaterThan(0));
    }

    // ---- Lab orders: collect, enter/correct the result, verify, cancel; results are entered by the department's nurse.

    [TestCase("admin")]
    [TestCase("receptionist")]
    [TestCase("nurse")]
    [TestCase("doctor")]
    [TestCase("pharmacist")]
    [TestCase("billing_clerk")]
    public async Task Lab_order_flags_match_what_the_procedures_do(string role)
    {
        var testId = await Db.NewLabTestAsync(ranges: [(Clinic.Data.Lab.LabRangeSex.Any, 0, 150, 10m, 20m)]);
        var tally = new Tally();
        int? other = role is "admin" or "nurse" or "doctor" ? null : await AccountAsync(role);

        foreach (var state in new[] { "ordered", "specimen_collected", "resulted" })
            foreach (var action in new[] { "collect", "result", "verify", "cancel" })
            {
                var lab = await Db.NewLabCaseAsync(testId);
                var nurse = Db.LabAs(lab.NurseId);
                if (state is "specimen_collected" or "resulted")
                    await nurse.CollectAsync(lab.LabOrderId);
                if (state == "resulted")
                    await nurse.ResultAsync(lab.LabOrderId, 13m, null);
                var actor = role switch
                {
                    "admin" => await Db.AdminIdAsync(),
                    "nurse" => lab.NurseId,
                    "doctor" => lab.Visit.DoctorAccountId,
                    _ => other!.Value,
                };
                var mine = Db.LabAs(actor);
                var (permission, flag, act) = action switch
                {
                    "collect" => ("lab.work", (Func<Clinic.Data.Lab.LabOrderRow, bool>)(r => r.CanCollect), (Func<Task>)(() => mine.CollectAsync(lab.LabOrderId))),
                    "result" => ("lab.work", r => r.CanResult, () => mine.ResultAsync(lab.LabOrderId, 14m, null)),
                    "verify" => ("lab.verify", r => r.CanVerify, () => mine.VerifyAsync(lab.LabOrderId)),
                    _ => ("lab.work", r => r.CanCancel, () => mine.CancelAsync(lab.LabOrderId, "Flag test")),
                };
                await CheckAsync(tally, $"{action} ({state})", role, permission, async () => flag((await mine.GetAsync(lab.LabOrderId))!), act);
            }

        if (role is "admin" or "doctor")
            Assert.That((tally.Accepted > 0, tally.Refused > 0), Is.EqualTo((true, true)), "some steps allowed, some not");
    }

    [Test]
    public async Task The_person_who_entered_a_result_may_not_verify_it_and_the_flag_says_so()
    {
        var lab = await Db.NewLabCaseAsync();
        var doctor = Db.LabAs(lab.Visit.DoctorAccountId);
        await doctor.CollectAsync(lab.LabOrderId);
        await doctor.ResultAsync(lab.LabOrderId, 13m, null);

        Assert.That((await doctor.GetAsync(lab.LabOrderId))!.CanVerify, Is.False);
        Assert.That(await OutcomeOf(() => doctor.VerifyAsync(lab.LabOrderId)), Is.EqualTo(50827));
        var second = Db.LabAs(lab.SecondDoctorId);
        Assert.That((await second.GetAsync(lab.LabOrderId))!.CanVerify, Is.True);
        Assert.That(await OutcomeOf(() => second.VerifyAsync(lab.LabOrderId)), Is.Null);
    }

    // ---- Prescriptions: cancel (the issuing doctor, or prescription.cancel_any) and dispense (pharmacy.work).

    [TestCase("admin")]
    [TestCase("receptionist")]
    [TestCase("nurse")]
    [TestCase("doctor")]
    [TestCase("other doctor")]
    [TestCase("pharmacist")]
    [TestCase("billing_clerk")]
    public async Task Prescription_flags_match_what_the_procedures_do(string role)
    {
        var medication = await Db.NewMedicationAsync();
        await Db.NewLotAsync(medication, 1_000, expiresInDays: 200);
        var roleCode = role == "other doctor" ? "doctor" : role;
        int? fixedActor = role is "doctor" ? null : role == "other doctor" ? (await Db.NewOpenVisitAsync()).DoctorAccountId : await AccountAsync(role);
        var pharmacist = Db.DispensingAs(await Db.NewPharmacistAsync());
        var tally = new Tally();

        foreach (var state in new[] { "issued", "partially_dispensed", "dispensed", "cancelled" })
            foreach (var action in new[] { "cancel", "dispense" })
            {
                var (visit, prescriptionId) = await Db.NewPrescriptionAsync((medication, 10));
                var itemId = (await Db.PrescriptionsAs(visit.DoctorAccountId).GetAsync(prescriptionId))!.Items[0].PrescriptionItemId;
                if (state == "partially_dispensed")
                    await pharmacist.DispenseAsync(prescriptionId, [new(itemId, 4)]);
                if (state == "dispensed")
                    await pharmacist.DispenseAsync(prescriptionId);
                if (state == "cancelled")
                    await Db.PrescriptionsAs(visit.DoctorAccountId).CancelAsync(prescriptionId, "Set up");
                var actor = fixedActor ?? visit.DoctorAccountId;
                var prescriptions = Db.PrescriptionsAs(actor);
                var dispensing = Db.DispensingAs(actor);
                var (permission, flag, act) = action == "cancel"
                    ? ("prescription.cancel", (Func<Clinic.Data.Pharmacy.PrescriptionHeader, bool>)(h => h.CanCancel),
                        (Func<Task>)(() => prescriptions.CancelAsync(prescriptionId, "Flag test")))
                    : ("pharmacy.work", h => h.CanDispense, () => dispensing.DispenseAsync(prescriptionId));
                await CheckAsync(tally, $"{action} ({state})", roleCode, permission,
                    async () => flag((await prescriptions.GetAsync(prescriptionId))!.Header), act);
            }

        if (role is "admin" or "doctor" or "pharmacist")
            Assert.That(tally.Accepted, Is.GreaterThan(0), "the role has something it may do");
        if (role == "other doctor")
            Assert.That(tally.Accepted, Is.EqualTo(0), "another doctor's prescription is not theirs to cancel, nor to dispense");
    }
}
