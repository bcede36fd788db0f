using Clinic.Data;
using Clinic.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clinic.Web.Tests.Notifications;

/// <summary>The outbox sender starts only when a channel is configured (Clinic:Notifications), and then with the configured gateways.</summary>
public class NotificationRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClinicData("Server=127.0.0.1;Database=none;User ID=nobody;Password=x");
        services.AddClinicNotifications(configuration);
        return services.BuildServiceProvider();
    }

    [Test]
    public void Without_a_channel_no_sender_runs()
    {
        using var provider = Build(new() { ["Clinic:Notifications:Smtp:Host"] = "", ["Clinic:Notifications:Sms:Gateway"] = "none" });
        Assert.That(provider.GetServices<IHostedService>(), Is.Empty);
        Assert.That(provider.GetRequiredService<NotificationOptions>().Active, Is.False);
    }

    [Test]
    public void The_master_switch_keeps_a_configured_sender_off()
    {
        using var provider = Build(new()
        {
            ["Clinic:Notifications:Enabled"] = "false", ["Clinic:Notifications:Smtp:Host"] = "smtp.example", ["Clinic:Notifications:Smtp:From"] = "a@b.example",
        });
        Assert.That(provider.GetServices<IHostedService>(), Is.Empty);
    }

    [Test]
    public void Smtp_and_the_file_gateway_start_the_sender_with_both_channels()
    {
        using var provider = Build(new()
        {
            ["Clinic:Notifications:Smtp:Host"] = "smtp.example", ["Clinic:Notifications:Smtp:From"] = "reminders@clinic.example",
            ["Clinic:Notifications:Sms:Gateway"] = "file", ["Clinic:Notifications:Sms:FilePath"] = "/tmp/sms.log",
            ["Clinic:Notifications:SenderName"] = "web-1",
        });
        Assert.That(provider.GetServices<IHostedService>().OfType<OutboxSenderService>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<ISmsGateway>(), Is.InstanceOf<FileSmsGateway>());
        Assert.That(provider.GetRequiredService<IEmailSender>(), Is.InstanceOf<SmtpEmailSender>());
        Assert.That(provider.GetRequiredService<OutboxSender>().SenderName, Is.EqualTo("web-1"));
    }

    [Test]
    public void An_unknown_sms_gateway_is_refused_at_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Clinic:Notifications:Sms:Gateway"] = "carrier-pigeon" }));
        Assert.That(ex!.Message, Does.Contain("carrier-pigeon"));
    }
}
