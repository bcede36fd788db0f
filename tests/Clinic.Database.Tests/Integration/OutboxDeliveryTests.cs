using Clinic.Data.Scheduling;
using Clinic.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The outbox sender of the web host (src/Clinic.Notifications) against a real SMTP server on loopback (SmtpSink,
/// started by the tests themselves) and the file SMS gateway: two senders running at once deliver each message
/// exactly once; refusals and an unreachable server are recorded as the database decides (fail or retry).
/// </summary>
public class OutboxDeliveryTests
{
    private static TestDatabase Db = null!;
    private string _smsFile = "";

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => Db = await DatabaseFixture.CreateDatabaseAsync();

    [SetUp]
    public async Task SetUpAsync()
    {
        await Db.DrainOutboxAsync();
        _smsFile = Path.Combine(Path.GetTempPath(), $"clinic-sms-{Guid.NewGuid():N}.log");
    }

    [TearDown]
    public void TearDown() => File.Delete(_smsFile);

    private OutboxSender NewSender(string name, int smtpPort, int batch = 5)
    {
        var options = new NotificationOptions
        {
            SenderName = name, BatchSize = batch, LeaseSeconds = 120, ReminderEverySeconds = 0,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, Security = "None", From = "reminders@clinic.test", FromName = "Clinic", TimeoutSeconds = 10 },
            Sms = new SmsOptions { Gateway = "file", FilePath = _smsFile },
        };
        return new OutboxSender(Db.Outbox(), options, new SmtpEmailSender(options.Smtp), new FileSmsGateway(_smsFile), NullLogger<OutboxSender>.Instance);
    }

    private static async Task RunUntilIdleAsync(OutboxSender sender)
    {
        while (await sender.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    [Test]
    public async Task Two_concurrent_senders_deliver_each_message_exactly_once()
    {
        await using var sink = new SmtpSink();
        var emails = await Db.QueueDirectAsync(60);
        var sms = await Db.QueueDirectAsync(20, "sms");
        var first = NewSender("instance-a", sink.Port);
        var second = NewSender("instance-b", sink.Port);

        await Task.WhenAll(Task.Run(() => RunUntilIdleAsync(first)), Task.Run(() => RunUntilIdleAsync(second)));

        var subjects = sink.Mails.Select(m => m.Message.Subject).ToList();
        Assert.That(subjects, Has.Count.EqualTo(60));
        Assert.That(subjects, Is.Unique, "no email delivered twice");
        var expected = await Db.QueryAsync<string>("SELECT subject FROM outbox_message WHERE outbox_message_id IN @emails", new { emails });
        Assert.That(subjects, Is.EquivalentTo(expected));
        Assert.That(sink.Mails.All(m => m.Message.From.Mailboxes.Single().Address == "reminders@clinic.test"), Is.True);
        var smsLines = await File.ReadAllLinesAsync(_smsFile);
        Assert.That(smsLines, Has.Length.EqualTo(20));
        Assert.That(smsLines, Is.Unique);
        var states = await Db.QueryAsync<(string Status, int Attempts, long Count)>(
            "SELECT status, attempts, COUNT(*) FROM outbox_message WHERE outbox_message_id IN @all GROUP BY status, attempts", new { all = emails.Concat(sms) });
        Assert.That(states, Is.EqualTo(new[] { ("sent", 1, 80L) }));
        var byInstance = await Db.QueryAsync<(string Sender, long Count)>(
            "SELECT claimed_by, COUNT(*) FROM outbox_message WHERE outbox_message_id IN @all GROUP BY claimed_by", new { all = emails.Concat(sms) });
        TestContext.Progress.WriteLine("delivered by " + string.Join(", ", byInstance.Select(b => $"{b.Sender}: {b.Count}")) + $" over {sink.Connections} SMTP connections");
    }

    [Test]
    public async Task A_booking_reaches_the_patient_by_email_and_sms_with_the_rendered_text()
    {
        await using var sink = new SmtpSink();
        var phone = OutboxTestData.NewPhone();
        var patient = await Db.NewContactPatientAsync("Mary", "Nakato", "mary.nakato@example.test", phone);
        var doctor = await Db.NewDoctorAsync();
        var startsAt = AppointmentTests.Day(1).AddHours(9);
        await Db.AppointmentsAs(await Db.AdminIdAsync()).BookAsync(new AppointmentInput { PatientId = patient, StaffId = doctor, StartsAt = startsAt });

        await RunUntilIdleAsync(NewSender("solo", sink.Port));

        var mail = sink.Mails.Single();
        Assert.That(mail.Recipients, Is.EqualTo(new[] { "mary.nakato@example.test" }));
        Assert.That(mail.Message.Subject, Is.EqualTo($"Your appointment at Clinic on {OutboxTestData.StartsAtText(startsAt)}"));
        Assert.That(mail.Message.TextBody!.Replace("\r\n", "\n"), Does.StartWith("Dear Mary Nakato,\n\nYour appointment with "));
        var sms = (await File.ReadAllLinesAsync(_smsFile)).Single();
        Assert.That(sms, Does.Contain($"\"to\":\"+256{phone[1..]}\""));
        Assert.That(sms, Does.Contain($"booked for {OutboxTestData.StartsAtText(startsAt)}"));
        Assert.That((await Db.MessagesOfAsync(patient)).Select(m => m.Status), Is.EqualTo(new[] { "sent", "sent" }));
    }

    [Test]
    public async Task A_refused_address_fails_at_once_and_an_unreachable_server_is_retried_later()
    {
        await using var sink = new SmtpSink();
        var ids = await Db.QueueDirectAsync(2, recipientDomain: "refuse.test");
        var refused = await Db.ScalarAsync<string>("SELECT recipient FROM outbox_message WHERE outbox_message_id = @id", new { id = ids[0] });
        sink.Refuse[refused] = true;

        await RunUntilIdleAsync(NewSender("refusals", sink.Port));

        var rows = await Db.QueryAsync<OutboxRow>("SELECT * FROM outbox_message WHERE outbox_message_id IN @ids ORDER BY outbox_message_id", new { ids });
        Assert.That((rows[0].Status, rows[0].Attempts, rows[0].NextAttemptAt), Is.EqualTo(("failed", 1, (DateTime?)null)));
        Assert.That(rows[0].LastError, Does.Contain("550"));
        Assert.That(rows[1].Status, Is.EqualTo("sent"), "the next message of the batch still goes");
        Assert.That(sink.Mails, Has.Count.EqualTo(1));

        // No SMTP server listening: the message waits for its next attempt.
        var waiting = (await Db.QueueDirectAsync(1))[0];
        int closedPort;
        await using (var closed = new SmtpSink())
            closedPort = closed.Port;
        await NewSender("unreachable", closedPort).RunOnceAsync(CancellationToken.None);
        var row = (await Db.QueryAsync<OutboxRow>("SELECT * FROM outbox_message WHERE outbox_message_id = @waiting", new { waiting }))[0];
        Assert.That((row.Status, row.Attempts), Is.EqualTo(("pending", 1)));
        Assert.That(row.NextAttemptAt, Is.GreaterThan(await Db.ScalarAsync<DateTime>("SELECT NOW() + INTERVAL 50 SECOND")));
        Assert.That(row.LastError, Is.Not.Empty);
    }
}
