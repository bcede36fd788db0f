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
    public void The_file_email_gateway_replaces_smtp_and_writes_each_email_as_a_json_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clinic-email-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "sub", "email.log");
        try
        {
            using var provider = Build(new()
            {
                ["Clinic:Notifications:Email:Gateway"] = "file", ["Clinic:Notifications:Email:FilePath"] = file,
                ["Clinic:Notifications:Smtp:Host"] = "smtp.example", ["Clinic:Notifications:Smtp:From"] = "a@b.example",
            });
            Assert.That(provider.GetServices<IHostedService>().OfType<OutboxSenderService>().Count(), Is.EqualTo(1));
            var sender = provider.GetRequiredService<IEmailSender>();
            Assert.That(sender, Is.InstanceOf<FileEmailSender>());
            Assert.That(provider.GetService<ISmsGateway>(), Is.Null, "no SMS gateway configured");

            Task.Run(async () =>
            {
                await using var connection = await sender.ConnectAsync(CancellationToken.None);
                await connection.SendAsync("mary@example.test", "Your appointment", "Dear Mary,\nsee you.", CancellationToken.None);
            }).GetAwaiter().GetResult();
            var line = File.ReadAllLines(file).Single();
            Assert.That(line, Does.Contain("\"to\":\"mary@example.test\"").And.Contain("\"subject\":\"Your appointment\"").And.Contain("Dear Mary,\\nsee you."));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Demo_mode_sends_both_channels_to_files_unless_a_channel_is_configured()
    {
        // "none" is how appsettings.json leaves SMS unset.
        var demo = Clinic.Web.DependencyInjection.DemoNotificationDefaults(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clinic:Notifications:Sms:Gateway"] = "none", ["Clinic:Notifications:Smtp:Host"] = "",
        }).Build());
        Assert.That((demo["Clinic:Notifications:Email:Gateway"], demo["Clinic:Notifications:Sms:Gateway"]), Is.EqualTo(("file", "file")));
        Assert.That(demo["Clinic:Notifications:Sms:FilePath"], Is.EqualTo(Path.Combine(".local", "demo-outbox", "sms.log")));
        Assert.That(demo["Clinic:Notifications:Email:FilePath"], Is.EqualTo(Path.Combine(".local", "demo-outbox", "email.log")));

        var configured = Clinic.Web.DependencyInjection.DemoNotificationDefaults(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clinic:Notifications:Smtp:Host"] = "smtp.example", ["Clinic:Notifications:Sms:Gateway"] = "log",
        }).Build());
        Assert.That((configured["Clinic:Notifications:Email:Gateway"], configured["Clinic:Notifications:Sms:Gateway"]), Is.EqualTo(((string?)null, "log")));
    }

    [Test]
    public void An_unknown_sms_gateway_is_refused_at_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Clinic:Notifications:Sms:Gateway"] = "carrier-pigeon" }));
        Assert.That(ex!.Message, Does.Contain("carrier-pigeon"));
    }
}
