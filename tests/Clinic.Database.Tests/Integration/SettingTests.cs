using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>clinic_setting_set / clinic_setting_list.</summary>
public class SettingTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task The_front_desk_settings_exist_with_their_defaults()
    {
        var settings = (await Db.SettingsAs(await Db.AdminIdAsync()).ListAsync()).ToDictionary(s => s.SettingKey, s => s.SettingValue);
        Assert.That(settings["patient.mrn_prefix"], Is.EqualTo("HMS/"));
        Assert.That(settings["patient.mrn_digits"], Is.EqualTo("6"));
        Assert.That(settings["phone.country_code"], Is.EqualTo("256"));
        Assert.That(settings["phone.national_prefix"], Is.EqualTo("0"));
        Assert.That(settings["phone.national_digits"], Is.EqualTo("9"));
    }

    [TestCase("patient.mrn_digits", "3")]
    [TestCase("patient.mrn_digits", "abc")]
    [TestCase("patient.mrn_prefix", "has space")]
    [TestCase("phone.country_code", "0256")]
    [TestCase("phone.country_code", "+256")]
    [TestCase("phone.national_digits", "20")]
    [TestCase("auth.lockout_minutes", "0")]
    public async Task Invalid_values_are_refused(string key, string value)
    {
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => settings.SetAsync(key, value));
        Assert.That(ex!.Code, Is.EqualTo(50004));
    }

    [Test]
    public async Task Unknown_keys_and_non_admins_are_refused()
    {
        var unknown = await Assert.CatchAsync<ClinicRuleException>(async () => await Db.SettingsAs(await Db.AdminIdAsync()).SetAsync("no.such", "1"));
        Assert.That(unknown!.Code, Is.EqualTo(50003));
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var role = await Assert.CatchAsync<ClinicRuleException>(() => Db.SettingsAs(receptionist).SetAsync("patient.mrn_prefix", "X/"));
        Assert.That(role!.Code, Is.EqualTo(50102));
    }
}
