using Clinic.Data.Notifications;
using Clinic.Data.Patients;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>An outbox row as stored (read as the schema owner).</summary>
public sealed record OutboxRow
{
    public long OutboxMessageId { get; init; }
    public string CauseKey { get; init; } = "";
    public string EventCode { get; init; } = "";
    public string Channel { get; init; } = "";
    public int PatientId { get; init; }
    public string Recipient { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime? NextAttemptAt { get; init; }
    public string? LastError { get; init; }
}

/// <summary>Set-up helpers of the outbox tests (reminders and notifications, issue 13).</summary>
public static class OutboxTestData
{
    public static OutboxProcedures Outbox(this TestDatabase db) => new(db.Runner);

    public static NotificationProcedures NotificationsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    /// <summary>A new patient with the given email and local phone (e.g. 0772123456, stored as +256772123456); returns patient_id.</summary>
    public static async Task<int> NewContactPatientAsync(this TestDatabase db, string givenName, string familyName, string? email, string? phone) =>
        (await db.PatientsAs(await db.AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = givenName, FamilyName = familyName, Sex = "female", DateOfBirth = new DateTime(1985, 3, 14),
            Email = email, Phone = phone,
        }, confirmDuplicate: true)).PatientId;

    /// <summary>A unique local phone number: 07 followed by eight digits.</summary>
    public static string NewPhone() => "07" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>The patient's outbox rows, oldest first.</summary>
    public static Task<IReadOnlyList<OutboxRow>> MessagesOfAsync(this TestDatabase db, int patientId) =>
        db.QueryAsync<OutboxRow>("SELECT * FROM outbox_message WHERE patient_id = @patientId ORDER BY outbox_message_id", new { patientId });

    /// <summary>Finishes every live message (as if sent), so that a test's claims see only its own messages.</summary>
    public static async Task DrainOutboxAsync(this TestDatabase db)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await connection.ExecuteAsync(
            "UPDATE outbox_message SET status = 'sent', next_attempt_at = NULL, claim_token = NULL, claimed_until = NULL WHERE next_attempt_at IS NOT NULL");
    }

    /// <summary>Queues <paramref name="count"/> messages directly (as the schema owner) for one new patient; returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> QueueDirectAsync(this TestDatabase db, int count, string channel = "email", string recipientDomain = "example.test")
    {
        var patient = await db.NewPatientAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var connection = await db.OpenAsync(db.Migrator);
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var recipient = channel == "email" ? $"p{i}.{tag}@{recipientDomain}" : "+2567" + Random.Shared.Next(10_000_000, 99_999_999);
            ids.Add(await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO outbox_message (cause_key, event_code, channel, patient_id, recipient, subject, body)
                VALUES (@cause, 'appointment_booked', @channel, @patient, @recipient, @subject, @body);
                SELECT LAST_INSERT_ID();
                """,
                new { cause = $"test:{tag}:{i}", channel, patient, recipient, subject = $"Subject {tag} {i}", body = $"Body {tag} {i}" }));
        }
        return ids;
    }

    /// <summary>The date and time as outbox_render writes {starts_at}: 'Mon 7 Dec 2026, 14:30'.</summary>
    public static string StartsAtText(DateTime startsAt) => startsAt.ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
