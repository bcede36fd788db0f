using Clinic.Data.Scheduling;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Reminders and notifications (issue 13): messages are queued by triggers in the same transaction as their cause,
/// rendered from the templates, once per cause and channel, and only where the patient has the contact detail and
/// has not opted out. A database of its own, so that no other test's bookings add messages.
/// </summary>
public class OutboxTests
{
    private static TestDatabase Db = null!;
    private const string ClinicName = "Kampala Family Clinic";
    private const string ClinicPhone = "0414 123456";

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        Db = await DatabaseFixture.CreateDatabaseAsync();
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("clinic.name", ClinicName);
        await settings.SetAsync("clinic.phone", ClinicPhone);
    }

    private static async Task<AppointmentProcedures> ReceptionAsync() => Db.AppointmentsAs((await Db.NewAccountAsync("receptionist")).Id);

    private static Task<string> DoctorNameAsync(int staffId) =>
        Db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @staffId", new { staffId });

    [Test]
    public async Task A_booking_queues_exactly_one_message_per_channel_with_the_rendered_text()
    {
        var doctor = await Db.NewDoctorAsync();
        var emailOnly = await Db.NewContactPatientAsync("Mary", "Nakato", "mary.nakato@example.test", null);
        var phone = OutboxTestData.NewPhone();
        var both = await Db.NewContactPatientAsync("John", "Okello", "john.okello@example.test", phone);
        var reception = await ReceptionAsync();
        var startsAt = AppointmentTests.Day(1).AddHours(9);

        var first = await reception.BookAsync(new AppointmentInput { PatientId = emailOnly, StaffId = doctor, StartsAt = startsAt });
        var second = await reception.BookAsync(new AppointmentInput { PatientId = both, StaffId = doctor, StartsAt = startsAt.AddHours(1) });

        var doctorName = await DoctorNameAsync(doctor);
        var when = OutboxTestData.StartsAtText(startsAt);
        var messages = await Db.MessagesOfAsync(emailOnly);
        Assert.That(messages, Has.Count.EqualTo(1));
        var message = messages[0];
        Assert.That(message.CauseKey, Is.EqualTo($"appointment:{first}:booked"));
        Assert.That(message.EventCode, Is.EqualTo("appointment_booked"));
        Assert.That(message.Channel, Is.EqualTo("email"));
        Assert.That(message.Recipient, Is.EqualTo("mary.nakato@example.test"));
        Assert.That(message.Status, Is.EqualTo("pending"));
        Assert.That(message.Attempts, Is.Zero);
        Assert.That(message.Subject, Is.EqualTo($"Your appointment at {ClinicName} on {when}"));
        Assert.That(message.Body, Is.EqualTo(
            $"Dear Mary Nakato,\n\nYour appointment with {doctorName} at {ClinicName} is booked for {when}.\n\n" +
            $"If you cannot come, please call us on {ClinicPhone}.\n\n{ClinicName}"));

        var pair = await Db.MessagesOfAsync(both);
        Assert.That(pair.Select(m => (m.Channel, m.Recipient, m.CauseKey)), Is.EqualTo(new[]
        {
            ("email", "john.okello@example.test", $"appointment:{second}:booked"),
            ("sms", "+256" + phone[1..], $"appointment:{second}:booked"),
        }));
        Assert.That(pair[1].Subject, Is.Empty);
        Assert.That(pair[1].Body, Is.EqualTo(
            $"{ClinicName}: your appointment with {doctorName} is booked for {OutboxTestData.StartsAtText(startsAt.AddHours(1))}. To change it call {ClinicPhone}."));
    }

    [Test]
    public async Task A_booking_that_rolls_back_queues_nothing_the_message_is_part_of_its_transaction()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewContactPatientAsync("Rolled", "Back", "rolled.back@example.test", OutboxTestData.NewPhone());
        await using var connection = await Db.OpenAsync(Db.Migrator);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status) VALUES (@patient, @doctor, @start, @end, 'booked')",
                new { patient, doctor, start = AppointmentTests.Day(2).AddHours(9), end = AppointmentTests.Day(2).AddHours(9.5) }, transaction);
            var inside = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_message WHERE patient_id = @patient", new { patient }, transaction);
            Assert.That(inside, Is.EqualTo(2), "queued inside the booking's transaction");
            await transaction.RollbackAsync();
        }
        Assert.That(await Db.MessagesOfAsync(patient), Is.Empty);

        // A booking refused by a rule (the slot is taken) queues nothing either.
        var other = await Db.NewContactPatientAsync("Slot", "Taken", "slot.taken@example.test", null);
        var reception = await ReceptionAsync();
        await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = AppointmentTests.Day(2).AddHours(11) });
        Assert.That(await AppointmentTests.CodeOf(() => reception.BookAsync(new AppointmentInput { PatientId = other, StaffId = doctor, StartsAt = AppointmentTests.Day(2).AddHours(11) })),
            Is.EqualTo(50506));
        Assert.That(await Db.MessagesOfAsync(other), Is.Empty);
    }

    [Test]
    public async Task Rescheduling_and_cancelling_queue_their_messages_and_other_changes_queue_none()
    {
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewContactPatientAsync("Grace", "Achieng", "grace.achieng@example.test", null);
        var reception = await ReceptionAsync();
        var startsAt = AppointmentTests.Day(3).AddHours(9);
        var id = await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = startsAt });
        var movedTo = startsAt.AddHours(2);

        await reception.RescheduleAsync(id, movedTo, null, null);
        await reception.RescheduleAsync(id, movedTo, null, null); // same time again: told once
        await reception.CancelAsync(id, "Patient travelling");

        var messages = await Db.MessagesOfAsync(patient);
        Assert.That(messages.Select(m => (m.EventCode, m.CauseKey)), Is.EqualTo(new[]
        {
            ("appointment_booked", $"appointment:{id}:booked"),
            ("appointment_rescheduled", $"appointment:{id}:rescheduled:{movedTo:yyyyMMddHHmm}"),
            ("appointment_cancelled", $"appointment:{id}:cancelled"),
        }));
        var doctorName = await DoctorNameAsync(doctor);
        Assert.That(messages[1].Subject, Is.EqualTo($"Your appointment at {ClinicName} has moved to {OutboxTestData.StartsAtText(movedTo)}"));
        Assert.That(messages[2].Body, Does.StartWith(
            $"Dear Grace Achieng,\n\nYour appointment with {doctorName} at {ClinicName} on {OutboxTestData.StartsAtText(movedTo)} has been cancelled."));

        // Checking in changes the status but is no news to the patient.
        var second = await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = startsAt.AddHours(4) });
        await Db.AppointmentsAs(await Db.AdminIdAsync()).CheckInAsync(second);
        Assert.That((await Db.MessagesOfAsync(patient)).Count(m => m.CauseKey.StartsWith($"appointment:{second}:", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_verified_lab_result_queues_lab_result_ready_and_a_preliminary_one_queues_nothing()
    {
        var patient = await Db.NewContactPatientAsync("Sarah", "Nambi", "sarah.nambi@example.test", null);
        var visit = await Db.NewOpenVisitAsync(patient);
        var testId = await Db.NewLabTestAsync(ranges: [("any", 0, 150, 10m, 20m)]);
        var testName = await Db.ScalarAsync<string>("SELECT name FROM lab_test WHERE lab_test_id = @testId", new { testId });
        var nurse = await Db.NewStaffAccountAsync("nurse", visit.DepartmentId);
        var lab = Db.LabAs(visit.DoctorAccountId);
        var order = await lab.PlaceAsync(visit.VisitId, testId, null);
        await Db.LabAs(nurse).CollectAsync(order);
        await Db.LabAs(nurse).ResultAsync(order, 14.2m, null);
        Assert.That((await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "lab_result_ready"), Is.Empty, "a preliminary result is never announced");

        await lab.VerifyAsync(order);

        var ready = (await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "lab_result_ready").ToList();
        Assert.That(ready, Has.Count.EqualTo(1));
        Assert.That(ready[0].CauseKey, Is.EqualTo($"lab_order:{order}:ready"));
        Assert.That(ready[0].Subject, Is.EqualTo($"Your test result from {ClinicName} is ready"));
        Assert.That(ready[0].Body, Does.Contain($"The result of your test ({testName}) is ready."));
        Assert.That(ready[0].Body, Does.Not.Contain("14.2"), "the message never carries the value");
    }

    [Test]
    public async Task Issuing_a_prescription_queues_prescription_ready_to_collect()
    {
        var phone = OutboxTestData.NewPhone();
        var patient = await Db.NewContactPatientAsync("Peter", "Mukasa", null, phone);
        var visit = await Db.NewOpenVisitAsync(patient);
        var medication = await Db.NewMedicationAsync();
        var prescription = await Db.IssueAsync(visit, (medication, 10));

        var ready = (await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "prescription_ready").ToList();
        Assert.That(ready, Has.Count.EqualTo(1));
        Assert.That(ready[0].Channel, Is.EqualTo("sms"));
        Assert.That(ready[0].Recipient, Is.EqualTo("+256" + phone[1..]));
        Assert.That(ready[0].CauseKey, Is.EqualTo($"prescription:{prescription}:ready"));
        Assert.That(ready[0].Body, Is.EqualTo(
            $"{ClinicName}: your prescription from {await DoctorNameAsync(visit.DoctorStaffId)} is ready to collect at our pharmacy."));
    }

    [Test]
    public async Task Reminders_are_queued_once_even_when_the_procedure_runs_twice_or_concurrently()
    {
        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("notify.reminder_hours", "48");
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewContactPatientAsync("Ruth", "Nalwoga", "ruth.nalwoga@example.test", OutboxTestData.NewPhone());
        var reception = await ReceptionAsync();
        var soon = DateTime.Today.AddDays(1).AddHours(10);
        var soonId = await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = soon });
        var laterId = await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = AppointmentTests.Day(4).AddHours(9) });

        var first = await Db.Outbox().QueueRemindersAsync();
        var again = await Db.Outbox().QueueRemindersAsync();
        var racers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Db.Outbox().QueueRemindersAsync())));

        var reminders = (await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "appointment_reminder").ToList();
        Assert.That(reminders.Select(m => (m.Channel, m.CauseKey)), Is.EquivalentTo(new[]
        {
            ("email", $"appointment:{soonId}:reminder:{soon:yyyyMMddHHmm}"),
            ("sms", $"appointment:{soonId}:reminder:{soon:yyyyMMddHHmm}"),
        }), $"none yet for appointment {laterId}, outside the window");
        Assert.That(first, Is.GreaterThanOrEqualTo(2));
        Assert.That(again, Is.Zero);
        Assert.That(racers, Is.All.Zero);
        Assert.That(reminders[0].Subject, Is.EqualTo($"Reminder: your appointment at {ClinicName} on {OutboxTestData.StartsAtText(soon)}"));

        // Rescheduled within the window: a reminder for the new time, once.
        var newTime = soon.AddHours(3);
        await reception.RescheduleAsync(soonId, newTime, null, null);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Db.Outbox().QueueRemindersAsync())));
        var keys = (await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "appointment_reminder").Select(m => m.CauseKey).ToList();
        Assert.That(keys.Count(k => k == $"appointment:{soonId}:reminder:{newTime:yyyyMMddHHmm}"), Is.EqualTo(2));

        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("notify.reminder_hours", "0");
        var cancelledLater = await reception.BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = soon.AddHours(5) });
        Assert.That(await Db.Outbox().QueueRemindersAsync(), Is.Zero, "0 turns reminders off");
        Assert.That((await Db.MessagesOfAsync(patient)).Any(m => m.CauseKey.Contains($":{cancelledLater}:reminder", StringComparison.Ordinal)), Is.False);
        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("notify.reminder_hours", "24");
    }

    [Test]
    public async Task An_opt_out_or_a_missing_contact_detail_queues_nothing_on_that_channel()
    {
        var doctor = await Db.NewDoctorAsync();
        var reception = await ReceptionAsync();
        var (receptionistId, _) = await Db.NewAccountAsync("receptionist");
        var preferences = Db.NotificationsAs(receptionistId);
        var smsOnly = await Db.NewContactPatientAsync("Opt", "Email", "opt.email@example.test", OutboxTestData.NewPhone());
        var none = await Db.NewContactPatientAsync("Opt", "Out", "opt.out@example.test", OutboxTestData.NewPhone());
        var noContact = await Db.NewContactPatientAsync("No", "Contact", null, null);

        var before = await preferences.GetPreferenceAsync(smsOnly);
        Assert.That((before.EmailEnabled, before.SmsEnabled, before.HasEmail, before.HasPhone, before.UpdatedAt), Is.EqualTo((true, true, true, true, (DateTime?)null)));
        await preferences.SetPreferenceAsync(smsOnly, emailEnabled: false, smsEnabled: true);
        await preferences.SetPreferenceAsync(none, emailEnabled: false, smsEnabled: false);
        var after = await preferences.GetPreferenceAsync(none);
        Assert.That((after.EmailEnabled, after.SmsEnabled), Is.EqualTo((false, false)));
        Assert.That((await preferences.GetPreferenceAsync(noContact)).HasEmail, Is.False);

        var day = AppointmentTests.Day(5);
        await reception.BookAsync(new AppointmentInput { PatientId = smsOnly, StaffId = doctor, StartsAt = day.AddHours(9) });
        await reception.BookAsync(new AppointmentInput { PatientId = none, StaffId = doctor, StartsAt = day.AddHours(10) });
        await reception.BookAsync(new AppointmentInput { PatientId = noContact, StaffId = doctor, StartsAt = day.AddHours(11) });

        Assert.That((await Db.MessagesOfAsync(smsOnly)).Select(m => m.Channel), Is.EqualTo(new[] { "sms" }));
        Assert.That(await Db.MessagesOfAsync(none), Is.Empty);
        Assert.That(await Db.MessagesOfAsync(noContact), Is.Empty);

        // The audit trail has the choice and who made it; a nurse may read it, a pharmacist may not change it.
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_trail WHERE table_name = 'patient_contact_preference' AND row_key = @none AND actor_user_id = @receptionistId",
            new { none = none.ToString(), receptionistId }), Is.EqualTo(1));
        var pharmacist = Db.NotificationsAs((await Db.NewAccountAsync("pharmacist")).Id);
        Assert.That(await AppointmentTests.CodeOf(() => pharmacist.SetPreferenceAsync(none, true, true)), Is.EqualTo(50102));
        Assert.That(await AppointmentTests.CodeOf(() => preferences.SetPreferenceAsync(987_654, true, true)), Is.EqualTo(50209));
    }

    [Test]
    public async Task An_opt_out_of_a_merged_record_still_counts_for_the_surviving_one()
    {
        var (receptionistId, _) = await Db.NewAccountAsync("receptionist");
        var survivor = await Db.NewContactPatientAsync("Merge", "Survivor", "merge.survivor@example.test", null);
        var merged = await Db.NewContactPatientAsync("Merge", "Survivor", "merge.old@example.test", null);
        await Db.NotificationsAs(receptionistId).SetPreferenceAsync(survivor, true, true);
        await Db.NotificationsAs(receptionistId).SetPreferenceAsync(merged, false, true);
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, merged, "Same person");

        var doctor = await Db.NewDoctorAsync();
        await (await ReceptionAsync()).BookAsync(new AppointmentInput { PatientId = survivor, StaffId = doctor, StartsAt = AppointmentTests.Day(6).AddHours(9) });
        Assert.That(await Db.MessagesOfAsync(survivor), Is.Empty, "the patient said no to email on the merged record");
    }

    [Test]
    public async Task Administrators_edit_and_preview_templates_and_the_next_message_uses_the_new_text()
    {
        var admin = Db.NotificationsAs(await Db.AdminIdAsync());
        var templates = await admin.ListTemplatesAsync();
        Assert.That(templates, Has.Count.EqualTo(12));
        Assert.That(templates.All(t => t.IsActive), Is.True);

        var preview = await admin.PreviewTemplateAsync("appointment_booked", "sms", "", "Hello {patient_name}, see {doctor_name} on {starts_at} at {clinic_name}.");
        var tomorrow = DateTime.Today.AddDays(1).AddHours(9.5);
        Assert.That(preview.Body, Is.EqualTo($"Hello Mary Nakato, see Sarah Okello on {OutboxTestData.StartsAtText(tomorrow)} at {ClinicName}."));
        Assert.That(preview.Characters, Is.EqualTo(preview.Body.Length));
        Assert.That(preview.Subject, Is.Empty);

        Assert.That(await AppointmentTests.CodeOf(() => admin.PreviewTemplateAsync("appointment_booked", "sms", "", "Hi {first_name}")), Is.EqualTo(51513));
        Assert.That(await AppointmentTests.CodeOf(() => admin.UpdateTemplateAsync("appointment_booked", "email", "", "Body", true)), Is.EqualTo(51511));
        Assert.That(await AppointmentTests.CodeOf(() => admin.UpdateTemplateAsync("appointment_booked", "sms", "", new string('x', 481), true)), Is.EqualTo(51512));
        Assert.That(await AppointmentTests.CodeOf(() => admin.UpdateTemplateAsync("birthday", "sms", "", "Happy birthday", true)), Is.EqualTo(51510));
        var receptionist = Db.NotificationsAs((await Db.NewAccountAsync("receptionist")).Id);
        Assert.That(await AppointmentTests.CodeOf(() => receptionist.ListTemplatesAsync()), Is.EqualTo(50102));

        await admin.UpdateTemplateAsync("prescription_ready", "sms", "ignored", "  {patient_name}, your medicine is ready at {clinic_name}.  ", true);
        await admin.UpdateTemplateAsync("prescription_ready", "email", "Ready", "Ready", false);
        var changed = (await admin.ListTemplatesAsync()).Where(t => t.EventCode == "prescription_ready").ToList();
        Assert.That(changed.Select(t => (t.Channel, t.Subject, t.Body, t.IsActive)), Is.EqualTo(new[]
        {
            ("email", "Ready", "Ready", false),
            ("sms", "", "{patient_name}, your medicine is ready at {clinic_name}.", true),
        }));
        Assert.That(changed.All(t => t.UpdatedByName == "Test Administrator"), Is.True);

        var patient = await Db.NewContactPatientAsync("Anna", "Kato", "anna.kato@example.test", OutboxTestData.NewPhone());
        var visit = await Db.NewOpenVisitAsync(patient);
        await Db.IssueAsync(visit, (await Db.NewMedicationAsync(), 5));
        var messages = (await Db.MessagesOfAsync(patient)).Where(m => m.EventCode == "prescription_ready").ToList();
        Assert.That(messages.Select(m => (m.Channel, m.Body)), Is.EqualTo(new[] { ("sms", $"Anna Kato, your medicine is ready at {ClinicName}.") }),
            "the email template is off");
        await admin.UpdateTemplateAsync("prescription_ready", "email", "Your prescription is ready to collect at {clinic_name}",
            "Dear {patient_name},\n\nYour prescription from {doctor_name} is ready to collect at the {clinic_name} pharmacy.\n\n{clinic_name}", true);
        await admin.UpdateTemplateAsync("prescription_ready", "sms", "",
            "{clinic_name}: your prescription from {doctor_name} is ready to collect at our pharmacy.", true);
    }

    [Test]
    public async Task The_new_settings_are_validated()
    {
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        Assert.That(await AppointmentTests.CodeOf(() => settings.SetAsync("notify.reminder_hours", "169")), Is.EqualTo(50004));
        Assert.That(await AppointmentTests.CodeOf(() => settings.SetAsync("notify.max_attempts", "0")), Is.EqualTo(50004));
        Assert.That(await AppointmentTests.CodeOf(() => settings.SetAsync("notify.retry_base_seconds", "5")), Is.EqualTo(50004));
        await settings.SetAsync("notify.max_attempts", "5");
    }
}
