using Clinic.Data.Common;

namespace Clinic.Data.Notifications;

public sealed record MessageTemplateRow
{
    public string EventCode { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public bool IsActive { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? UpdatedByName { get; init; }

    /// <summary>The placeholders this event fills, comma-separated (e.g. "{patient_name},{starts_at}").</summary>
    public string Placeholders { get; init; } = "";

    /// <summary>The longest body the database accepts: 480 for an SMS, 2000 for an email.</summary>
    public int MaxBodyLength { get; init; }
}

/// <summary>One message of the outbox as staff see it (outbox_message_list); the body is not listed.</summary>
public sealed record OutboxMessageRow
{
    public long OutboxMessageId { get; init; }
    public DateTime CreatedAt { get; init; }
    public string EventCode { get; init; } = "";
    public string Channel { get; init; } = "";
    public int PatientId { get; init; }
    public string Mrn { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime? NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public DateTime? SentAt { get; init; }
    public long TotalCount { get; init; }
}

public sealed record MessageTemplatePreview
{
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public int Characters { get; init; }
}

public sealed record ContactPreference
{
    public int PatientId { get; init; }
    public bool EmailEnabled { get; init; }
    public bool SmsEnabled { get; init; }
    public bool HasEmail { get; init; }
    public bool HasPhone { get; init; }
    public DateTime? UpdatedAt { get; init; }

    /// <summary>The session may change the choice (patient.register, an active record).</summary>
    public bool CanChange { get; init; }
}

/// <summary>
/// Message templates and the outbox list (administrators: message_template_*.sql, outbox_message_list.sql) and patients' channel preferences
/// (reception: patient_contact_preference_*.sql).
/// </summary>
public sealed class NotificationProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<IReadOnlyList<MessageTemplateRow>> ListTemplatesAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<MessageTemplateRow>("message_template_list", session, null, ct);

    public async Task UpdateTemplateAsync(string eventCode, string channel, string subject, string body, bool isActive,
        CancellationToken ct = default) =>
        await runner.ExecuteAsync("message_template_update", session,
            new { p_event_code = eventCode, p_channel = channel, p_subject = subject, p_body = body, p_is_active = isActive ? 1 : 0 }, ct);

    public async Task<MessageTemplatePreview> PreviewTemplateAsync(string eventCode, string channel, string subject, string body,
        CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<MessageTemplatePreview>("message_template_preview", session,
            new { p_event_code = eventCode, p_channel = channel, p_subject = subject, p_body = body }, ct)
        ?? throw new InvalidOperationException("message_template_preview answered nothing.");

    /// <summary>The outbox, newest first: optionally one status and the days queued (both inclusive).</summary>
    public async Task<IReadOnlyList<OutboxMessageRow>> ListOutboxAsync(string? status, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        await runner.QueryAsync<OutboxMessageRow>("outbox_message_list", session,
            new { p_status = status, p_from = from?.Date, p_to = to?.Date, p_offset = offset, p_limit = limit }, ct);

    public async Task<ContactPreference> GetPreferenceAsync(int patientId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<ContactPreference>("patient_contact_preference_get", session, new { p_patient_id = patientId }, ct)
        ?? throw new InvalidOperationException("patient_contact_preference_get answered nothing.");

    public async Task SetPreferenceAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        await runner.ExecuteAsync("patient_contact_preference_set", session,
            new { p_patient_id = patientId, p_email_enabled = emailEnabled ? 1 : 0, p_sms_enabled = smsEnabled ? 1 : 0 }, ct);
}
