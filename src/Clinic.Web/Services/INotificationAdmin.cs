using Clinic.Data.Notifications;

namespace Clinic.Web.Services;

/// <summary>
/// What the message templates page (/admin/messages: templates and the outbox) calls. A seam so that component tests
/// need no database; every rule stays in the procedures (db/procedures/message_template_*.sql, outbox_message_list.sql),
/// which refuse with the sentence the page shows.
/// </summary>
public interface INotificationAdmin
{
    Task<IReadOnlyList<MessageTemplateRow>> TemplatesAsync(CancellationToken ct = default);

    /// <summary>The text rendered with sample data, exactly as a message would be; refused by the same rules as saving.</summary>
    Task<MessageTemplatePreview> PreviewAsync(string eventCode, string channel, string subject, string body, CancellationToken ct = default);

    Task UpdateAsync(string eventCode, string channel, string subject, string body, bool isActive, CancellationToken ct = default);

    /// <summary>The outbox, newest first: optionally one status and the days queued (both inclusive).</summary>
    Task<IReadOnlyList<OutboxMessageRow>> OutboxAsync(string? status, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);
}

/// <summary>What the contact preferences panel of a patient's profile calls (patient_contact_preference_get / _set).</summary>
public interface IContactPreferences
{
    Task<ContactPreference> GetAsync(int patientId, CancellationToken ct = default);

    Task SetAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default);
}

public sealed class NotificationAdmin(NotificationProcedures notifications) : INotificationAdmin, IContactPreferences
{
    public Task<IReadOnlyList<MessageTemplateRow>> TemplatesAsync(CancellationToken ct = default) => notifications.ListTemplatesAsync(ct);

    public Task<MessageTemplatePreview> PreviewAsync(string eventCode, string channel, string subject, string body, CancellationToken ct = default) =>
        notifications.PreviewTemplateAsync(eventCode, channel, subject, body, ct);

    public Task UpdateAsync(string eventCode, string channel, string subject, string body, bool isActive, CancellationToken ct = default) =>
        notifications.UpdateTemplateAsync(eventCode, channel, subject, body, isActive, ct);

    public Task<IReadOnlyList<OutboxMessageRow>> OutboxAsync(string? status, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default) =>
        notifications.ListOutboxAsync(status, from, to, offset, limit, ct);

    public Task<ContactPreference> GetAsync(int patientId, CancellationToken ct = default) => notifications.GetPreferenceAsync(patientId, ct);

    public Task SetAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default) =>
        notifications.SetPreferenceAsync(patientId, emailEnabled, smsEnabled, ct);
}
