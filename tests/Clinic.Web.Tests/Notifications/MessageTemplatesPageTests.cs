using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Notifications;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Notifications;

/// <summary>/admin/messages: the templates with their edit dialog and the database's preview, and the outbox tab.</summary>
public sealed class MessageTemplatesPageTests : BunitTest
{
    private FakeNotifications notifications = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        notifications = new FakeNotifications();
        notifications.Templates.AddRange(
        [
            new MessageTemplateRow
            {
                EventCode = "appointment_booked", Channel = "email", Subject = "Your appointment at {clinic_name}", IsActive = true,
                Body = "Dear {patient_name},\n\nYour appointment with {doctor_name} is booked for {starts_at}.", UpdatedAt = new DateTime(2026, 11, 2, 8, 0, 0),
                Placeholders = "{patient_name},{doctor_name},{starts_at},{clinic_name},{clinic_phone}", MaxBodyLength = 2000,
            },
            new MessageTemplateRow
            {
                EventCode = "lab_result_ready", Channel = "sms", Subject = "", Body = "{clinic_name}: the result of your test ({test_name}) is ready.",
                IsActive = false, UpdatedAt = new DateTime(2026, 11, 3, 9, 0, 0), UpdatedByName = "Clinic Administrator",
                Placeholders = "{patient_name},{test_name},{clinic_name},{clinic_phone}", MaxBodyLength = 480,
            },
        ]);
        Context.Services.AddSingleton<INotificationAdmin>(notifications);
        SignInWith(Permissions.NotificationManage);
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<MessageTemplates> RenderPage()
    {
        var page = Context.Render<MessageTemplates>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=templates-table] tbody tr.mud-table-row"), Has.Count.EqualTo(2)));
        return page;
    }

    private void OpenEdit(IRenderedComponent<MessageTemplates> page, string eventCode, string channel)
    {
        page.Find($"button[data-testid=edit-template-{eventCode}-{channel}]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=preview-body]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Templates_are_listed_per_event_and_channel_with_their_text_and_whether_they_are_off()
    {
        var page = RenderPage();
        var rows = page.FindAll("[data-testid=templates-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();
        Assert.That(rows[0], Does.Contain("Appointment booked").And.Contain("Email").And.Contain("Your appointment at {clinic_name}"));
        Assert.That(rows[1], Does.Contain("Lab result ready").And.Contain("SMS").And.Contain("Clinic Administrator"));
        Assert.That(page.FindAll("[data-testid=template-off-lab_result_ready-sms]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=template-off-appointment_booked-email]"), Is.Empty);
    }

    [Test]
    public void The_dialog_lists_the_events_placeholders_and_shows_the_databases_preview_as_the_text_changes()
    {
        var page = RenderPage();
        OpenEdit(page, "appointment_booked", "email");

        Assert.That(dialogs.FindAll("[data-testid=template-placeholders] .mud-chip").Select(c => c.TextContent.Trim()),
            Is.EqualTo(new[] { "{patient_name}", "{doctor_name}", "{starts_at}", "{clinic_name}", "{clinic_phone}" }));
        Assert.That(dialogs.Find("[data-testid=preview-subject]").TextContent, Is.EqualTo("Your appointment at Hope Clinic"));
        Assert.That(dialogs.Find("[data-testid=preview-body]").TextContent, Does.StartWith("Dear Mary Nakato,").And.Contain("with Sarah Okello"));

        dialogs.Find("textarea[data-testid=template-body]").Input("Hello {patient_name}, see you on {starts_at}.");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=preview-body]").TextContent,
            Is.EqualTo("Hello Mary Nakato, see you on Sat 5 Dec 2026, 09:30.")));
        Assert.That(dialogs.Find("[data-testid=preview-characters]").TextContent, Is.EqualTo("52 characters"));

        // A placeholder chip adds itself to the text, and the preview follows.
        dialogs.Find("[data-testid=placeholder-clinic_phone]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=preview-body]").TextContent, Does.EndWith("09:30. 0414 123456")));
    }

    [Test]
    public void Saving_stores_the_text_closes_the_dialog_and_the_list_shows_it()
    {
        var page = RenderPage();
        OpenEdit(page, "lab_result_ready", "sms");
        dialogs.Find("textarea[data-testid=template-body]").Input("{clinic_name}: your {test_name} result is ready.");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=preview-body]").TextContent, Is.EqualTo("Hope Clinic: your Full blood count result is ready.")));
        dialogs.Find("input[data-testid=template-active]").Change(true);

        dialogs.Find("button[data-testid=template-save]").Click();

        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll(".mud-dialog"), Is.Empty));
        Assert.That(notifications.Calls.Last(), Is.EqualTo("update lab_result_ready sms True {clinic_name}: your {test_name} result is ready."));
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=template-text-lab_result_ready-sms]").TextContent, Does.Contain("your {test_name} result")));
        Assert.That(page.FindAll("[data-testid=template-off-lab_result_ready-sms]"), Is.Empty);
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Lab result ready (SMS) saved.")));
    }

    [Test]
    public void A_refused_text_shows_the_database_sentence_in_the_dialog_and_keeps_it_open()
    {
        var page = RenderPage();
        OpenEdit(page, "appointment_booked", "email");

        dialogs.Find("textarea[data-testid=template-body]").Input("Dear {patient}, see you.");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=template-error]").TextContent, Is.EqualTo(FakeNotifications.UnknownPlaceholder)));
        Assert.That(dialogs.FindAll("[data-testid=preview-body]"), Is.Empty, "no preview of a refused text");

        // Saving is refused by the database too (here: a rule only the save knows); the sentence replaces the old one, the dialog stays.
        notifications.SaveRefusal = new ClinicRuleException(51511, "An email needs a subject of 1 to 150 characters.");
        dialogs.Find("button[data-testid=template-save]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=template-error]").TextContent, Is.EqualTo("An email needs a subject of 1 to 150 characters.")));
        Assert.That(dialogs.FindAll(".mud-dialog"), Has.Count.EqualTo(1));
        Assert.That(notifications.Templates[0].Body, Does.StartWith("Dear {patient_name},"), "nothing was saved");

        // Fixing the text brings the preview back and clears the sentence.
        dialogs.Find("textarea[data-testid=template-body]").Input("Dear {patient_name}, see you.");
        WaitUntil(dialogs, () => Assert.That(dialogs.Find("[data-testid=preview-body]").TextContent, Is.EqualTo("Dear Mary Nakato, see you.")));
        Assert.That(dialogs.FindAll("[data-testid=template-error]"), Is.Empty);
    }

    [Test]
    public void The_outbox_tab_lists_messages_with_status_attempts_and_last_error_and_filters_by_status()
    {
        notifications.Outbox.AddRange(
        [
            new OutboxMessageRow { OutboxMessageId = 7, CreatedAt = new DateTime(2026, 12, 3, 9, 0, 0), EventCode = "appointment_reminder", Channel = "sms",
                PatientId = 12, Mrn = "HMS/000012", Recipient = "+256772123456", Status = "failed", Attempts = 5, LastError = "Gateway said: number unreachable" },
            new OutboxMessageRow { OutboxMessageId = 8, CreatedAt = new DateTime(2026, 12, 4, 9, 0, 0), EventCode = "appointment_booked", Channel = "email",
                PatientId = 12, Mrn = "HMS/000012", Recipient = "mary@example.test", Status = "sent", Attempts = 1, SentAt = new DateTime(2026, 12, 4, 9, 1, 0) },
        ]);
        var page = RenderPage();
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Outbox", StringComparison.Ordinal)).Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=outbox-table] tbody tr.mud-table-row"), Has.Count.EqualTo(2)));
        var rows = page.FindAll("[data-testid=outbox-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();
        Assert.That(rows[0], Does.Contain("Appointment booked").And.Contain("mary@example.test").And.Contain("2026-12-04 09:01"));
        Assert.That(page.Find("[data-testid=outbox-status-7]").TextContent, Is.EqualTo("Failed"));
        Assert.That(page.Find("[data-testid=outbox-attempts-7]").TextContent, Is.EqualTo("5 attempts"));
        Assert.That(page.Find("[data-testid=outbox-error-7]").TextContent, Is.EqualTo("Gateway said: number unreachable"));

        page.Find("[data-testid=outbox-status]").MouseDown();
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()), Does.Contain("Failed")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Failed").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=outbox-table] tbody tr.mud-table-row"), Has.Count.EqualTo(1)));
        Assert.That(notifications.OutboxQueries.Last(), Is.EqualTo(((string?)"failed", (DateTime?)null, (DateTime?)null, 0, 25)));
    }

    [Test]
    public void A_refusal_of_the_list_is_shown_as_the_database_words_it()
    {
        notifications.ReadRefusal = new ClinicRuleException(50102, "Your role is not allowed to do this.");
        var page = Context.Render<MessageTemplates>();
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Your role is not allowed to do this.")));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=templates-empty]"), Has.Count.EqualTo(1)));
    }
}
