using Clinic.Data.Common;
using Clinic.Data.Patients;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Who acts is proved by a live session held in the database: every way a session ends (sign-out,
/// idle timeout, absolute lifetime, password reset, deactivation, role change, an administrator's
/// revocation) refuses the next call at once, with a sentence saying why.
/// </summary>
public class SessionTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<(int Id, FixedSession Session)> SignedInAsync(string role)
    {
        var (id, username) = await Db.NewAccountAsync(role, "session-password");
        var result = await Db.Accounts.SignInAsync(username, "session-password", "10.20.30.40", "NUnit");
        Assert.That(result.Succeeded, Is.True, result.Message);
        return (id, new FixedSession(result.SessionToken));
    }

    private static Task<IReadOnlyList<PatientSearchRow>> ActAsync(ISessionAccessor session) =>
        new PatientProcedures(Db.Runner, session).SearchAsync("zz", 0, 5);

    private static async Task<ClinicSessionEndedException> RefusedAsync(ISessionAccessor session) =>
        (await Assert.ThrowsAsync<ClinicSessionEndedException>(() => ActAsync(session)))!;

    private static Task SetAsync(string sql, object args) =>
        Db.QueryAsync<int>(sql + "; SELECT 1", args);

    [Test]
    public async Task Signing_out_ends_the_session_for_good()
    {
        var (_, session) = await SignedInAsync("receptionist");
        Assert.That(await ActAsync(session), Is.Not.Null);
        await Db.Auth.SignOutAsync(session.Token);
        var ex = await RefusedAsync(session);
        Assert.That(ex.Code, Is.EqualTo(50117));
        Assert.That(ex.Message, Is.EqualTo("You signed out. Please sign in again."));
    }

    [Test]
    public async Task A_made_up_or_missing_token_acts_as_nobody()
    {
        foreach (var token in new[] { null, "", "not-a-token", new string('0', 64), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") })
        {
            var ex = await RefusedAsync(new FixedSession(token));
            Assert.That(ex.Code, Is.EqualTo(50101), token ?? "(null)");
        }
    }

    [Test]
    public async Task A_session_idle_for_longer_than_the_setting_ends_and_looking_at_it_does_not_keep_it_alive()
    {
        var (_, session) = await SignedInAsync("nurse");
        await SetAsync("UPDATE user_session SET last_used_at = NOW() - INTERVAL 29 MINUTE WHERE token_hash = UNHEX(SHA2(@t, 256))", new { t = session.Token });
        // The app's periodic check reads the session without using it...
        Assert.That((await Db.Auth.GetSessionAsync(session.Token)).IsLive, Is.True);
        Assert.That(await Db.ScalarAsync<long>("SELECT TIMESTAMPDIFF(MINUTE, last_used_at, NOW()) FROM user_session WHERE token_hash = UNHEX(SHA2(@t, 256))",
            new { t = session.Token }), Is.GreaterThanOrEqualTo(28), "a check is not activity");
        // ...while a real call is activity and moves last_used_at on.
        await ActAsync(session);
        Assert.That(await Db.ScalarAsync<long>("SELECT TIMESTAMPDIFF(MINUTE, last_used_at, NOW()) FROM user_session WHERE token_hash = UNHEX(SHA2(@t, 256))",
            new { t = session.Token }), Is.Zero);

        await SetAsync("UPDATE user_session SET last_used_at = NOW() - INTERVAL 31 MINUTE WHERE token_hash = UNHEX(SHA2(@t, 256))", new { t = session.Token });
        var ex = await RefusedAsync(session);
        Assert.That(ex.Code, Is.EqualTo(50115));
        Assert.That(ex.Message, Does.Contain("after 30 minutes without activity"));
        Assert.That((await Db.Auth.GetSessionAsync(session.Token)).Code, Is.EqualTo(50115));
    }

    [Test]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active()
    {
        var (_, session) = await SignedInAsync("doctor");
        await SetAsync("UPDATE user_session SET started_at = NOW() - INTERVAL 13 HOUR WHERE token_hash = UNHEX(SHA2(@t, 256))", new { t = session.Token });
        var ex = await RefusedAsync(session);
        Assert.That(ex.Code, Is.EqualTo(50116));
        Assert.That(ex.Message, Does.Contain("at most 12 hours"));
    }

    [Test]
    public async Task Deactivation_and_a_role_change_end_every_session_of_the_account_at_once()
    {
        var adminId = await Db.AdminIdAsync();
        var (deactivatedId, deactivated) = await SignedInAsync("pharmacist");
        await Db.UsersAs(adminId).SetActiveAsync(deactivatedId, false);
        var gone = await RefusedAsync(deactivated);
        Assert.That(gone.Code, Is.EqualTo(50117));
        Assert.That(gone.Message, Does.Contain("deactivated"));

        var (changedId, changed) = await SignedInAsync("receptionist");
        await Db.UsersAs(adminId).SetRoleAsync(changedId, "nurse");
        var moved = await RefusedAsync(changed);
        Assert.That(moved.Code, Is.EqualTo(50117));
        Assert.That(moved.Message, Does.Contain("your role was changed"));
        Assert.That(await Db.ScalarAsync<string>("SELECT role_code FROM user_account WHERE user_account_id = @changedId", new { changedId }), Is.EqualTo("nurse"));
    }

    [Test]
    public async Task An_administrator_lists_live_sessions_and_revokes_one()
    {
        var adminId = await Db.AdminIdAsync();
        var (userId, session) = await SignedInAsync("billing_clerk");
        var admin = Db.UsersAs(adminId);

        var listed = (await admin.ListSessionsAsync(userId, 0, 50)).Single();
        Assert.That(listed.Username, Does.StartWith("billing_clerk_"));
        Assert.That(listed.RoleName, Is.EqualTo("Billing clerk"));
        Assert.That(listed.ClientAddress, Is.EqualTo("10.20.30.40"));
        Assert.That(listed.UserAgent, Is.EqualTo("NUnit"));

        await admin.RevokeSessionAsync(listed.UserSessionId);
        var ex = await RefusedAsync(session);
        Assert.That(ex.Message, Is.EqualTo("An administrator ended your session. Please sign in again."));
        Assert.That(await admin.ListSessionsAsync(userId, 0, 50), Is.Empty);
        var again = await Assert.CatchAsync<ClinicRuleException>(() => admin.RevokeSessionAsync(listed.UserSessionId));
        Assert.That(again!.Code, Is.EqualTo(50122));

        var notAdmin = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(userId).ListSessionsAsync(null, 0, 10));
        Assert.That(notAdmin!.Code, Is.AnyOf(50101, 50102));
    }

    [Test]
    public async Task Session_ends_are_in_the_audit_trail_with_who_ended_them()
    {
        var adminId = await Db.AdminIdAsync();
        var (userId, _) = await SignedInAsync("nurse");
        var sessionId = (await Db.UsersAs(adminId).ListSessionsAsync(userId, 0, 5)).Single().UserSessionId;
        await Db.UsersAs(adminId).RevokeSessionAsync(sessionId);
        var row = (await Db.QueryAsync<(string NewRow, int? Actor)>(
            "SELECT new_row, actor_user_id FROM audit_trail WHERE table_name = 'user_session' AND row_key = @key AND action = 'UPDATE'",
            new { key = sessionId.ToString() })).Single();
        Assert.That(row.Actor, Is.EqualTo(adminId));
        Assert.That(row.NewRow, Does.Contain("\"end_reason\": \"revoked\""));
    }

    [Test]
    public async Task The_last_active_administrator_cannot_be_deactivated_or_demoted()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var first = await db.CreateFirstAdminAsync("admin", "long-enough");
        var (second, _) = await db.NewAccountAsync("admin");
        await db.UsersAs(second).SetActiveAsync(first, false);
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => db.UsersAs(first).SetActiveAsync(second, false));
        Assert.That(ex!.Code, Is.AnyOf(50101, 50117), "the first administrator was deactivated and signed out");

        // The schema owner cannot leave the clinic without an administrator either.
        await using var connection = await db.OpenAsync(db.Migrator);
        var owner = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(async () =>
            await connection.ExecuteAsync("UPDATE user_account SET is_active = 0 WHERE user_account_id = @second", new { second }));
        Assert.That(owner!.Number, Is.EqualTo(50119));
        var demote = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(async () =>
            await connection.ExecuteAsync("UPDATE user_account SET role_code = 'nurse' WHERE user_account_id = @second", new { second }));
        Assert.That(demote!.Number, Is.EqualTo(50119));
    }

    [Test]
    public async Task Two_administrators_deactivating_each_other_at_the_same_moment_leave_one()
    {
        // One database for the five rounds: each round adds two administrators, then the survivor of the last round is
        // deactivated, so that the two racing are again the only active ones.
        var db = await DatabaseFixture.CreateDatabaseAsync();
        async Task<int> NewAdminAsync(int creator)
        {
            var id = await db.UsersAs(creator).CreateAsync("admin_" + Guid.NewGuid().ToString("N")[..8], "Test admin", "admin", "password-123");
            await using var connection = await db.OpenAsync(db.Migrator);
            await connection.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE user_account_id = @id", new { id });
            return id;
        }
        int? survivor = null;
        for (var round = 0; round < 5; round++)
        {
            var a = survivor is { } creator ? await NewAdminAsync(creator) : await db.CreateFirstAdminAsync("admin", "long-enough");
            var b = await NewAdminAsync(survivor ?? a);
            if (survivor is { } last)
                await new Clinic.Data.Accounts.UserAccountProcedures(db.Runner, db.SessionOf(a), Clinic.Tests.Shared.TestPasswords.Hasher).SetActiveAsync(last, false);
            Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE role_code = 'admin' AND is_active = 1"), Is.EqualTo(2));
            var sessionA = db.SessionOf(a);
            var sessionB = db.SessionOf(b);
            await sessionA.GetSessionTokenAsync();
            await sessionB.GetSessionTokenAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<int> DeactivateAsync(ISessionAccessor actor, int target)
            {
                await gate.Task;
                try
                {
                    await new Clinic.Data.Accounts.UserAccountProcedures(db.Runner, actor, Clinic.Tests.Shared.TestPasswords.Hasher).SetActiveAsync(target, false);
                    return 0;
                }
                catch (ClinicRuleException ex)
                {
                    return ex.Code;
                }
            }
            var one = Task.Run(() => DeactivateAsync(sessionA, b));
            var two = Task.Run(() => DeactivateAsync(sessionB, a));
            gate.SetResult();
            var codes = await Task.WhenAll(one, two);
            Assert.That(codes.Count(c => c == 0), Is.EqualTo(1), $"round {round}: {string.Join(", ", codes)}");
            Assert.That(codes.Single(c => c != 0), Is.AnyOf(50119, 50117, 50101), $"round {round}");
            Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE role_code = 'admin' AND is_active = 1"), Is.EqualTo(1));
            survivor = codes[0] == 0 ? a : b;
        }
    }

    [Test]
    public async Task Changing_the_session_settings_is_checked()
    {
        var adminId = await Db.AdminIdAsync();
        var settings = Db.SettingsAs(adminId);
        var tooShort = await Assert.CatchAsync<ClinicRuleException>(() => settings.SetAsync("auth.session_idle_minutes", "1"));
        Assert.That(tooShort!.Code, Is.EqualTo(50004));
        var tooLong = await Assert.CatchAsync<ClinicRuleException>(() => settings.SetAsync("auth.session_absolute_hours", "200"));
        Assert.That(tooLong!.Code, Is.EqualTo(50004));
    }
}
