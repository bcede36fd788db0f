using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Notifications;
using Clinic.Web.Components.Notifications;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Clinic.Web.Tests.Lab.LabWorklistTests;

namespace Clinic.Web.Tests.Notifications;

/// <summary>The patient's email and SMS choice on the profile: switches follow the database's can_change and save at once.</summary>
public sealed class ContactPreferencesPanelTests : BunitTest
{
    private FakeNotifications preferences = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        preferences = new FakeNotifications();
        Context.Services.AddSingleton<IContactPreferences>(preferences);
        SignInWith();
        Context.Render<MudPopoverProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<ContactPreferencesPanel> Render(ContactPreference preference)
    {
        preferences.Preferences[preference.PatientId] = preference;
        var panel = Context.Render<ContactPreferencesPanel>(p => p.Add(x => x.PatientId, preference.PatientId));
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=pref-sms]"), Has.Count.EqualTo(1)));
        return panel;
    }

    private static bool Checked(IRenderedComponent<ContactPreferencesPanel> panel, string testId) =>
        panel.Find($"input[data-testid={testId}]").HasAttribute("checked") || panel.Find($"input[data-testid={testId}]").GetAttribute("aria-checked") == "true";

    private static bool Disabled(IRenderedComponent<ContactPreferencesPanel> panel, string testId) =>
        panel.Find($"input[data-testid={testId}]").HasAttribute("disabled");

    [Test]
    public void Reception_turns_sms_off_and_the_stored_choice_is_shown()
    {
        var panel = Render(new ContactPreference { PatientId = 12, EmailEnabled = true, SmsEnabled = true, HasEmail = true, HasPhone = true, CanChange = true });
        Assert.That((Checked(panel, "pref-email"), Checked(panel, "pref-sms")), Is.EqualTo((true, true)));
        Assert.That(Disabled(panel, "pref-sms"), Is.False);

        panel.Find("input[data-testid=pref-sms]").Change(false);

        WaitUntil(panel, () => Assert.That(panel.Find("[data-testid=pref-sms-box]").TextContent, Does.Contain("SMS: off")));
        Assert.That(preferences.Calls, Is.EqualTo(new[] { "set 12 email=True sms=False" }));
        Assert.That(Checked(panel, "pref-sms"), Is.False);
        Assert.That(panel.Find("[data-testid=pref-changed]").TextContent, Is.EqualTo("Changed 2026-12-04 10:15"));
        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Email on, SMS off: saved.")));
        Assert.That(panel.FindAll("[data-testid=pref-opted-out]"), Is.Empty);

        panel.Find("input[data-testid=pref-email]").Change(false);
        WaitUntil(panel, () => Assert.That(panel.FindAll("[data-testid=pref-opted-out]"), Has.Count.EqualTo(1)));
        Assert.That(preferences.Calls.Last(), Is.EqualTo("set 12 email=False sms=False"));
    }

    [Test]
    public void Without_can_change_the_switches_only_show_the_choice_and_missing_details_are_named()
    {
        var panel = Render(new ContactPreference { PatientId = 14, EmailEnabled = false, SmsEnabled = true, HasEmail = false, HasPhone = true, CanChange = false });
        Assert.That((Disabled(panel, "pref-email"), Disabled(panel, "pref-sms")), Is.EqualTo((true, true)));
        Assert.That(panel.Find("[data-testid=pref-email-box]").TextContent, Does.Contain("Email: off"));
        Assert.That(panel.Find("[data-testid=pref-no-email]").TextContent, Does.Contain("No email address on record"));
        Assert.That(panel.FindAll("[data-testid=pref-no-phone]"), Is.Empty);
    }

    [Test]
    public void A_refused_change_shows_the_database_sentence_and_puts_back_the_stored_choice()
    {
        preferences.SaveRefusal = new ClinicRuleException(50210, "This patient record was merged into another. Open the surviving record.");
        var panel = Render(new ContactPreference { PatientId = 15, EmailEnabled = true, SmsEnabled = true, HasEmail = true, HasPhone = true, CanChange = true });

        panel.Find("input[data-testid=pref-sms]").Change(false);

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("This patient record was merged into another.")));
        WaitUntil(panel, () => Assert.That(panel.Find("[data-testid=pref-sms-box]").TextContent, Does.Contain("SMS: on")));
        Assert.That(Checked(panel, "pref-sms"), Is.True);
    }
}
