using Clinic.Data.Auth;
using Clinic.Data.Notifications;
using Clinic.Data.Portal;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// Reminders and notifications from the staff side (issue 13): an administrator edits a message template with the
/// database's live preview, links a patient account to a patient record, and a receptionist turns SMS off for a patient.
/// </summary>
public sealed class NotificationAdminTests : BrowserTest
{
    private ILocator Dialog => Page.Locator(".mud-dialog");

    private static Task<MessageTemplateRow> TemplateAsync(string eventCode, string channel) =>
        ClinicApp.AsAdminAsync(async (runner, admin) =>
            (await new NotificationProcedures(runner, admin).ListTemplatesAsync()).Single(t => t.EventCode == eventCode && t.Channel == channel));

    [Test]
    public async Task An_administrator_edits_a_template_and_sees_the_preview_and_the_refusal()
    {
        var original = await TemplateAsync("appointment_reminder", "sms");
        var marker = "E2E" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await SignInAsync("admin", "admin123");
            await TestId("nav-messages").ClickAsync();
            await Expect(TestId("templates-table")).ToContainTextAsync("Appointment reminder");
            await ScreenshotAsync("messages-templates");

            await OpenAsync(Page, TestId("edit-template-appointment_reminder-sms"), Dialog.GetByTestId("preview-body"), "template");
            await Expect(Dialog.GetByTestId("template-placeholders")).ToContainTextAsync("{starts_at}");
            // The preview is the database's rendering with sample data: no placeholder is left in it.
            await Expect(Dialog.GetByTestId("preview-body")).Not.ToContainTextAsync("{clinic_name}");

            var body = Dialog.Locator("textarea[data-testid=template-body]");
            await body.FillAsync("{clinic_name}: see you on {starts_at}, {patient_name}. Ref {nonsense}");
            await Expect(Dialog.GetByTestId("template-error")).ToContainTextAsync("Unknown placeholder.");
            await ScreenshotAsync("messages-template-refused");

            await body.FillAsync($"{{clinic_name}}: see you on {{starts_at}}, {{patient_name}}. {marker}");
            await Expect(Dialog.GetByTestId("preview-body")).ToContainTextAsync($", Mary Nakato. {marker}");
            await Expect(Dialog.GetByTestId("template-error")).ToHaveCountAsync(0);
            await Expect(Dialog.GetByTestId("preview-characters")).ToContainTextAsync("characters");
            await ScreenshotAsync("messages-template-preview");

            await Dialog.GetByTestId("template-save").ClickAsync();
            await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Appointment reminder (SMS) saved." })).ToBeVisibleAsync();
            await Expect(TestId("template-text-appointment_reminder-sms")).ToContainTextAsync(marker);
            Assert.That((await TemplateAsync("appointment_reminder", "sms")).Body, Does.EndWith(marker), "stored by message_template_update");

            await Page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = "Outbox" }).ClickAsync();
            await Expect(TestId("outbox-filters")).ToBeVisibleAsync();
            // The demo's bookings queued messages and the demo sender delivers them to files: rows with a status, not the loading line.
            await Expect(TestId("outbox-table").Locator("[data-testid^=outbox-status-]").First).ToBeVisibleAsync();
            await Expect(TestId("outbox-table")).Not.ToContainTextAsync("Loading messages");
            await ScreenshotAsync("messages-outbox");
        }
        finally
        {
            await ClinicApp.AsAdminAsync(async (runner, admin) =>
            {
                await new NotificationProcedures(runner, admin).UpdateTemplateAsync(original.EventCode, original.Channel, original.Subject, original.Body,
                    original.IsActive);
                return 0;
            });
        }
    }

    [Test]
    public async Task An_administrator_links_a_patient_account_to_a_record_and_unlinks_it()
    {
        var family = "Apio" + Guid.NewGuid().ToString("N")[..6];
        var patient = await FrontDeskData.NewPatientAsync("Ruth", family);
        var (_, username) = await ClinicApp.CreateAccountAsync("pat", "patient", "patient-pass-1");
        await SignInAsync("admin", "admin123");
        await GotoInteractiveAsync("/admin/users");
        await TestId("user-search").FillAsync(username);
        await Expect(Page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);

        await OpenAsync(Page, TestId($"link-patient-{username}"), Dialog.GetByTestId("link-account-patient"), "link-account");
        await TypeAsync(Dialog.Locator("input[data-testid=link-account-patient]"), family);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = patient.Mrn }));
        await ScreenshotAsync("users-link-patient");
        await Dialog.GetByTestId("link-account-submit").ClickAsync();

        await Expect(TestId($"linked-{username}")).ToContainTextAsync(patient.Mrn);
        await Expect(TestId($"link-patient-{username}")).ToHaveCountAsync(0);
        await ScreenshotAsync("users-linked");
        var link = await ClinicApp.AsAdminAsync((runner, admin) =>
            new PortalLinkProcedures(runner, admin, Clinic.Tests.Shared.TestPasswords.Hasher).GetAsync(patient.PatientId));
        Assert.That(link.Username, Is.EqualTo(username), "stored by portal_account_link");

        await TestId($"unlink-patient-{username}").ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Unlink" }).ClickAsync();
        await Expect(TestId($"linked-{username}")).ToHaveCountAsync(0);
        await Expect(TestId($"link-patient-{username}")).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_receptionist_turns_off_sms_for_a_patient()
    {
        var patient = await FrontDeskData.NewPatientAsync("Sylvia", "Nalwoga" + Guid.NewGuid().ToString("N")[..5]);
        await SignInAsync("reception", "reception123");
        await GotoInteractiveAsync($"/patients/{patient.PatientId}");

        var panel = TestId("contact-preferences");
        await Expect(panel.GetByTestId("pref-sms-box")).ToContainTextAsync("SMS: on");
        await Expect(panel.GetByTestId("pref-no-phone")).ToBeVisibleAsync();
        await panel.GetByTestId("pref-sms-box").GetByText("SMS: on").ClickAsync();

        await Expect(panel.GetByTestId("pref-sms-box")).ToContainTextAsync("SMS: off");
        await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Email on, SMS off: saved." })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("pref-changed")).ToBeVisibleAsync();
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("patient-contact-preferences");

        var stored = await ClinicApp.AsAdminAsync((runner, admin) => new NotificationProcedures(runner, admin).GetPreferenceAsync(patient.PatientId));
        Assert.That((stored.EmailEnabled, stored.SmsEnabled), Is.EqualTo((true, false)));
    }
}
