using System.Security.Cryptography;
using System.Text;
using Clinic.Data.Common;
using Clinic.Data.Portal;
using Dapper;
using static Clinic.Database.Tests.Integration.PortalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Linking a patient account to exactly one patient record (issue 13): invitations (a one-time code whose hash only is stored,
/// valid 72 hours, burned by 5 wrong dates of birth), joining (race-safe), an administrator's link, staff never linked, merges.
/// </summary>
public class PortalLinkTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    private static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    [Test]
    public async Task Reception_gets_a_code_once_only_its_hash_is_stored_and_it_is_valid_for_72_hours()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var patient = await Db.NewPatientAsync();
        var now = await Db.ScalarAsync<DateTime>("SELECT NOW()");

        var invitation = await Db.PortalLinkAs(receptionist).InviteAsync(patient);

        Assert.That(invitation.Code, Does.Match("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$"));
        Assert.That(invitation.PatientId, Is.EqualTo(patient));
        Assert.That(invitation.JoinPath, Is.EqualTo("/portal/join"));
        Assert.That(invitation.ExpiresAt, Is.EqualTo(now.AddHours(72)).Within(TimeSpan.FromSeconds(5)));
        var stored = await Db.QueryAsync<(string CodeHash, string Status, int CreatedBy)>(
            "SELECT code_hash, status, created_by FROM portal_invitation WHERE portal_invitation_id = @id", new { id = invitation.PortalInvitationId });
        Assert.That(stored.Single(), Is.EqualTo((Sha256Hex(invitation.Code.Replace("-", "")), "pending", receptionist)));
        var audit = await Db.ScalarAsync<string>(
            "SELECT new_row FROM audit_trail WHERE table_name = 'portal_invitation' AND row_key = @id AND action = 'INSERT'",
            new { id = invitation.PortalInvitationId.ToString() });
        Assert.That(audit, Does.Not.Contain(invitation.Code).And.Not.Contain(Sha256Hex(invitation.Code.Replace("-", ""))), "neither code nor hash is audited");

        // Who may invite: receptionists and administrators, not billing clerks, nurses or patients.
        var (clerk, _) = await Db.NewAccountAsync("billing_clerk");
        Assert.That(await CodeOf(() => Db.PortalLinkAs(clerk).InviteAsync(patient)), Is.EqualTo(50102));
        var state = await Db.PortalLinkAs(receptionist).GetAsync(patient);
        Assert.That((state.InvitationStatus, state.CanInvite, state.CanLink, state.CanUnlink, state.UserAccountId),
            Is.EqualTo(("pending", true, false, false, (int?)null)));
    }

    [Test]
    public async Task Joining_creates_a_patient_account_linked_to_the_record_and_the_code_is_single_use()
    {
        var patient = await Db.NewPatientAsync();
        var admin = await Db.AdminIdAsync();
        var invitation = await Db.PortalLinkAs(admin).InviteAsync(patient);
        var dob = await Db.DateOfBirthAsync(patient);
        var username = NewUsername();
        var anonymous = Db.PortalLinkAs(null);

        // Any case, without the dashes, with spaces: the same code.
        var joined = await anonymous.JoinAsync(" " + invitation.Code.Replace("-", " ").ToLowerInvariant() + " ", dob, username, Password);

        Assert.That(joined.Username, Is.EqualTo(username));
        var account = (await Db.QueryAsync<(string Role, int MustChange, string Display)>(
            "SELECT role_code, must_change_password, display_name FROM user_account WHERE user_account_id = @id", new { id = joined.UserAccountId })).Single();
        var name = await Db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM patient WHERE patient_id = @patient", new { patient });
        Assert.That(account, Is.EqualTo(("patient", 0, name)));
        var link = (await Db.QueryAsync<(int PatientId, int? LinkedBy, int? InvitationId)>(
            "SELECT patient_id, linked_by, portal_invitation_id FROM portal_account WHERE user_account_id = @id", new { id = joined.UserAccountId })).Single();
        Assert.That(link, Is.EqualTo((patient, (int?)null, (int?)invitation.PortalInvitationId)));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM portal_invitation WHERE portal_invitation_id = @id", new { id = invitation.PortalInvitationId }),
            Is.EqualTo("used"));
        var actor = await Db.ScalarAsync<int>(
            "SELECT actor_user_id FROM audit_trail WHERE table_name = 'portal_account' AND row_key = @id AND action = 'INSERT'", new { id = joined.UserAccountId.ToString() });
        Assert.That(actor, Is.EqualTo(joined.UserAccountId), "the joining patient is the actor of the link's audit row");

        // The new patient's session sees their own record.
        Assert.That((await Db.PortalAs(joined.UserAccountId).MyDetailsAsync()).PatientId, Is.EqualTo(patient));

        // Single use, and one account per record.
        Assert.That(await CodeOf(() => anonymous.JoinAsync(invitation.Code, dob, NewUsername(), Password)), Is.EqualTo(51403));
        Assert.That(await CodeOf(() => Db.PortalLinkAs(admin).InviteAsync(patient)), Is.EqualTo(51406));
        var state = await Db.PortalLinkAs(admin).GetAsync(patient);
        Assert.That((state.UserAccountId, state.Username, state.JoinedByInvitation, state.InvitationStatus, state.CanInvite, state.CanLink, state.CanUnlink),
            Is.EqualTo(((int?)joined.UserAccountId, username, (bool?)true, "used", false, false, true)));
    }

    [Test]
    public async Task Join_refuses_unknown_expired_revoked_and_incomplete_codes_and_bad_accounts_without_using_the_code()
    {
        var patient = await Db.NewPatientAsync();
        var admin = await Db.AdminIdAsync();
        var dob = await Db.DateOfBirthAsync(patient);
        var anonymous = Db.PortalLinkAs(null);
        var first = await Db.PortalLinkAs(admin).InviteAsync(patient);
        var second = await Db.PortalLinkAs(admin).InviteAsync(patient);

        Assert.That(await CodeOf(() => anonymous.JoinAsync(first.Code, dob, NewUsername(), Password)), Is.EqualTo(51404), "a newer invitation revoked it");
        Assert.That(await CodeOf(() => anonymous.JoinAsync("AAAA-AAAA-AAAA", dob, NewUsername(), Password)), Is.EqualTo(51401));
        Assert.That(await CodeOf(() => anonymous.JoinAsync("", dob, NewUsername(), Password)), Is.EqualTo(51413));
        Assert.That(await CodeOf(() => anonymous.JoinAsync(second.Code, dob, "x", Password)), Is.EqualTo(50103));
        Assert.That(await CodeOf(() => anonymous.JoinAsync(second.Code, dob, "admin", Password)), Is.EqualTo(50104));
        Assert.That(await CodeOf(() => anonymous.JoinAsync(second.Code, dob, NewUsername(), "short")), Is.EqualTo(50111));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM portal_invitation WHERE portal_invitation_id = @id", new { id = second.PortalInvitationId }),
            Is.EqualTo("pending"), "refused joins leave the code usable");

        await Db.ExecuteAsOwnerAsync("UPDATE portal_invitation SET expires_at = NOW() - INTERVAL 1 SECOND WHERE portal_invitation_id = @id",
            new { id = second.PortalInvitationId });
        Assert.That(await CodeOf(() => anonymous.JoinAsync(second.Code, dob, NewUsername(), Password)), Is.EqualTo(51402));
        Assert.That((await Db.PortalLinkAs(admin).GetAsync(patient)).InvitationStatus, Is.EqualTo("expired"));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM portal_account WHERE patient_id = @patient", new { patient }), Is.Zero);
    }

    [Test]
    public async Task Five_wrong_dates_of_birth_burn_the_code()
    {
        var patient = await Db.NewPatientAsync();
        var invitation = await Db.PortalLinkAs(await Db.AdminIdAsync()).InviteAsync(patient);
        var dob = await Db.DateOfBirthAsync(patient);
        var anonymous = Db.PortalLinkAs(null);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.That(await CodeOf(() => anonymous.JoinAsync(invitation.Code, dob.AddDays(attempt), NewUsername(), Password)), Is.EqualTo(51405));
            Assert.That(await Db.ScalarAsync<int>("SELECT failed_attempts FROM portal_invitation WHERE portal_invitation_id = @id",
                new { id = invitation.PortalInvitationId }), Is.EqualTo(attempt), "each wrong attempt is committed");
        }
        Assert.That(await CodeOf(() => anonymous.JoinAsync(invitation.Code, dob.AddYears(1), NewUsername(), Password)), Is.EqualTo(51404));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM portal_invitation WHERE portal_invitation_id = @id", new { id = invitation.PortalInvitationId }),
            Is.EqualTo("burned"));
        Assert.That(await CodeOf(() => anonymous.JoinAsync(invitation.Code, dob, NewUsername(), Password)), Is.EqualTo(51404), "even the right date now");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM portal_account WHERE patient_id = @patient", new { patient }), Is.Zero);

        // Reception issues a new code, which works.
        var fresh = await Db.PortalLinkAs(await Db.AdminIdAsync()).InviteAsync(patient);
        await anonymous.JoinAsync(fresh.Code, dob, NewUsername(), Password);
    }

    [Test]
    public async Task Many_joins_with_one_code_at_once_create_exactly_one_account()
    {
        var patient = await Db.NewPatientAsync();
        var invitation = await Db.PortalLinkAs(await Db.AdminIdAsync()).InviteAsync(patient);
        var dob = await Db.DateOfBirthAsync(patient);
        var prefix = "race" + Guid.NewGuid().ToString("N")[..8] + "_";
        var anonymous = Db.PortalLinkAs(null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            OutcomeOf(() => anonymous.JoinAsync(invitation.Code, dob, prefix + i, Password)))));

        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Where(o => o is not null), Is.All.EqualTo(51403));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE username LIKE @p", new { p = prefix + "%" }), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM portal_account WHERE patient_id = @patient", new { patient }), Is.EqualTo(1));
    }

    [Test]
    public async Task An_administrator_links_a_patient_account_but_never_a_staff_account()
    {
        var admin = await Db.AdminIdAsync();
        var links = Db.PortalLinkAs(admin);
        var patient = await Db.NewPatientAsync();
        var other = await Db.NewPatientAsync();
        var (account, _) = await Db.NewAccountAsync("patient");
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var pending = await links.InviteAsync(patient);

        Assert.That(await CodeOf(() => Db.PortalLinkAs(receptionist).LinkAsync(account, patient)), Is.EqualTo(50102));
        Assert.That(await CodeOf(() => links.LinkAsync(receptionist, patient)), Is.EqualTo(51407), "a staff role");
        var (doctorAccount, _) = await Db.NewAccountAsync("doctor");
        Assert.That(await CodeOf(() => links.LinkAsync(doctorAccount, patient)), Is.EqualTo(51407));
        Assert.That(await CodeOf(() => links.LinkAsync(int.MaxValue, patient)), Is.EqualTo(50109));
        Assert.That(await CodeOf(() => links.LinkAsync(account, int.MaxValue)), Is.EqualTo(50209));

        await links.LinkAsync(account, patient);
        var link = (await Db.QueryAsync<(int PatientId, int? LinkedBy)>("SELECT patient_id, linked_by FROM portal_account WHERE user_account_id = @account", new { account })).Single();
        Assert.That(link, Is.EqualTo((patient, (int?)admin)));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM portal_invitation WHERE portal_invitation_id = @id", new { id = pending.PortalInvitationId }),
            Is.EqualTo("revoked"), "linking revokes the pending code");
        Assert.That((await Db.PortalLinkAs(admin).GetAsync(patient)).JoinedByInvitation, Is.False);

        var (second, _) = await Db.NewAccountAsync("patient");
        Assert.That(await CodeOf(() => links.LinkAsync(second, patient)), Is.EqualTo(51406), "one account per record");
        Assert.That(await CodeOf(() => links.LinkAsync(account, other)), Is.EqualTo(51409), "one record per account");

        // The link can never turn into a staff account's: not by a role change, not by a direct insert of a staff account.
        Assert.That(await CodeOf(() => Db.UsersAs(admin).SetRoleAsync(account, "nurse")), Is.EqualTo(51411));
        Assert.That(await Db.OwnerErrorOf("INSERT INTO portal_account (user_account_id, patient_id) VALUES (@receptionist, @other)", new { receptionist, other }),
            Is.EqualTo(51407));
        Assert.That(await Db.OwnerErrorOf("UPDATE portal_account SET user_account_id = @receptionist WHERE user_account_id = @account", new { receptionist, account }),
            Is.EqualTo(51407));

        // Unlink: the account stays, the portal refuses it, and the record can be linked again.
        var session = Db.SessionOf(account);
        Assert.That((await new PortalProcedures(Db.Runner, session).MyDetailsAsync()).PatientId, Is.EqualTo(patient));
        Assert.That(await CodeOf(() => Db.PortalLinkAs(receptionist).UnlinkAsync(patient)), Is.EqualTo(50102));
        await links.UnlinkAsync(patient);
        Assert.That(await CodeOf(() => links.UnlinkAsync(patient)), Is.EqualTo(51412));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM user_session WHERE user_account_id = @account AND ended_at IS NULL", new { account }), Is.Zero,
            "its sessions end");
        Assert.That(await CodeOf(() => Db.PortalAs(account).MyDetailsAsync()), Is.EqualTo(51410));
        await links.LinkAsync(second, patient);
    }

    [Test]
    public async Task A_merge_moves_the_link_to_the_surviving_record_and_refuses_when_both_have_one()
    {
        var admin = await Db.AdminIdAsync();
        var survivor = await Db.NewPatientAsync();
        var merged = await Db.NewPortalPatientAsync();

        await Db.PatientsAs(admin).MergeAsync(survivor, merged.PatientId, "duplicate");

        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM portal_account WHERE user_account_id = @id", new { id = merged.AccountId }), Is.EqualTo(survivor));
        Assert.That((await Db.PortalAs(merged.AccountId).MyDetailsAsync()).PatientId, Is.EqualTo(survivor));

        // Both linked: refused, nothing moves; after unlinking one the merge goes through.
        var a = await Db.NewPortalPatientAsync();
        var b = await Db.NewPortalPatientAsync();
        Assert.That(await CodeOf(() => Db.PatientsAs(admin).MergeAsync(a.PatientId, b.PatientId, "duplicate")), Is.EqualTo(51408));
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM patient WHERE patient_id = @id", new { id = b.PatientId }), Is.EqualTo("active"));
        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM portal_account WHERE user_account_id = @id", new { id = b.AccountId }), Is.EqualTo(b.PatientId));
        await Db.PortalLinkAs(admin).UnlinkAsync(b.PatientId);
        await Db.PatientsAs(admin).MergeAsync(a.PatientId, b.PatientId, "duplicate");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM portal_account WHERE patient_id = @id", new { id = a.PatientId }), Is.EqualTo(1));
    }
}
