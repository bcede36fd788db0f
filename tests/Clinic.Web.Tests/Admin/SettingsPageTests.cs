using Bunit;
using Clinic.Data.Settings;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class SettingsPageTests : AdminPageTest
{
    [Test]
    public void Settings_are_listed_with_their_values()
    {
        Admin.Settings.Add(new ClinicSettingRow { SettingKey = "clinic.name", SettingValue = "Hope Clinic", Description = "The clinic's name", UpdatedAt = new DateTime(2026, 1, 5, 9, 30, 0) });
        Admin.Settings.Add(new ClinicSettingRow { SettingKey = "clinic.motto", SettingValue = "", Description = "A motto" });
        var page = Context.Render<Settings>();
        WaitUntil(page, () => Assert.That(Rows(page, "settings-table"), Has.Count.EqualTo(2)));
        Assert.That(page.Find("[data-testid=setting-value-clinic\\.name]").TextContent, Is.EqualTo("Hope Clinic"));
        Assert.That(page.Find("[data-testid=setting-value-clinic\\.motto]").TextContent, Is.EqualTo("(empty)"));
        Assert.That(Rows(page, "settings-table")[0], Does.Contain("2026-01-05 09:30"));
    }

    [Test]
    public void No_settings_shows_the_empty_state()
    {
        var page = Context.Render<Settings>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=settings-empty]").TextContent, Does.Contain("No settings to show.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Settings>();
}
