using Clinic.Data.Common;
using Clinic.Data.Notifications;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Notifications;

/// <summary>
/// Answers like the notification procedures, from lists the test fills: the preview renders the sample names as
/// message_template_preview does, and a text with an unknown {placeholder} is refused (51513) as the database refuses it.
/// Records every call; fails when told to.
/// </summary>
internal sealed class FakeNotifications : INotificationAdmin, IContactPreferences
{
    public const string UnknownPlaceholder =
        "Unknown placeholder. Use {patient_name}, {doctor_name}, {starts_at}, {clinic_name}, {clinic_phone} or {test_name}.";

    public List<MessageTemplateRow> Templates { get; } = [];
    public List<OutboxMessageRow> Outbox { get; } = [];
    public List<(string? Status, DateTime? From, DateTime? To, int Offset, int Limit)> OutboxQueries { get; } = [];
    public Dictionary<int, ContactPreference> Preferences { get; } = [];
    public List<string> Calls { get; } = [];

    /// <summary>When set, saving (template or preference) is refused with it.</summary>
    public ClinicRuleException? SaveRefusal { get; set; }

    /// <summary>When set, every read is refused with it.</summary>
    public ClinicRuleException? ReadRefusal { get; set; }

    private static readonly string[] Known = ["{patient_name}", "{doctor_name}", "{starts_at}", "{clinic_name}", "{clinic_phone}", "{test_name}"];

    private static void Validate(string subject, string body)
    {
        var rest = Known.Aggregate(subject + " " + body, (text, p) => text.Replace(p, "", StringComparison.Ordinal));
        if (System.Text.RegularExpressions.Regex.IsMatch(rest, "[{][A-Za-z_ ]*[}]"))
            throw new ClinicRuleException(51513, UnknownPlaceholder);
    }

    public static string Render(string text) => text
        .Replace("{patient_name}", "Mary Nakato", StringComparison.Ordinal).Replace("{doctor_name}", "Sarah Okello", StringComparison.Ordinal)
        .Replace("{starts_at}", "Sat 5 Dec 2026, 09:30", StringComparison.Ordinal).Replace("{clinic_name}", "Hope Clinic", StringComparison.Ordinal)
        .Replace("{clinic_phone}", "0414 123456", StringComparison.Ordinal).Replace("{test_name}", "Full blood count", StringComparison.Ordinal);

    public Task<IReadOnlyList<MessageTemplateRow>> TemplatesAsync(CancellationToken ct = default) =>
        ReadRefusal is { } refusal ? Task.FromException<IReadOnlyList<MessageTemplateRow>>(refusal) : Task.FromResult<IReadOnlyList<MessageTemplateRow>>(Templates.ToList());

    public Task<MessageTemplatePreview> PreviewAsync(string eventCode, string channel, string subject, string body, CancellationToken ct = default)
    {
        Calls.Add($"preview {eventCode} {channel} {body}");
        Validate(subject, body);
        var rendered = Render(body.Trim());
        return Task.FromResult(new MessageTemplatePreview { Subject = channel == "email" ? Render(subject.Trim()) : "", Body = rendered, Characters = rendered.Length });
    }

    public Task UpdateAsync(string eventCode, string channel, string subject, string body, bool isActive, CancellationToken ct = default)
    {
        Calls.Add($"update {eventCode} {channel} {isActive} {body}");
        if (SaveRefusal is { } refusal)
            return Task.FromException(refusal);
        Validate(subject, body);
        var i = Templates.FindIndex(t => t.EventCode == eventCode && t.Channel == channel);
        Templates[i] = Templates[i] with { Subject = channel == "email" ? subject : "", Body = body, IsActive = isActive, UpdatedByName = "Clinic Administrator" };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessageRow>> OutboxAsync(string? status, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default)
    {
        OutboxQueries.Add((status, from, to, offset, limit));
        if (ReadRefusal is { } refusal)
            return Task.FromException<IReadOnlyList<OutboxMessageRow>>(refusal);
        var rows = Outbox.Where(m => status is null || m.Status == status).OrderByDescending(m => m.CreatedAt).ToList();
        return Task.FromResult<IReadOnlyList<OutboxMessageRow>>(rows.Skip(offset).Take(limit).Select(r => r with { TotalCount = rows.Count }).ToList());
    }

    public Task<ContactPreference> GetAsync(int patientId, CancellationToken ct = default) =>
        ReadRefusal is { } refusal ? Task.FromException<ContactPreference>(refusal)
            : Task.FromResult(Preferences.TryGetValue(patientId, out var p) ? p
                : new ContactPreference { PatientId = patientId, EmailEnabled = true, SmsEnabled = true, HasEmail = true, HasPhone = true, CanChange = false });

    public Task SetAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default)
    {
        Calls.Add($"set {patientId} email={emailEnabled} sms={smsEnabled}");
        if (SaveRefusal is { } refusal)
            return Task.FromException(refusal);
        Preferences[patientId] = Preferences[patientId] with { EmailEnabled = emailEnabled, SmsEnabled = smsEnabled, UpdatedAt = new DateTime(2026, 12, 4, 10, 15, 0) };
        return Task.CompletedTask;
    }
}

/// <summary>What every bUnit test gets unless it registers its own: both channels on, not changeable.</summary>
internal sealed class FakeContactPreferencesDefault : IContactPreferences
{
    public Task<ContactPreference> GetAsync(int patientId, CancellationToken ct = default) =>
        Task.FromResult(new ContactPreference { PatientId = patientId, EmailEnabled = true, SmsEnabled = true, HasEmail = true, HasPhone = true });

    public Task SetAsync(int patientId, bool emailEnabled, bool smsEnabled, CancellationToken ct = default) => throw new NotSupportedException();
}
