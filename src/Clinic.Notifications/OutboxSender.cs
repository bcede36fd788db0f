using Clinic.Data.Common;
using Clinic.Data.Notifications;
using Microsoft.Extensions.Logging;

namespace Clinic.Notifications;

/// <summary>
/// One round of the outbox sender: queue due reminders (every <see cref="NotificationOptions.ReminderEverySeconds"/>),
/// then, for each configured channel, claim a batch in the database (outbox_claim: FOR UPDATE SKIP LOCKED, so
/// several app instances never claim the same message), deliver each message and report it (outbox_mark_sent, or
/// outbox_mark_failed, which retries with exponential backoff up to notify.max_attempts). A sender that stops
/// between delivering and reporting leaves the message claimed until its lease runs out; it is then delivered
/// again (at least once: the lease is long against one SMTP send).
/// </summary>
public sealed class OutboxSender(
    OutboxProcedures outbox, NotificationOptions options, IEmailSender? email, ISmsGateway? sms, ILogger<OutboxSender> logger,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DateTimeOffset _nextReminderRun = DateTimeOffset.MinValue;

    public string SenderName { get; } = string.IsNullOrWhiteSpace(options.SenderName)
        ? $"{Environment.MachineName}:{Environment.ProcessId}"
        : options.SenderName.Trim();

    /// <summary>Runs one round; returns how many messages it claimed (so a full batch is followed at once by the next round).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (options.ReminderEverySeconds > 0 && _clock.GetUtcNow() >= _nextReminderRun)
        {
            var queued = await outbox.QueueRemindersAsync(ct);
            _nextReminderRun = _clock.GetUtcNow().AddSeconds(options.ReminderEverySeconds);
            if (queued > 0)
                logger.LogInformation("Queued {Count} appointment reminder messages", queued);
        }
        var claimed = 0;
        if (email is not null && options.EmailConfigured)
            claimed += await DeliverAsync("email", ct);
        if (sms is not null && options.SmsConfigured)
            claimed += await DeliverAsync("sms", ct);
        return claimed;
    }

    private async Task<int> DeliverAsync(string channel, CancellationToken ct)
    {
        var batch = await outbox.ClaimAsync(SenderName, channel, Math.Clamp(options.BatchSize, 1, 500), Math.Clamp(options.LeaseSeconds, 10, 3600), ct);
        if (batch.Count == 0)
            return 0;
        IEmailConnection? connection = null;
        try
        {
            foreach (var message in batch)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    if (channel == "email")
                    {
                        connection ??= await email!.ConnectAsync(ct);
                        await connection.SendAsync(message.Recipient, message.Subject, message.Body, ct);
                    }
                    else
                    {
                        await sms!.SendAsync(message.Recipient, message.Body, ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw; // left claimed: delivered again after the lease
                }
                catch (Exception ex)
                {
                    var permanent = ex is PermanentDeliveryException;
                    if (!permanent && connection is not null)
                    {
                        // The connection may be broken: start a new one for the next message.
                        await connection.DisposeAsync();
                        connection = null;
                    }
                    await ReportFailureAsync(message, channel, ex, permanent, ct);
                    continue;
                }
                await ReportSentAsync(message, ct);
            }
        }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
        return batch.Count;
    }

    private async Task ReportSentAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await outbox.MarkSentAsync(message.OutboxMessageId, message.ClaimToken, ct);
        }
        catch (ClinicRuleException ex) when (ex.Code == OutboxProcedures.NotClaimed)
        {
            logger.LogWarning("Outbox message {Id} was delivered after its claim ran out: {Message}", message.OutboxMessageId, ex.Message);
        }
    }

    private async Task ReportFailureAsync(OutboxMessage message, string channel, Exception error, bool permanent, CancellationToken ct)
    {
        try
        {
            var outcome = await outbox.MarkFailedAsync(message.OutboxMessageId, message.ClaimToken, $"{error.GetType().Name}: {error.Message}", permanent, ct);
            logger.LogWarning("Outbox message {Id} ({Channel}) failed on attempt {Attempt}: {Error}; now {Status}, next attempt {Next}",
                message.OutboxMessageId, channel, outcome.Attempts, error.Message, outcome.Status, outcome.NextAttemptAt);
        }
        catch (ClinicRuleException ex) when (ex.Code == OutboxProcedures.NotClaimed)
        {
            logger.LogWarning("Outbox message {Id} failed after its claim ran out: {Message}", message.OutboxMessageId, ex.Message);
        }
    }
}
