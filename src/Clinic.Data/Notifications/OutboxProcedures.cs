using Clinic.Data.Common;

namespace Clinic.Data.Notifications;

/// <summary>A message claimed for delivery (outbox_claim): deliver it, then report it with its claim token.</summary>
public sealed record OutboxMessage
{
    public long OutboxMessageId { get; init; }
    public string Channel { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public int Attempts { get; init; }
    public string ClaimToken { get; init; } = "";
}

/// <summary>What outbox_mark_failed decided: 'pending' (retried at NextAttemptAt) or 'failed' (given up).</summary>
public sealed record OutboxFailureOutcome
{
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime? NextAttemptAt { get; init; }
}

/// <summary>
/// The outbox sender's procedures (db/procedures/outbox_*.sql). The web host's hosted sender calls them
/// with the app account and no user session: they touch only the outbox (README, "Security model").
/// </summary>
public sealed class OutboxProcedures(ProcedureRunner runner)
{
    /// <summary>The message is not claimed with this token any more (its lease ran out and another sender took it).</summary>
    public const int NotClaimed = 51501;

    /// <summary>Queues the reminders of appointments within notify.reminder_hours; returns how many messages were new.</summary>
    public async Task<int> QueueRemindersAsync(CancellationToken ct = default) =>
        await runner.QueryWithoutSessionAsync<int>("outbox_queue_reminders", null, ct);

    /// <summary>Claims up to <paramref name="batch"/> due messages of one channel ("email", "sms") for <paramref name="leaseSeconds"/> seconds.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string sender, string channel, int batch, int leaseSeconds,
        CancellationToken ct = default) =>
        await runner.QueryWithoutSessionListAsync<OutboxMessage>("outbox_claim",
            new { p_sender = sender, p_channel = channel, p_batch = batch, p_lease_seconds = leaseSeconds }, ct);

    public async Task MarkSentAsync(long messageId, string claimToken, CancellationToken ct = default) =>
        await runner.ExecuteWithoutSessionAsync("outbox_mark_sent", new { p_message_id = messageId, p_claim_token = claimToken }, ct);

    public async Task<OutboxFailureOutcome> MarkFailedAsync(long messageId, string claimToken, string error, bool permanent,
        CancellationToken ct = default) =>
        await runner.QueryWithoutSessionAsync<OutboxFailureOutcome>("outbox_mark_failed",
            new { p_message_id = messageId, p_claim_token = claimToken, p_error = error, p_permanent = permanent ? 1 : 0 }, ct)
        ?? throw new InvalidOperationException("outbox_mark_failed answered nothing.");
}
