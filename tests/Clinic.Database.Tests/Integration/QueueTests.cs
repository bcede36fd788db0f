using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Dapper;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.AppointmentTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>The walk-in queue: numbers, priority order, doctors, statuses and the visit (db/procedures/queue_*).</summary>
public class QueueTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<QueueProcedures> ReceptionAsync() => Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);

    /// <summary>A doctor with a sign-in: (staff id, queue procedures acting as that doctor).</summary>
    private static async Task<(int StaffId, QueueProcedures Queue)> DoctorAsync()
    {
        var (accountId, _) = await Db.NewAccountAsync("doctor");
        var staffId = await Db.NewDoctorAsync(withHours: false, userAccountId: accountId);
        return (staffId, Db.QueueAs(accountId));
    }

    [Test]
    public async Task Adding_a_patient_issues_the_next_number_of_today_and_is_audited()
    {
        var (receptionistId, _) = await Db.NewAccountAsync("receptionist");
        var queue = Db.QueueAs(receptionistId);
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        var first = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), Reason = "Fever" });
        var second = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });

        Assert.That(second.QueueNumber, Is.GreaterThan(first.QueueNumber));
        var entry = (await queue.GetAsync(first.QueueEntryId))!;
        Assert.That(entry.ClinicDay, Is.EqualTo(await Db.ScalarAsync<DateTime>("SELECT CURDATE()")));
        Assert.That(entry.QueueNumber, Is.EqualTo(first.QueueNumber));
        Assert.That(entry.Status, Is.EqualTo(QueueStatus.Waiting));
        Assert.That(entry.Priority, Is.EqualTo(QueuePriority.Normal));
        Assert.That(entry.Reason, Is.EqualTo("Fever"));
        Assert.That(entry.CreatedBy, Is.EqualTo(receptionistId));
        Assert.That(entry.IsWalkIn, Is.False);
        Assert.That(entry.Mrn, Does.StartWith("HMS/"));

        var audit = await Db.QueryAsync<(string Action, int? Actor, string NewRow)>(
            "SELECT action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name = 'queue_entry' AND row_key = @key",
            new { before, key = first.QueueEntryId.ToString() });
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That(audit[0].Action, Is.EqualTo("INSERT"));
        Assert.That(audit[0].Actor, Is.EqualTo(receptionistId));
        using var json = JsonDocument.Parse(audit[0].NewRow);
        Assert.That(json.RootElement.GetProperty("queue_number").GetInt32(), Is.EqualTo(first.QueueNumber));
    }

    [Test]
    public async Task Numbers_are_per_clinic_day_and_restart_at_one_on_a_new_day()
    {
        var queue = await ReceptionAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        var today = await Db.ScalarAsync<DateTime>("SELECT CURDATE()");
        // The counter of today holds the next number; no other day's counter is touched.
        Assert.That(await Db.ScalarAsync<long>("SELECT next_value FROM sequence_counter WHERE counter_name = @name",
            new { name = "queue." + today.ToString("yyyy-MM-dd") }), Is.GreaterThan(ticket.QueueNumber));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM sequence_counter WHERE counter_name = @name",
            new { name = "queue." + today.AddDays(1).ToString("yyyy-MM-dd") }), Is.EqualTo(0));
        // The (day, number) pair is unique even for the schema owner.
        var duplicate = await Assert.ThrowsAsync<MySqlException>(async () =>
        {
            await using var connection = await Db.OpenAsync(Db.Migrator);
            await connection.ExecuteAsync(
                "INSERT INTO queue_entry (clinic_day, queue_number, walk_in_name, walk_in_phone) VALUES (CURDATE(), @n, 'X', '+256772000000')",
                new { n = ticket.QueueNumber });
        });
        Assert.That(duplicate!.Number, Is.EqualTo(1062));
    }

    [Test]
    public async Task An_anonymous_walk_in_needs_a_name_and_a_valid_phone_which_is_normalised()
    {
        var queue = await ReceptionAsync();
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { WalkInName = "John Walker" })), Is.EqualTo(50601));
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { WalkInPhone = "0772123456" })), Is.EqualTo(50601));
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { WalkInName = "John Walker", WalkInPhone = "12ab" })), Is.EqualTo(50204));

        var ticket = await queue.AddAsync(new QueueAddInput { WalkInName = "  John Walker ", WalkInPhone = "0772 123 456" });

        var entry = (await queue.GetAsync(ticket.QueueEntryId))!;
        Assert.That(entry.IsWalkIn, Is.True);
        Assert.That(entry.PatientName, Is.EqualTo("John Walker"));
        Assert.That(entry.WalkInPhone, Is.EqualTo("+256772123456"));
        Assert.That(entry.Phone, Is.EqualTo("+256772123456"));
        Assert.That(entry.PhoneLocal, Is.EqualTo("0772123456"), "shown as the clinic dials it");
        QueueListRow? listed = null;
        for (var offset = 0; listed is null; offset += 100)
        {
            var page = await queue.ListAsync(null, null, false, QueueStatus.Waiting, offset, 100);
            Assert.That(page, Is.Not.Empty, "the walk-in is on today's board");
            listed = page.SingleOrDefault(r => r.QueueEntryId == ticket.QueueEntryId);
        }
        Assert.That((listed.Phone, listed.PhoneLocal), Is.EqualTo(("+256772123456", "0772123456")));
        Assert.That(entry.PatientId, Is.Null);
    }

    [Test]
    public async Task Priority_must_be_known()
    {
        var queue = await ReceptionAsync();
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { PatientId = 1, Priority = "vip" })), Is.EqualTo(50604));
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        Assert.That(await CodeOf(() => queue.SetPriorityAsync(ticket.QueueEntryId, "soon")), Is.EqualTo(50604));
    }

    [Test]
    public async Task Higher_priority_comes_first_then_arrival_order()
    {
        var queue = await ReceptionAsync();
        var (doctor, _) = await DoctorAsync();
        async Task<int> Add(string priority) =>
            (await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), Priority = priority, StaffId = doctor })).QueueEntryId;
        var normal1 = await Add(QueuePriority.Normal);
        var normal2 = await Add(QueuePriority.Normal);
        var urgent = await Add(QueuePriority.Urgent);
        var emergency = await Add(QueuePriority.Emergency);
        var normal3 = await Add(QueuePriority.Normal);

        var board = await queue.ListAsync(null, doctor, false, null, 0, 50);
        Assert.That(board.Select(r => r.QueueEntryId), Is.EqualTo(new[] { emergency, urgent, normal1, normal2, normal3 }));
        Assert.That(board.Select(r => r.QueuePosition), Is.EqualTo(new long?[] { 1, 2, 3, 4, 5 }));
        Assert.That(board[0].TotalCount, Is.EqualTo(5));

        // Triage: the third normal patient becomes urgent and moves up behind the earlier urgent one.
        await queue.SetPriorityAsync(normal3, QueuePriority.Urgent);
        board = await queue.ListAsync(null, doctor, false, null, 0, 50);
        Assert.That(board.Select(r => r.QueueEntryId), Is.EqualTo(new[] { emergency, urgent, normal3, normal1, normal2 }));

        // Paging keeps the order and the positions.
        var page = await queue.ListAsync(null, doctor, false, null, 2, 2);
        Assert.That(page.Select(r => r.QueueEntryId), Is.EqualTo(new[] { normal3, normal1 }));
        Assert.That(page.Select(r => r.QueuePosition), Is.EqualTo(new long?[] { 3, 4 }));
    }

    [Test]
    public async Task A_patient_is_in_todays_queue_once_at_a_time()
    {
        var queue = await ReceptionAsync();
        var patient = await Db.NewPatientAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = patient });

        var ex = await Assert.CatchAsync<ClinicRuleException>(() => queue.AddAsync(new QueueAddInput { PatientId = patient }));
        Assert.That(ex!.Code, Is.EqualTo(QueueProcedures.AlreadyQueued));
        Assert.That(ex.Message, Does.Contain($"number {ticket.QueueNumber}"));

        await queue.CancelAsync(ticket.QueueEntryId, "Went home");
        var again = await queue.AddAsync(new QueueAddInput { PatientId = patient });
        Assert.That(again.QueueNumber, Is.GreaterThan(ticket.QueueNumber));
    }

    [Test]
    public async Task Unknown_or_merged_patients_cannot_join()
    {
        var queue = await ReceptionAsync();
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { PatientId = int.MaxValue })), Is.EqualTo(50209));
        var survivor = await Db.NewPatientAsync();
        var merged = await Db.NewPatientAsync();
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, merged, "Same person");
        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { PatientId = merged })), Is.EqualTo(50210));
    }

    [Test]
    public async Task Only_an_active_doctor_can_be_assigned_and_only_while_the_patient_waits()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var (other, _) = await DoctorAsync();
        var adminId = await Db.AdminIdAsync();
        var nurse = await Db.StaffAs(adminId).CreateAsync(new Clinic.Data.Staff.StaffInput { GivenName = "Nora", FamilyName = "Nurse", StaffRole = "nurse" });

        Assert.That(await CodeOf(() => queue.AddAsync(new QueueAddInput { PatientId = 1, StaffId = nurse })), Is.EqualTo(50605));
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor });
        Assert.That(await CodeOf(() => queue.AssignAsync(ticket.QueueEntryId, nurse)), Is.EqualTo(50605));
        Assert.That(await CodeOf(() => queue.AssignAsync(int.MaxValue, doctor)), Is.EqualTo(50606));

        await queue.AssignAsync(ticket.QueueEntryId, other);
        Assert.That((await queue.GetAsync(ticket.QueueEntryId))!.StaffId, Is.EqualTo(other));
        await queue.AssignAsync(ticket.QueueEntryId, null);
        Assert.That((await queue.GetAsync(ticket.QueueEntryId))!.StaffId, Is.Null);
        await queue.AssignAsync(ticket.QueueEntryId, doctor);

        await doctorQueue.StartAsync(ticket.QueueEntryId);
        Assert.That(await CodeOf(() => queue.AssignAsync(ticket.QueueEntryId, other)), Is.EqualTo(50607));
        Assert.That(await CodeOf(() => queue.SetPriorityAsync(ticket.QueueEntryId, QueuePriority.Urgent)), Is.EqualTo(50607));

        await Db.StaffAs(adminId).SetActiveAsync(other, false);
        var second = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        Assert.That(await CodeOf(() => queue.AssignAsync(second.QueueEntryId, other)), Is.EqualTo(50605));
    }

    [Test]
    public async Task Starting_a_consultation_creates_the_visit_in_the_same_step()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var patient = await Db.NewPatientAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = patient, StaffId = doctor });

        var visitId = await doctorQueue.StartAsync(ticket.QueueEntryId);

        var entry = (await queue.GetAsync(ticket.QueueEntryId))!;
        Assert.That(entry.Status, Is.EqualTo(QueueStatus.WithDoctor));
        Assert.That(entry.StartedAt, Is.Not.Null);
        Assert.That(entry.VisitId, Is.EqualTo(visitId));
        var visit = await Db.QueryAsync<(int PatientId, int StaffId, int? QueueEntryId, int? AppointmentId, string Status, DateTime StartedAt)>(
            "SELECT patient_id, staff_id, queue_entry_id, appointment_id, status, started_at FROM visit WHERE visit_id = @visitId", new { visitId });
        Assert.That(visit, Has.Count.EqualTo(1));
        Assert.That(visit[0], Is.EqualTo((patient, doctor, (int?)ticket.QueueEntryId, (int?)null, "open", entry.StartedAt!.Value)));

        Assert.That(await CodeOf(() => doctorQueue.StartAsync(ticket.QueueEntryId)), Is.EqualTo(50611));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE queue_entry_id = @id", new { id = ticket.QueueEntryId }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_doctor_takes_unassigned_patients_but_not_another_doctors()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var (other, _) = await DoctorAsync();
        var unassigned = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        var othersPatient = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = other });

        Assert.That(await CodeOf(() => doctorQueue.StartAsync(othersPatient.QueueEntryId)), Is.EqualTo(QueueProcedures.AnotherDoctorsPatient));
        Assert.That((await queue.GetAsync(othersPatient.QueueEntryId))!.Status, Is.EqualTo(QueueStatus.Waiting));

        await doctorQueue.StartAsync(unassigned.QueueEntryId);
        Assert.That((await queue.GetAsync(unassigned.QueueEntryId))!.StaffId, Is.EqualTo(doctor));

        // An administrator starts for the assigned doctor, but cannot start an unassigned patient.
        var admin = Db.QueueAs(await Db.AdminIdAsync());
        var unassigned2 = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        Assert.That(await CodeOf(() => admin.StartAsync(unassigned2.QueueEntryId)), Is.EqualTo(50609));
        await admin.StartAsync(othersPatient.QueueEntryId);
        Assert.That((await queue.GetAsync(othersPatient.QueueEntryId))!.StaffId, Is.EqualTo(other));

        // A doctor's sign-in without a staff record cannot take patients.
        var loose = Db.QueueAs((await Db.NewAccountAsync("doctor")).Id);
        Assert.That(await CodeOf(() => loose.StartAsync(unassigned2.QueueEntryId)), Is.EqualTo(50621));
        // Receptionists and nurses do not start consultations.
        Assert.That(await CodeOf(() => queue.StartAsync(unassigned2.QueueEntryId)), Is.EqualTo(50102));
    }

    [Test]
    public async Task An_anonymous_walk_in_is_linked_to_a_patient_record_before_the_consultation()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { WalkInName = "Amos Walk", WalkInPhone = "0701000001", StaffId = doctor });

        Assert.That(await CodeOf(() => doctorQueue.StartAsync(ticket.QueueEntryId)), Is.EqualTo(QueueProcedures.WalkInNotRegistered));

        var patient = await Db.NewPatientAsync();
        var busy = await Db.NewPatientAsync();
        await queue.AddAsync(new QueueAddInput { PatientId = busy });
        Assert.That(await CodeOf(() => queue.LinkPatientAsync(ticket.QueueEntryId, busy)), Is.EqualTo(50603));
        await queue.LinkPatientAsync(ticket.QueueEntryId, patient);
        var another = await Db.NewPatientAsync();
        Assert.That(await CodeOf(() => queue.LinkPatientAsync(ticket.QueueEntryId, another)), Is.EqualTo(50617));

        var entry = (await queue.GetAsync(ticket.QueueEntryId))!;
        Assert.That(entry.PatientId, Is.EqualTo(patient));
        Assert.That(entry.IsWalkIn, Is.False);
        Assert.That(entry.WalkInName, Is.EqualTo("Amos Walk"));
        var visitId = await doctorQueue.StartAsync(ticket.QueueEntryId);
        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM visit WHERE visit_id = @visitId", new { visitId }), Is.EqualTo(patient));

        var late = await queue.AddAsync(new QueueAddInput { WalkInName = "Late Walk", WalkInPhone = "0701000002" });
        await queue.CancelAsync(late.QueueEntryId, "Left");
        var latePatient = await Db.NewPatientAsync();
        Assert.That(await CodeOf(() => queue.LinkPatientAsync(late.QueueEntryId, latePatient)), Is.EqualTo(50622));
    }

    [Test]
    public async Task Only_the_treating_doctor_completes_and_completed_is_final()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var (_, otherQueue) = await DoctorAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor });

        Assert.That(await CodeOf(() => doctorQueue.CompleteAsync(ticket.QueueEntryId)), Is.EqualTo(50612));
        await doctorQueue.StartAsync(ticket.QueueEntryId);
        Assert.That(await CodeOf(() => otherQueue.CompleteAsync(ticket.QueueEntryId)), Is.EqualTo(50618));

        await doctorQueue.CompleteAsync(ticket.QueueEntryId);

        var entry = (await queue.GetAsync(ticket.QueueEntryId))!;
        Assert.That(entry.Status, Is.EqualTo(QueueStatus.Completed));
        Assert.That(entry.CompletedAt, Is.Not.Null);
        Assert.That(await CodeOf(() => doctorQueue.CompleteAsync(ticket.QueueEntryId)), Is.EqualTo(50615));
        Assert.That(await CodeOf(() => queue.CancelAsync(ticket.QueueEntryId, "Oops")), Is.EqualTo(50615));
        Assert.That(await CodeOf(() => doctorQueue.CompleteAsync(int.MaxValue)), Is.EqualTo(50606));
    }

    [Test]
    public async Task Cancelling_needs_a_reason_and_a_waiting_patient()
    {
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        var waiting = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        var withDoctor = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor });
        await doctorQueue.StartAsync(withDoctor.QueueEntryId);

        Assert.That(await CodeOf(() => queue.CancelAsync(waiting.QueueEntryId, "  ")), Is.EqualTo(50614));
        Assert.That(await CodeOf(() => queue.CancelAsync(withDoctor.QueueEntryId, "Left")), Is.EqualTo(50613));
        Assert.That(await CodeOf(() => queue.CancelAsync(int.MaxValue, "Left")), Is.EqualTo(50606));

        await queue.CancelAsync(waiting.QueueEntryId, "Left before being seen");

        var entry = (await queue.GetAsync(waiting.QueueEntryId))!;
        Assert.That(entry.Status, Is.EqualTo(QueueStatus.Cancelled));
        Assert.That(entry.CancelReason, Is.EqualTo("Left before being seen"));
        Assert.That(entry.CancelledAt, Is.Not.Null);
        Assert.That(await CodeOf(() => doctorQueue.StartAsync(waiting.QueueEntryId)), Is.EqualTo(50611));
    }

    [Test]
    public async Task The_state_machine_holds_for_the_schema_owner_too()
    {
        var queue = await ReceptionAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        await using var connection = await Db.OpenAsync(Db.Migrator);

        async Task<int> Fails(string sql) =>
            (await Assert.ThrowsAsync<MySqlException>(async () => await connection.ExecuteAsync(sql, new { id = ticket.QueueEntryId })))!.Number;

        Assert.That(await Fails("UPDATE queue_entry SET status = 'completed' WHERE queue_entry_id = @id"), Is.EqualTo(50612));
        Assert.That(await Fails("UPDATE queue_entry SET status = 'cancelled' WHERE queue_entry_id = @id"), Is.EqualTo(50614));
        Assert.That(await Fails("UPDATE queue_entry SET queue_number = queue_number + 1000 WHERE queue_entry_id = @id"), Is.EqualTo(50619));
        Assert.That(await Fails(
            "INSERT INTO queue_entry (clinic_day, queue_number, walk_in_name, walk_in_phone, status) VALUES (CURDATE(), 30000, 'X', '+256772000000', 'completed')"),
            Is.EqualTo(50620));
        await connection.ExecuteAsync("UPDATE queue_entry SET status = 'cancelled', cancel_reason = 'Test' WHERE queue_entry_id = @id", new { id = ticket.QueueEntryId });
        Assert.That(await Fails("UPDATE queue_entry SET status = 'waiting' WHERE queue_entry_id = @id"), Is.EqualTo(50615));
        Assert.That(await Fails("UPDATE queue_entry SET priority = 'urgent' WHERE queue_entry_id = @id"), Is.EqualTo(50607));
        // Nobody can start a consultation without a doctor (CHECK ck_queue_entry_doctor).
        var another = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });
        var check = await Assert.ThrowsAsync<MySqlException>(async () =>
            await connection.ExecuteAsync("UPDATE queue_entry SET status = 'with_doctor' WHERE queue_entry_id = @id", new { id = another.QueueEntryId }));
        Assert.That(check!.Number, Is.EqualTo(4025).Or.EqualTo(3819));
    }

    [Test]
    public async Task Roles_outside_the_front_desk_cannot_use_the_queue()
    {
        var billing = Db.QueueAs((await Db.NewAccountAsync("billing_clerk")).Id);
        Assert.That(await CodeOf(() => billing.AddAsync(new QueueAddInput { WalkInName = "A", WalkInPhone = "0772000001" })), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => billing.ListAsync(null, null, false, null, 0, 10)), Is.EqualTo(50102));
        var doctorOnly = Db.QueueAs((await Db.NewAccountAsync("doctor")).Id);
        Assert.That(await CodeOf(() => doctorOnly.AddAsync(new QueueAddInput { WalkInName = "A", WalkInPhone = "0772000001" })), Is.EqualTo(50102));
    }

    [Test]
    public async Task A_doctors_view_lists_their_patients_and_optionally_the_unassigned_ones()
    {
        var queue = await ReceptionAsync();
        var (doctor, _) = await DoctorAsync();
        var (other, _) = await DoctorAsync();
        var mine = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor });
        var theirs = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = other });
        var unassigned = await queue.AddAsync(new QueueAddInput { WalkInName = "Free Walker", WalkInPhone = "0772999111" });

        var own = await queue.ListAsync(null, doctor, false, null, 0, 100);
        Assert.That(own.Select(r => r.QueueEntryId), Is.EqualTo(new[] { mine.QueueEntryId }));
        // Every page: the shared test database holds the unassigned walk-ins of every other test too.
        var withPool = new List<QueueListRow>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await queue.ListAsync(null, doctor, true, null, offset, 100);
            withPool.AddRange(page);
            if (page.Count < 100)
                break;
        }
        Assert.That(withPool.Select(r => r.QueueEntryId), Does.Contain(mine.QueueEntryId).And.Contain(unassigned.QueueEntryId).And.Not.Contain(theirs.QueueEntryId));
        var waitingOnly = await queue.ListAsync(null, null, false, QueueStatus.Cancelled, 0, 100);
        Assert.That(waitingOnly.Select(r => r.Status), Is.All.EqualTo(QueueStatus.Cancelled));
        var yesterday = await queue.ListAsync(DateTime.Today.AddDays(-400), null, false, null, 0, 100);
        Assert.That(yesterday, Is.Empty);
    }

    [Test]
    public async Task The_patient_timeline_shows_appointments_queue_visits_and_visits_newest_first()
    {
        var adminId = await Db.AdminIdAsync();
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        await Db.WorkingHoursAs(adminId).AddBlockAsync(doctor, (int)Day(3).DayOfWeek == 0 ? 7 : (int)Day(3).DayOfWeek, TimeSpan.FromHours(8), TimeSpan.FromHours(17));
        var patient = await Db.NewPatientAsync();
        var appointments = Db.AppointmentsAs(adminId);
        var future = await appointments.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = Day(3).AddHours(9), Reason = "Review" });
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = patient, StaffId = doctor });
        var visitId = await doctorQueue.StartAsync(ticket.QueueEntryId);

        var patients = Db.PatientsAs(adminId);
        var timeline = await patients.TimelineAsync(patient, 0, 10);

        Assert.That(timeline.Select(r => (r.Kind, r.ItemId)), Is.EqualTo(new[] { ("appointment", future), ("visit", visitId), ("queue", ticket.QueueEntryId) })
            .Or.EqualTo(new[] { ("appointment", future), ("queue", ticket.QueueEntryId), ("visit", visitId) }));
        Assert.That(timeline[0].TotalCount, Is.EqualTo(3));
        Assert.That(timeline[0].Detail, Does.Contain("Review"));
        Assert.That(timeline.Single(r => r.Kind == "queue").VisitId, Is.EqualTo(visitId));
        Assert.That(timeline.Single(r => r.Kind == "queue").Detail, Does.Contain($"Queue number {ticket.QueueNumber}"));

        var secondPage = await patients.TimelineAsync(patient, 1, 1);
        Assert.That(secondPage, Has.Count.EqualTo(1));
        Assert.That(secondPage[0].ItemId, Is.EqualTo(timeline[1].ItemId));
        Assert.That(await CodeOf(() => patients.TimelineAsync(int.MaxValue, 0, 10)), Is.EqualTo(50209));
        var billing = Db.PatientsAs((await Db.NewAccountAsync("patient")).Id);
        Assert.That(await CodeOf(() => billing.TimelineAsync(patient, 0, 10)), Is.EqualTo(50102));
    }

    [Test]
    public async Task Staff_for_actor_finds_the_signed_in_doctor()
    {
        var (accountId, _) = await Db.NewAccountAsync("doctor");
        var staffId = await Db.NewDoctorAsync(withHours: false, userAccountId: accountId);
        var me = await Db.StaffAs(accountId).CurrentAsync();
        Assert.That(me, Is.Not.Null);
        Assert.That(me!.StaffId, Is.EqualTo(staffId));
        Assert.That(me.StaffRole, Is.EqualTo("doctor"));
        Assert.That(me.SeesPatients, Is.True, "an active doctor has appointments and queue patients of their own");
        Assert.That(await Db.StaffAs(await Db.AdminIdAsync()).CurrentAsync(), Is.Null);
        var (nurseAccount, _) = await Db.NewAccountAsync("nurse");
        await Db.StaffAs(await Db.AdminIdAsync()).CreateAsync(new Clinic.Data.Staff.StaffInput
        {
            UserAccountId = nurseAccount, GivenName = "Nora", FamilyName = "Nurse", StaffRole = "nurse",
        });
        var nurse = await Db.StaffAs(nurseAccount).CurrentAsync();
        Assert.That(nurse, Is.Not.Null);
        Assert.That(nurse!.SeesPatients, Is.False);
    }

    [Test]
    public async Task The_home_tiles_follow_the_queue_and_the_patients()
    {
        var dashboard = new Clinic.Data.Dashboard.DashboardQueries(Db.Runner, Db.SessionOf(await Db.AdminIdAsync()));
        var queue = await ReceptionAsync();
        var (doctor, doctorQueue) = await DoctorAsync();
        async Task<Dictionary<string, long>> TilesAsync() => (await dashboard.HomeTilesAsync()).ToDictionary(t => t.TileKey, t => t.Value);
        var before = await TilesAsync();

        await Db.NewPatientAsync();
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync(), StaffId = doctor });
        var middle = await TilesAsync();
        await doctorQueue.StartAsync(ticket.QueueEntryId);
        await doctorQueue.CompleteAsync(ticket.QueueEntryId);
        var after = await TilesAsync();

        Assert.That(middle["patients"] - before["patients"], Is.EqualTo(2));
        Assert.That(middle["queue_waiting"] - before["queue_waiting"], Is.EqualTo(1));
        Assert.That(after["queue_waiting"] - middle["queue_waiting"], Is.EqualTo(-1));
        Assert.That(after["seen_today"] - middle["seen_today"], Is.EqualTo(1));
    }
}
