using Clinic.Data.Common;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// A patient chooses their message channels in the portal (db/procedures/portal_contact_preference_get.sql, _set.sql):
/// the choice is stored for the session's own record, reception sees it, bad values and unlinked accounts are refused.
/// </summary>
public class PortalContactPreferenceTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    [Test]
    public async Task A_patient_turns_sms_off_for_their_own_record_and_reception_sees_the_choice()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var me = await Db.NewPortalPatientAsync();
        var other = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAs(me.AccountId);

        var before = await portal.ContactPreferenceAsync();
        Assert.That((before.PatientId, before.EmailEnabled, before.SmsEnabled, before.CanChange), Is.EqualTo((me.PatientId, true, true, true)),
            "no stored choice means both channels on");

        await portal.SetContactPreferenceAsync(emailEnabled: true, smsEnabled: false);
        var after = await portal.ContactPreferenceAsync();
        Assert.That((after.EmailEnabled, after.SmsEnabled, after.UpdatedAt.HasValue), Is.EqualTo((true, false, true)));
        var stored = await Db.QueryAsync<(int PatientId, int Email, int Sms, int UpdatedBy)>(
            "SELECT patient_id, email_enabled, sms_enabled, updated_by FROM patient_contact_preference WHERE patient_id IN (@mine, @theirs)",
            new { mine = me.PatientId, theirs = other.PatientId });
        Assert.That(stored, Is.EqualTo(new[] { (me.PatientId, 1, 0, me.AccountId) }), "only the session's own record changes, by its own account");

        var reception = Db.NotificationsAs((await Db.NewAccountAsync("receptionist")).Id);
        var seen = await reception.GetPreferenceAsync(me.PatientId);
        Assert.That((seen.EmailEnabled, seen.SmsEnabled), Is.EqualTo((true, false)));
        Assert.That((await Db.PortalAs(other.AccountId).ContactPreferenceAsync()).SmsEnabled, Is.True, "another patient's choice is their own");

        // Both off: opted out of everything.
        await portal.SetContactPreferenceAsync(false, false);
        Assert.That(((await portal.ContactPreferenceAsync()).EmailEnabled, (await portal.ContactPreferenceAsync()).SmsEnabled), Is.EqualTo((false, false)));
    }

    [Test]
    public async Task Bad_choices_staff_and_unlinked_accounts_are_refused_and_nothing_is_stored()
    {
        var me = await Db.NewPortalPatientAsync();
        await using (var connection = await Db.OpenAsync(Db.App))
        {
            var token = await Db.OpenSessionAsync(me.AccountId);
            var ex = await Assert.CatchAsync<MySqlConnector.MySqlException>(async () =>
                await connection.ExecuteAsync("CALL portal_contact_preference_set(@token, 2, 1)", new { token }));
            Assert.That(ex!.Number, Is.EqualTo(51520));
        }
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_contact_preference WHERE patient_id = @id", new { id = me.PatientId }), Is.Zero);

        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.PortalAs(receptionist).SetContactPreferenceAsync(true, false)), Is.EqualTo(50102), "staff have no portal.use");
        var (unlinked, _) = await Db.NewAccountAsync("patient");
        Assert.That(await CodeOf(() => Db.PortalAs(unlinked).ContactPreferenceAsync()), Is.EqualTo(51410));
        Assert.That(await CodeOf(() => Db.PortalAs(unlinked).SetContactPreferenceAsync(true, false)), Is.EqualTo(51410));
    }
}
