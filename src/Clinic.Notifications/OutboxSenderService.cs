using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clinic.Notifications;

/// <summary>
/// The hosted service of the web host: runs <see cref="OutboxSender"/> rounds until the app stops, at once again
/// after a round that claimed messages, otherwise every <see cref="NotificationOptions.PollSeconds"/>. A round that
/// fails (database unreachable, SMTP down) is logged and retried at the next poll; nothing is lost, as the messages
/// stay in the outbox.
/// </summary>
public sealed class OutboxSenderService(OutboxSender sender, NotificationOptions options, ILogger<OutboxSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox sender {Sender} started: email {Email}, SMS {Sms}", sender.SenderName,
            options.Email.GatewayConfigured ? $"to {options.Email.Gateway}" : options.SmtpConfigured ? $"via {options.Smtp.Host}:{options.Smtp.Port}" : "off", options.SmsConfigured ? options.Sms.Gateway : "off");
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await sender.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox sender round failed; retrying in {Seconds} s", options.PollSeconds);
            }
            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(options.PollSeconds, 1)), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
