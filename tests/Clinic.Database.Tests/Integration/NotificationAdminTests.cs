using Clinic.Data.Common;
using Clinic.Data.Notifications;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The staff screens of reminders and notifications (issue 13): the outbox list of the templates page
/// (outbox_message_list), the placeholders a template's dialog shows, whether reception may change a
/// patient's channel choice, and the portal link flags of the Users page. A database of its own, so that
/// the outbox holds only this class's messages.
/// </summary>
public class NotificationAdminTests
{
    private static TestDatabase Db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => Db = await DatabaseFixture.CreateDatabaseAsync();

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    [Test]
    public async Task The_outbox_list_shows_the_newest_first_with_attempts_and_errors_filtered_and_paged()
    {
        var admin = Db.NotificationsAs(await Db.AdminIdAsync());
        var ids = await Db.QueueDirectAsync(4, "sms");
        // As the sender would leave them: one sent, one failed for good after 5 attempts, one retrying, one new; queued on different days.
        await Db.OwnerExecuteAsync(
            """
            UPDATE outbox_message SET status = 'sent', next_attempt_at = NULL, attempts = 1, sent_at = NOW() - INTERVAL 3 DAY,
                   created_at = NOW() - INTERVAL 3 DAY WHERE outbox_message_id = @a;
            UPDATE outbox_message SET status = 'failed', next_attempt_at = NULL, attempts = 5, last_error = 'Gateway said: number unreachable',
                   created_at = NOW() - INTERVAL 2 DAY WHERE outbox_message_id = @b;
            UPDATE outbox_message SET attempts = 2, last_error = 'Timeout', next_attempt_at = NOW() + INTERVAL 2 MINUTE,
                   created_at = NOW() - INTERVAL 1 DAY WHERE outbox_message_id = @c;
            """, new { a = ids[0], b = ids[1], c = ids[2] });

        var all = await admin.ListOutboxAsync(null, null, null, 0, 25);
        Assert.That(all.Select(m => m.OutboxMessageId), Is.EqualTo(new[] { ids[3], ids[2], ids[1], ids[0] }), "newest first");
        Assert.That(all.Select(m => m.TotalCount).Distinct(), Is.EqualTo(new[] { 4L }));
        Assert.That(all.Select(m => m.Status), Is.EqualTo(new[] { "pending", "pending", "failed", "sent" }));
        var failed = all[2];
        Assert.That((failed.Attempts, failed.LastError, failed.NextAttemptAt, failed.Channel, failed.EventCode),
            Is.EqualTo((5, "Gateway said: number unreachable", (DateTime?)null, "sms", "appointment_booked")));
        Assert.That(failed.Recipient, Does.StartWith("+2567"));
        var mrn = await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @id", new { id = failed.PatientId });
        Assert.That(failed.Mrn, Is.EqualTo(mrn));
        Assert.That((all[1].Attempts, all[1].LastError, all[1].NextAttemptAt.HasValue), Is.EqualTo((2, "Timeout", true)));
        Assert.That(all[3].SentAt, Is.Not.Null);

        var failedOnly = await admin.ListOutboxAsync("failed", null, null, 0, 25);
        Assert.That(failedOnly.Select(m => m.OutboxMessageId), Is.EqualTo(new[] { ids[1] }));

        var today = await Db.ScalarAsync<DateTime>("SELECT CURRENT_DATE");
        var middle = await admin.ListOutboxAsync(null, today.AddDays(-2), today.AddDays(-1), 0, 25);
        Assert.That(middle.Select(m => m.OutboxMessageId), Is.EqualTo(new[] { ids[2], ids[1] }), "both days of the range count");

        var second = await admin.ListOutboxAsync(null, null, null, 2, 2);
        Assert.That(second.Select(m => (m.OutboxMessageId, m.TotalCount)), Is.EqualTo(new[] { (ids[1], 4L), (ids[0], 4L) }));

        Assert.That(await CodeOf(() => admin.ListOutboxAsync("lost", null, null, 0, 25)), Is.EqualTo(51521));
        Assert.That(await CodeOf(() => admin.ListOutboxAsync(null, today, today.AddDays(-1), 0, 25)), Is.EqualTo(51522));
        var receptionist = Db.NotificationsAs((await Db.NewAccountAsync("receptionist")).Id);
        Assert.That(await CodeOf(() => receptionist.ListOutboxAsync(null, null, null, 0, 25)), Is.EqualTo(50102), "notification.manage only");
    }

