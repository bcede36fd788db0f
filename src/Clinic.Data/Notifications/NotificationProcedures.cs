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
}

/// <summary>
/// Message templates (administrators: message_template_*.sql) and patients' channel preferences
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

    public async Task<ContactPreference> GetPreferenceAsync(int patientId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<ContactPreference>("patient_contact_preference_get", session, new { p_patient_id = patientId }, ct)
        ?? throw new InvalidOperationException("patient_contact_preference_get answered nothing.");

    public async Task SetPreferenceAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        await runner.ExecuteAsync("patient_contact_preference_set", session,
            new { p_patient_id = patientId, p_email_enabled = emailEnabled ? 1 : 0, p_sms_enabled = smsEnabled ? 1 : 0 }, ct);
}
