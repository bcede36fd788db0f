using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The outbox sender's procedures (outbox_claim, outbox_mark_sent, outbox_mark_failed): claims with FOR UPDATE SKIP
/// LOCKED never hand one message to two senders, failures back off exponentially up to notify.max_attempts, a claim
/// that ran out is taken over, and the procedures need no session but touch nothing else. A database of its own.
/// </summary>
public class OutboxClaimTests
{
    private static TestDatabase Db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => Db = await DatabaseFixture.CreateDatabaseAsync();

    [SetUp]
    public Task DrainAsync() => Db.DrainOutboxAsync();

    [Test]
    public async Task Many_concurrent_claimers_never_claim_the_same_message()
    {
        var ids = await Db.QueueDirectAsync(200);
        var claims = new System.Collections.Concurrent.ConcurrentBag<long>();
        var rounds = 0;

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                Interlocked.Increment(ref rounds);
                var batch = await Db.Outbox().ClaimAsync($"claimer-{i}", "email", 7, 300);
                if (batch.Count == 0)
                    return;
                foreach (var message in batch)
                    claims.Add(message.OutboxMessageId);
            }
        })));

        Assert.That(claims, Is.Unique, "no message was claimed twice");
        Assert.That(claims.Order(), Is.EqualTo(ids.Order()), "every message was claimed");
        var stored = await Db.QueryAsync<(string Status, int Attempts, int Claimers)>(
            "SELECT status, attempts, COUNT(DISTINCT claimed_by) FROM outbox_message WHERE outbox_message_id IN @ids GROUP BY status, attempts", new { ids });
        Assert.That(stored, Is.EqualTo(new[] { ("sending", 1, stored[0].Claimers) }));
        TestContext.Progress.WriteLine($"200 messages claimed by {stored[0].Claimers} of 24 claimers in {rounds} rounds");
    }

    [Test]
    public async Task A_claim_takes_one_channel_due_messages_oldest_first_and_marks_them_sent()
    {
        var email = await Db.QueueDirectAsync(3);
        var sms = await Db.QueueDirectAsync(2, "sms");
        await Db.ExecuteAsOwnerAsync("UPDATE outbox_message SET next_attempt_at = NOW() + INTERVAL 1 HOUR WHERE outbox_message_id = @id", new { id = email[2] });

        var claimed = await Db.Outbox().ClaimAsync("one", "email", 10, 60);
        Assert.That(claimed.Select(m => m.OutboxMessageId), Is.EqualTo(email.Take(2)), "not yet due: not claimed; SMS: another channel");
        Assert.That(claimed.Select(m => m.ClaimToken).Distinct().Count(), Is.EqualTo(1));
        Assert.That(claimed[0].Attempts, Is.EqualTo(1));
        Assert.That(claimed[0].Subject, Does.StartWith("Subject "));

        await Db.Outbox().MarkSentAsync(claimed[0].OutboxMessageId, claimed[0].ClaimToken);
        var row = (await Db.QueryAsync<OutboxRow>("SELECT * FROM outbox_message WHERE outbox_message_id = @id", new { id = claimed[0].OutboxMessageId }))[0];
        Assert.That((row.Status, row.NextAttemptAt), Is.EqualTo(("sent", (DateTime?)null)));
        Assert.That(await Db.ScalarAsync<DateTime>("SELECT sent_at FROM outbox_message WHERE outbox_message_id = @id", new { id = row.OutboxMessageId }),
            Is.EqualTo(DateTime.Now).Within(TimeSpan.FromMinutes(2)));

        var code = (await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().MarkSentAsync(claimed[0].OutboxMessageId, claimed[0].ClaimToken)))!.Code;
        Assert.That(code, Is.EqualTo(51501), "reported once");
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().MarkSentAsync(claimed[1].OutboxMessageId, Guid.NewGuid().ToString())))!.Code,
            Is.EqualTo(51501), "another token");
        Assert.That((await Db.Outbox().ClaimAsync("one", "sms", 10, 60)).Select(m => m.OutboxMessageId), Is.EqualTo(sms));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().ClaimAsync("one", "fax", 10, 60)))!.Code, Is.EqualTo(51502));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().ClaimAsync("one", "email", 0, 60)))!.Code, Is.EqualTo(51500));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().ClaimAsync("one", "email", 10, 5)))!.Code, Is.EqualTo(51500));
    }

    [Test]
    public async Task Failures_back_off_exponentially_and_give_up_after_the_maximum_attempts()
    {
        var admin = Db.SettingsAs(await Db.AdminIdAsync());
        await admin.SetAsync("notify.max_attempts", "3");
        await admin.SetAsync("notify.retry_base_seconds", "60");
        var id = (await Db.QueueDirectAsync(1))[0];
        var waits = new List<double>();
        string? status = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var message = (await Db.Outbox().ClaimAsync("retry", "email", 1, 60)).Single();
            Assert.That(message.Attempts, Is.EqualTo(attempt));
            var outcome = await Db.Outbox().MarkFailedAsync(id, message.ClaimToken, $"421 try later ({attempt})", permanent: false);
            Assert.That(outcome.Attempts, Is.EqualTo(attempt));
            status = outcome.Status;
            if (outcome.NextAttemptAt is { } next)
            {
                waits.Add(await Db.ScalarAsync<double>("SELECT TIMESTAMPDIFF(SECOND, NOW(), @next)", new { next }));
                await Db.ExecuteAsOwnerAsync("UPDATE outbox_message SET next_attempt_at = NOW() WHERE outbox_message_id = @id", new { id });
            }
        }
        Assert.That(waits, Has.Count.EqualTo(2));
        // NOW() is read a moment after the failure was marked: a busy machine may take seconds in between.
        Assert.That(waits[0], Is.InRange(45, 60), "60 s after the first failure");
        Assert.That(waits[1], Is.InRange(105, 120), "120 s after the second");
        Assert.That(status, Is.EqualTo("failed"));
        var row = (await Db.QueryAsync<OutboxRow>("SELECT * FROM outbox_message WHERE outbox_message_id = @id", new { id }))[0];
        Assert.That((row.Status, row.Attempts, row.NextAttemptAt, row.LastError), Is.EqualTo(("failed", 3, (DateTime?)null, "421 try later (3)")));
        Assert.That(await Db.Outbox().ClaimAsync("retry", "email", 5, 60), Is.Empty);

        // A permanent refusal fails at once.
        var other = (await Db.QueueDirectAsync(1))[0];
        var claimed = (await Db.Outbox().ClaimAsync("retry", "email", 1, 60)).Single();
        var permanent = await Db.Outbox().MarkFailedAsync(other, claimed.ClaimToken, "550 no such user", permanent: true);
        Assert.That((permanent.Status, permanent.Attempts, permanent.NextAttemptAt), Is.EqualTo(("failed", 1, (DateTime?)null)));
        await admin.SetAsync("notify.max_attempts", "5");
    }

    [Test]
    public async Task A_claim_that_ran_out_is_taken_over_and_the_first_sender_can_no_longer_report()
    {
        var id = (await Db.QueueDirectAsync(1))[0];
        var first = (await Db.Outbox().ClaimAsync("first", "email", 1, 10)).Single();
        Assert.That(await Db.Outbox().ClaimAsync("second", "email", 1, 10), Is.Empty, "claimed: not due");
        await Db.ExecuteAsOwnerAsync("UPDATE outbox_message SET next_attempt_at = NOW() - INTERVAL 1 SECOND, claimed_until = NOW() - INTERVAL 1 SECOND WHERE outbox_message_id = @id", new { id });

        var second = (await Db.Outbox().ClaimAsync("second", "email", 1, 60)).Single();
        Assert.That((second.OutboxMessageId, second.Attempts), Is.EqualTo((id, 2)));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.Outbox().MarkSentAsync(id, first.ClaimToken)))!.Code, Is.EqualTo(51501));
        await Db.Outbox().MarkSentAsync(id, second.ClaimToken);
        Assert.That(await Db.ScalarAsync<string>("SELECT claimed_by FROM outbox_message WHERE outbox_message_id = @id", new { id }), Is.EqualTo("second"));

        // A claim that ran out after the last attempt is failed, not claimed again.
        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("notify.max_attempts", "1");
        var last = (await Db.QueueDirectAsync(1))[0];
        await Db.Outbox().ClaimAsync("first", "email", 1, 10);
        await Db.ExecuteAsOwnerAsync("UPDATE outbox_message SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE outbox_message_id = @last", new { last });
        Assert.That(await Db.Outbox().ClaimAsync("second", "email", 5, 10), Is.Empty);
        Assert.That(await Db.ScalarAsync<string>("SELECT CONCAT(status, ' / ', last_error) FROM outbox_message WHERE outbox_message_id = @last", new { last }),
            Is.EqualTo("failed / The sender stopped before it reported the delivery."));
        await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("notify.max_attempts", "5");
    }

    [Test]
    public async Task The_sender_procedures_need_no_session_and_touch_only_the_outbox()
    {
        await Db.QueueDirectAsync(2);
        var auditBefore = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        await using var app = await Db.OpenAsync(Db.App);
        // Pooled sessions may carry an earlier user's identity: the sender's procedures clear it.
        await app.ExecuteAsync("SET @clinic_actor_id = 1, @clinic_session_id = 1");
        var claimed = (await app.QueryAsync<(long Id, string Channel, string Recipient, string Subject, string Body, int Attempts, string Token)>(
            "CALL outbox_claim('app', 'email', 10, 60)")).ToList();
        Assert.That(claimed, Has.Count.EqualTo(2));
        await app.ExecuteAsync("CALL outbox_mark_sent(@id, @token)", new { id = claimed[0].Id, token = claimed[0].Token });
        await app.ExecuteAsync("CALL outbox_mark_failed(@id, @token, 'x', 0)", new { id = claimed[1].Id, token = claimed[1].Token });
        await app.ExecuteAsync("CALL outbox_queue_reminders()");
        Assert.That(await app.ExecuteScalarAsync<long?>("SELECT @clinic_actor_id"), Is.Null);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @auditBefore", new { auditBefore }), Is.Zero,
            "no audited table changed");
        // The app account still reads no table: the outbox only through these procedures.
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteAsync("SELECT * FROM outbox_message"));
        Assert.That(ex!.ErrorCode, Is.EqualTo(MySqlErrorCode.TableAccessDenied));
    }
}
