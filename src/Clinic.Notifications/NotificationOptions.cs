namespace Clinic.Notifications;

/// <summary>
/// Configuration section <c>Clinic:Notifications</c> (README, "Configuration reference"). The sender runs only
/// when at least one channel is configured: SMTP (<see cref="SmtpOptions.Host"/>) or a file or log gateway
/// (<see cref="EmailOptions.Gateway"/>) for email, a gateway
/// (<see cref="SmsOptions.Gateway"/>) for SMS. A channel that is not configured is never claimed, so its messages
/// wait in the outbox until it is.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Clinic:Notifications";

    /// <summary>Master switch; false keeps the sender off even when channels are configured.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two rounds when the last round found nothing to send.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>Messages claimed per channel and round (1-500).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim lasts (10-3600 s); a message whose sender stopped is claimed again after it.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Seconds between two runs of outbox_queue_reminders (0: this instance queues no reminders).</summary>
    public int ReminderEverySeconds { get; set; } = 300;

    /// <summary>This instance's name in outbox_message.claimed_by (default: the machine name and process id).</summary>
    public string? SenderName { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Email without a mail server (development, demo mode): <see cref="EmailOptions.Gateway"/> file or log, used instead of SMTP.</summary>
    public EmailOptions Email { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);

    public bool EmailConfigured => SmtpConfigured || Email.GatewayConfigured;

    public bool SmsConfigured => !string.IsNullOrWhiteSpace(Sms.Gateway) && !Sms.Gateway.Equals("none", StringComparison.OrdinalIgnoreCase);

    public bool Active => Enabled && (EmailConfigured || SmsConfigured);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls (required), SslOnConnect (port 465) or None (only for a relay on loopback).</summary>
    public string Security { get; set; } = "Auto";

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>reminders@clinic.example</c>.</summary>
    public string? From { get; set; }

    /// <summary>The sender name shown to patients (default: none).</summary>
    public string? FromName { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class EmailOptions
{
    /// <summary>"file" (each email as a JSON line in <see cref="FilePath"/>), "log" (the app log), or none/empty: SMTP when configured.</summary>
    public string? Gateway { get; set; }

    /// <summary>The file of the "file" gateway (default <c>email-outbox.log</c> in the working directory; its folder is created).</summary>
    public string FilePath { get; set; } = "email-outbox.log";

    public bool GatewayConfigured => !string.IsNullOrWhiteSpace(Gateway) && !Gateway.Equals("none", StringComparison.OrdinalIgnoreCase);
}

public sealed class SmsOptions
{
    /// <summary>"file" (development: FileSmsGateway writes each SMS to <see cref="FilePath"/>), "log" (the app log), or none.</summary>
    public string? Gateway { get; set; }

    /// <summary>The file of the "file" gateway (default <c>sms-outbox.log</c> in the working directory).</summary>
    public string FilePath { get; set; } = "sms-outbox.log";
}
