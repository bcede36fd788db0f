using Clinic.Data.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox sender as a hosted service when <c>Clinic:Notifications</c> configures at least one channel
    /// (and Enabled is not false). Otherwise nothing is registered: the app runs without a sender and messages wait in
    /// the outbox. Call after AddClinicData (it needs <see cref="OutboxProcedures"/>).
    /// </summary>
    public static IServiceCollection AddClinicNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new NotificationOptions();
        configuration.GetSection(NotificationOptions.Section).Bind(options);
        services.AddSingleton(options);
        if (!options.Active)
            return services;
        if (options.Email.GatewayConfigured)
        {
            switch (options.Email.Gateway!.Trim().ToLowerInvariant())
            {
                case "file":
                    services.AddSingleton<IEmailSender>(new FileEmailSender(options.Email.FilePath));
                    break;
                case "log":
                    services.AddSingleton<IEmailSender, LogEmailSender>();
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Clinic:Notifications:Email:Gateway '{options.Email.Gateway}' is unknown: use file, log or none (none: SMTP when configured).");
            }
        }
        else if (options.SmtpConfigured)
            services.AddSingleton<IEmailSender>(new SmtpEmailSender(options.Smtp));
        if (options.SmsConfigured)
        {
            switch (options.Sms.Gateway!.Trim().ToLowerInvariant())
            {
                case "file":
                    services.AddSingleton<ISmsGateway>(new FileSmsGateway(options.Sms.FilePath));
                    break;
                case "log":
                    services.AddSingleton<ISmsGateway, LogSmsGateway>();
                    break;
                // A real provider: add its case here, e.g. case "africastalking": services.AddHttpClient<ISmsGateway, ...>().
                default:
                    throw new InvalidOperationException(
                        $"Clinic:Notifications:Sms:Gateway '{options.Sms.Gateway}' is unknown: use file, log or none (see ISmsGateway).");
            }
        }
        services.AddSingleton(provider => new OutboxSender(
            provider.GetRequiredService<OutboxProcedures>(), options, provider.GetService<IEmailSender>(), provider.GetService<ISmsGateway>(),
            provider.GetRequiredService<ILogger<OutboxSender>>()));
        services.AddHostedService<OutboxSenderService>();
        return services;
    }
}