    [Test]
    public async Task The_template_list_names_the_placeholders_each_event_fills_and_the_longest_text()
    {
        var templates = await Db.NotificationsAs(await Db.AdminIdAsync()).ListTemplatesAsync();
        Assert.That(templates, Has.Count.EqualTo(12));
        var lab = templates.Single(t => t.EventCode == "lab_result_ready" && t.Channel == "sms");
        Assert.That(lab.Placeholders.Split(','), Is.EqualTo(new[] { "{patient_name}", "{test_name}", "{clinic_name}", "{clinic_phone}" }));
        Assert.That(lab.MaxBodyLength, Is.EqualTo(480));
        var booked = templates.Single(t => t.EventCode == "appointment_booked" && t.Channel == "email");
        Assert.That(booked.Placeholders, Does.Contain("{starts_at}").And.Contain("{doctor_name}").And.Not.Contain("{test_name}"));
        Assert.That(booked.MaxBodyLength, Is.EqualTo(2000));

        // Every listed placeholder is one the database accepts: the preview renders them all.
        foreach (var template in templates)
        {
            var preview = await Db.NotificationsAs(await Db.AdminIdAsync()).PreviewTemplateAsync(template.EventCode, template.Channel,
                template.Channel == "email" ? "Subject" : "", string.Join(" ", template.Placeholders.Split(',')));
            Assert.That(preview.Body, Does.Not.Contain("{"), template.EventCode);
        }
    }

    [Test]
    public async Task Reception_may_change_a_patients_channels_a_pharmacist_only_reads_them_and_a_merged_record_is_read_only()
    {
        var patient = await Db.NewContactPatientAsync("Rita", "Nansubuga", "rita@example.test", OutboxTestData.NewPhone());
        var reception = Db.NotificationsAs((await Db.NewAccountAsync("receptionist")).Id);
        var pharmacist = Db.NotificationsAs((await Db.NewAccountAsync("pharmacist")).Id);
        Assert.That((await reception.GetPreferenceAsync(patient)).CanChange, Is.True);
        Assert.That((await pharmacist.GetPreferenceAsync(patient)).CanChange, Is.False);
        Assert.That(await CodeOf(() => pharmacist.SetPreferenceAsync(patient, true, false)), Is.EqualTo(50102), "the flag says what the database does");

        var survivor = await Db.NewContactPatientAsync("Rita", "Nansubuga", "rita2@example.test", null);
        await Db.PatientsAs(await Db.AdminIdAsync()).MergeAsync(survivor, patient, "Same person");
        Assert.That((await reception.GetPreferenceAsync(patient)).CanChange, Is.False);
        Assert.That(await CodeOf(() => reception.SetPreferenceAsync(patient, true, false)), Is.EqualTo(50210));
    }

    [Test]
    public async Task The_users_list_shows_the_linked_record_and_which_portal_actions_the_administrator_may_take()
    {
        var adminId = await Db.AdminIdAsync();
        var users = Db.UsersAs(adminId);
        var (account, username) = await Db.NewAccountAsync("patient");
        var (_, staffName) = await Db.NewAccountAsync("receptionist");
        var patient = await Db.NewPatientAsync();

        var before = (await users.ListAsync(username, 0, 10)).Single();
        Assert.That((before.LinkedPatientId, before.LinkedPatientMrn, before.CanLinkPatient, before.CanUnlinkPatient),
            Is.EqualTo(((int?)null, (string?)null, true, false)));
        var staff = (await users.ListAsync(staffName, 0, 10)).Single();
        Assert.That((staff.CanLinkPatient, staff.CanUnlinkPatient), Is.EqualTo((false, false)), "a staff account is never linked");

        await Db.PortalLinkAs(adminId).LinkAsync(account, patient);
        var linked = (await users.ListAsync(username, 0, 10)).Single();
        var mrn = await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @patient", new { patient });
        Assert.That((linked.LinkedPatientId, linked.LinkedPatientMrn, linked.CanLinkPatient, linked.CanUnlinkPatient),
            Is.EqualTo(((int?)patient, mrn, false, true)));

        await Db.PortalLinkAs(adminId).UnlinkAsync(patient);
        var unlinked = (await users.ListAsync(username, 0, 10)).Single();
        Assert.That((unlinked.LinkedPatientId, unlinked.CanLinkPatient, unlinked.CanUnlinkPatient), Is.EqualTo(((int?)null, true, false)));
    }
}
