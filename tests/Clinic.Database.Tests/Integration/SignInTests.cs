using Clinic.Data.Auth;
using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The sign-in rules (auth_sign_in_begin, auth_sign_in, internal/sign_in_lock_state), driven through the
/// data layer as the app does: the database hands out a salt, the app derives the key, the database
/// compares it and opens a session.
/// </summary>
public class SignInTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static string Address() => "10.0." + Random.Shared.Next(0, 255) + "." + Random.Shared.Next(1, 255);

    [Test]
    public async Task The_right_password_opens_a_session_whose_token_is_never_stored()
    {
        var (id, username) = await Db.NewAccountAsync("doctor", "correct-horse");
        var result = await Db.Accounts.SignInAsync(username, "correct-horse", Address(), "NUnit");
        Assert.That(result.Outcome, Is.EqualTo("ok"));
        Assert.That(result.Account!.UserAccountId, Is.EqualTo(id));
        Assert.That(result.Account.RoleCode, Is.EqualTo("doctor"));
        Assert.That(result.SessionToken, Does.Match("^[0-9a-f]{64}$"), "256 random bits");
        Assert.That(await Db.ScalarAsync<DateTime?>("SELECT last_sign_in_at FROM user_account WHERE user_account_id = @id", new { id }), Is.Not.Null);

        // Only the SHA-256 hash of the token is kept: the token itself is nowhere in the database.
        var stored = await Db.QueryAsync<byte[]>("SELECT token_hash FROM user_session WHERE user_account_id = @id", new { id });
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0], Is.EqualTo(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(result.SessionToken!))));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE new_row LIKE @t", new { t = "%" + result.SessionToken + "%" }), Is.Zero);

        // The session acts as that account.
        var state = await Db.Auth.GetSessionAsync(result.SessionToken);
        Assert.That(state.IsLive, Is.True);
        Assert.That(state.Account!.UserAccountId, Is.EqualTo(id));
    }

    [Test]
    public async Task The_apps_hashes_take_100000_iterations_and_the_tests_the_least_the_database_accepts()
    {
        static int IterationsOf(string hash) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
        Assert.That(IterationsOf(new ClinicPasswordHasher().Hash("x")), Is.EqualTo(100_000), "the app's default (PasswordHasher V3)");
        Assert.That(IterationsOf(Clinic.Tests.Shared.TestPasswords.Hasher.Hash("x")), Is.EqualTo(10_000));

        var (id, username) = await Db.NewAccountAsync("nurse", "ten-thousand");
        Assert.That(await Db.ScalarAsync<int>("SELECT password_iterations FROM user_account WHERE user_account_id = @id", new { id }), Is.EqualTo(10_000));
        Assert.That((await Db.Accounts.SignInAsync(username, "ten-thousand", Address(), "NUnit")).Outcome, Is.EqualTo("ok"));
        // One fewer is refused by the database (password_hash_parse), whatever the caller.
        var weak = new ClinicPasswordHasher(9_999).Hash("too-weak");
        await using var owner = await Db.OpenAsync(Db.Migrator);
        var refused = await Assert.ThrowsAsync<MySqlException>(async () => await owner.ExecuteAsync(
            "UPDATE user_account SET password_hash = @weak WHERE user_account_id = @id", new { weak, id }));
        Assert.That(refused!.Number, Is.EqualTo(50112));
    }

    [Test]
    public async Task Wrong_password_unknown_username_and_deactivated_account_get_one_generic_message()
    {
        var adminId = await Db.AdminIdAsync();
        var (_, username) = await Db.NewAccountAsync("nurse", "right-password");
        var (inactiveId, inactiveName) = await Db.NewAccountAsync("nurse", "right-password");
        await Db.UsersAs(adminId).SetActiveAsync(inactiveId, false);

        var wrong = await Db.Accounts.SignInAsync(username, "not-the-password", Address());
        var unknown = await Db.Accounts.SignInAsync("nobody_" + Guid.NewGuid().ToString("N")[..6], "whatever1", Address());
        var inactive = await Db.Accounts.SignInAsync(inactiveName, "right-password", Address());
        foreach (var result in new[] { wrong, unknown, inactive })
        {
            Assert.That(result.Outcome, Is.EqualTo("invalid"));
            Assert.That(result.Message, Is.EqualTo("The username or password is incorrect."));
            Assert.That(result.Account, Is.Null);
            Assert.That(result.SessionToken, Is.Null);
        }
    }

    [Test]
    public async Task The_database_hands_out_a_salt_never_a_hash_and_an_unknown_username_looks_like_a_real_one()
    {
        var (id, username) = await Db.NewAccountAsync("doctor", "correct-horse");
        // hashed as the app hashes (the tests' accounts take fewer iterations): a made-up account's parameters copy those
        await using (var owner = await Db.OpenAsync(Db.Migrator))
            await owner.ExecuteAsync("UPDATE user_account SET password_hash = @hash WHERE user_account_id = @id",
                new { hash = new ClinicPasswordHasher().Hash("correct-horse"), id });
        await using var app = await Db.OpenAsync(Db.App);
        var real = (await app.QueryAsync("CALL auth_sign_in_begin(@u, '10.1.1.1')", new { u = username })).Single() as IDictionary<string, object>;
        Assert.That(real!.Keys, Is.EquivalentTo(new[] { "outcome", "message", "prf", "iterations", "salt", "key_length" }));
        Assert.That(((byte[])real["salt"]).Length, Is.EqualTo(16));

        var ghost = "ghost_" + Guid.NewGuid().ToString("N")[..6];
        var first = (IDictionary<string, object>)(await app.QueryAsync("CALL auth_sign_in_begin(@u, '10.1.1.1')", new { u = ghost })).Single();
        var again = (IDictionary<string, object>)(await app.QueryAsync("CALL auth_sign_in_begin(@u, '10.1.1.2')", new { u = ghost })).Single();
        Assert.That(first["outcome"], Is.EqualTo("continue"));
        Assert.That(first["salt"], Is.EqualTo(again["salt"]), "the same fake salt every time, as a real account has");
        Assert.That(((byte[])first["salt"]).Length, Is.EqualTo(16));
        Assert.That(Convert.ToInt32(first["iterations"]), Is.EqualTo(Convert.ToInt32(real["iterations"])));

        // The hash and the stored key stay inside: the app account cannot read the table at all.
        var denied = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteScalarAsync("SELECT password_hash FROM user_account LIMIT 1"));
        Assert.That(denied!.ErrorCode, Is.EqualTo(MySqlErrorCode.TableAccessDenied));
    }

    [Test]
    public async Task Five_wrong_passwords_block_that_computer_but_not_the_owner_elsewhere()
    {
        var (_, username) = await Db.NewAccountAsync("receptionist", "right-password");
        var stranger = Address();
        for (var i = 1; i <= 4; i++)
            Assert.That((await Db.Accounts.SignInAsync(username, "wrong", stranger)).Outcome, Is.EqualTo("invalid"), $"attempt {i}");

        var fifth = await Db.Accounts.SignInAsync(username, "wrong", stranger);
        Assert.That(fifth.Outcome, Is.EqualTo("locked"));
        Assert.That(fifth.Message, Does.Contain("from this computer").And.Contain("15 minutes"));

        var right = await Db.Accounts.SignInAsync(username, "right-password", stranger);
        Assert.That(right.Outcome, Is.EqualTo("locked"), "a blocked computer is refused even the right password");
        var blocked = await Db.ScalarAsync<long>(
            "SELECT TIMESTAMPDIFF(MINUTE, NOW(), blocked_until) FROM sign_in_throttle WHERE username_key = @username AND client_address = @stranger",
            new { username, stranger });
        Assert.That(blocked, Is.InRange(14, 15));

        // The owner at their own desk is not locked out by a stranger.
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", Address())).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task A_blocked_computer_learns_nothing_from_the_first_step_and_costs_no_key_derivation()
    {
        var (_, username) = await Db.NewAccountAsync("receptionist", "right-password");
        var stranger = Address();
        for (var i = 0; i < 5; i++)
            await Db.Accounts.SignInAsync(username, "wrong", stranger);
        var (outcome, message, parameters) = await Db.Auth.BeginSignInAsync(username, stranger);
        Assert.That(outcome, Is.EqualTo("locked"));
        Assert.That(message, Does.Contain("Try again in"));
        Assert.That(parameters, Is.Null, "no salt: the app derives nothing for a blocked attempt");
    }

    [Test]
    public async Task Each_further_block_from_the_same_computer_doubles_and_an_unknown_username_is_throttled_alike()
    {
        var ghost = "ghost_" + Guid.NewGuid().ToString("N")[..6];
        var stranger = Address();
        for (var i = 0; i < 5; i++)
            await Db.Accounts.SignInAsync(ghost, "guess", stranger);
        Assert.That((await Db.Accounts.SignInAsync(ghost, "guess", stranger)).Message, Does.Contain("15 minutes"),
            "an unknown username is blocked like a real one, so a block tells nothing about who exists");

        await using (var connection = await Db.OpenAsync(Db.Migrator))
            await connection.ExecuteAsync("UPDATE sign_in_throttle SET blocked_until = NOW() - INTERVAL 1 SECOND WHERE username_key = @ghost", new { ghost });
        for (var i = 0; i < 4; i++)
            Assert.That((await Db.Accounts.SignInAsync(ghost, "guess", stranger)).Outcome, Is.EqualTo("invalid"));
        var second = await Db.Accounts.SignInAsync(ghost, "guess", stranger);
        Assert.That(second.Outcome, Is.EqualTo("locked"));
        Assert.That(second.Message, Does.Contain("30 minutes"));
    }

    [Test]
    public async Task A_right_password_resets_the_count_so_failures_must_be_in_a_row()
    {
        var (_, username) = await Db.NewAccountAsync("pharmacist", "right-password");
        var desk = Address();
        for (var i = 0; i < 4; i++)
            await Db.Accounts.SignInAsync(username, "wrong", desk);
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", desk)).Outcome, Is.EqualTo("ok"));
        for (var i = 0; i < 4; i++)
            Assert.That((await Db.Accounts.SignInAsync(username, "wrong", desk)).Outcome, Is.EqualTo("invalid"));
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", desk)).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task The_block_expires()
    {
        var (_, username) = await Db.NewAccountAsync("billing_clerk", "right-password");
        var desk = Address();
        for (var i = 0; i < 5; i++)
            await Db.Accounts.SignInAsync(username, "wrong", desk);
        await using (var connection = await Db.OpenAsync(Db.Migrator))
            await connection.ExecuteAsync("UPDATE sign_in_throttle SET blocked_until = NOW() - INTERVAL 1 SECOND WHERE username_key = @username", new { username });
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", desk)).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Many_computers_lock_the_account_except_for_a_computer_it_signed_in_from_and_an_administrator_lifts_it()
    {
        var adminId = await Db.AdminIdAsync();
        var (id, username) = await Db.NewAccountAsync("doctor", "right-password");
        var ownDesk = Address();
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", ownDesk)).Outcome, Is.EqualTo("ok"));

        // 20 failures from five other computers (four each, so none of them is blocked on its own).
        for (var computer = 0; computer < 5; computer++)
        {
            var address = $"172.16.{Random.Shared.Next(0, 255)}.{computer + 1}";
            for (var i = 0; i < 4; i++)
                await Db.Accounts.SignInAsync(username, "wrong", address);
        }
        Assert.That(await Db.ScalarAsync<long>("SELECT locked_until > NOW() FROM user_account WHERE user_account_id = @id", new { id }), Is.EqualTo(1));

        var elsewhere = await Db.Accounts.SignInAsync(username, "right-password", Address());
        Assert.That(elsewhere.Outcome, Is.EqualTo("locked"));
        Assert.That(elsewhere.Message, Does.StartWith("This account is locked"));
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", ownDesk)).Outcome, Is.EqualTo("ok"),
            "a computer that signed in before is not locked out by strangers");

        for (var computer = 0; computer < 5; computer++)
            for (var i = 0; i < 4; i++)
                await Db.Accounts.SignInAsync(username, "wrong", $"172.17.{computer}.9");
        Assert.That((await Db.UsersAs(adminId).ListAsync(username, 0, 5)).Single().IsLocked, Is.True);
        await Db.UsersAs(adminId).UnlockAsync(id);
        Assert.That((await Db.UsersAs(adminId).ListAsync(username, 0, 5)).Single().IsLocked, Is.False);
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password", Address())).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Concurrent_wrong_passwords_from_one_computer_are_all_counted()
    {
        // 12 attempts at once on 12 connections: the row locks serialise them, so the computer is
        // blocked exactly once: four 'invalid' answers before the block, then 'locked' for the rest.
        var (_, username) = await Db.NewAccountAsync("nurse", "right-password");
        var desk = Address();
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Db.Accounts.SignInAsync(username, "wrong", desk))));
        Assert.That(results.Count(r => r.Outcome == "invalid"), Is.EqualTo(4));
        Assert.That(results.Count(r => r.Outcome == "locked"), Is.EqualTo(8));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT block_count FROM sign_in_throttle WHERE username_key = @username AND client_address = @desk", new { username, desk }), Is.EqualTo(1));
    }

    [Test]
    public async Task Changing_a_password_checks_the_old_one_and_the_minimum_length_and_ends_the_other_sessions()
    {
        var (id, username) = await Db.NewAccountAsync("receptionist", "first-password");
        var here = new FixedSession((await Db.Accounts.SignInAsync(username, "first-password", Address())).SessionToken);
        var elsewhere = (await Db.Accounts.SignInAsync(username, "first-password", Address())).SessionToken;

        var wrongOld = await Assert.CatchAsync<ClinicRuleException>(() => Db.Accounts.ChangePasswordAsync(here, "not-it", "second-password"));
        Assert.That(wrongOld!.Code, Is.EqualTo(50110));
        var tooShort = await Assert.CatchAsync<ClinicRuleException>(() => Db.Accounts.ChangePasswordAsync(here, "first-password", "short"));
        Assert.That(tooShort!.Code, Is.EqualTo(50111));
        Assert.That(tooShort.Message, Is.EqualTo("The new password must be at least 8 characters long."));

        await Db.Accounts.ChangePasswordAsync(here, "first-password", "second-password");
        Assert.That((await Db.Accounts.SignInAsync(username, "first-password", Address())).Outcome, Is.EqualTo("invalid"));
        Assert.That((await Db.Accounts.SignInAsync(username, "second-password", Address())).Outcome, Is.EqualTo("ok"));

        Assert.That((await Db.Auth.GetSessionAsync(here.Token)).IsLive, Is.True, "the session that changed it stays");
        var ended = await Db.Auth.GetSessionAsync(elsewhere);
        Assert.That(ended.IsLive, Is.False);
        Assert.That(ended.Code, Is.EqualTo(50117));
        Assert.That(ended.Message, Does.Contain("your password was changed"));
        Assert.That(id, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_temporary_password_opens_a_session_that_can_only_change_it()
    {
        var adminId = await Db.AdminIdAsync();
        var (id, username) = await Db.NewAccountAsync("nurse", "temporary-1", temporary: true);
        var first = await Db.Accounts.SignInAsync(username, "temporary-1", Address());
        Assert.That(first.Outcome, Is.EqualTo("ok"));
        Assert.That(first.Account!.MustChangePassword, Is.True);
        var session = new FixedSession(first.SessionToken);

        var refused = await Assert.ThrowsAsync<ClinicSessionEndedException>(() => new Clinic.Data.Patients.PatientProcedures(Db.Runner, session).SearchAsync("a", 0, 10));
        Assert.That(refused!.Code, Is.EqualTo(50118));
        Assert.That(refused.NeedsPasswordChange, Is.True);

        await Db.Accounts.ChangePasswordAsync(session, "temporary-1", "my-own-password");
        Assert.That(await new Clinic.Data.Patients.PatientProcedures(Db.Runner, session).SearchAsync("a", 0, 10), Is.Not.Null);
        Assert.That(await Db.ScalarAsync<long>("SELECT must_change_password FROM user_account WHERE user_account_id = @id", new { id }), Is.Zero);

        // An administrator's reset makes it temporary again, and ends the session at once.
        await Db.UsersAs(adminId).ResetPasswordAsync(id, "temporary-2");
        var ended = await Assert.ThrowsAsync<ClinicSessionEndedException>(() => new Clinic.Data.Patients.PatientProcedures(Db.Runner, session).SearchAsync("a", 0, 10));
        Assert.That(ended!.Code, Is.EqualTo(50117));
        Assert.That(ended.Message, Does.Contain("an administrator reset your password"));
        Assert.That((await Db.Accounts.SignInAsync(username, "temporary-2", Address())).Account!.MustChangePassword, Is.True);
    }

    [Test]
    public async Task Plain_passwords_are_never_stored_and_hashes_never_reach_the_audit_trail()
    {
        var (id, _) = await Db.NewAccountAsync("doctor", "plain-text-secret");
        var hash = await Db.ScalarAsync<string>("SELECT password_hash FROM user_account WHERE user_account_id = @id", new { id });
        Assert.That(hash, Does.Not.Contain("plain-text-secret"));
        Assert.That(new Microsoft.AspNetCore.Identity.PasswordHasher<string>().VerifyHashedPassword("", hash, "plain-text-secret"),
            Is.Not.EqualTo(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed), "ASP.NET Core's PasswordHasher format is kept");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE new_row LIKE '%plain-text-secret%' OR new_row LIKE @hash", new { hash = "%" + hash + "%" }), Is.EqualTo(0));
    }

    [Test]
    public async Task A_malformed_or_weak_hash_is_refused_for_every_client()
    {
        var (id, _) = await Db.NewAccountAsync("doctor");
        await using var connection = await Db.OpenAsync(Db.Migrator);
        // V3 with HMAC-SHA512 but a single iteration: fast to crack, so refused even from the schema owner.
        var weak = new byte[61];
        weak[0] = 1;
        weak[4] = 2;
        weak[8] = 1;
        weak[12] = 16;
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await connection.ExecuteAsync(
            "UPDATE user_account SET password_hash = @h WHERE user_account_id = @id", new { h = Convert.ToBase64String(weak), id }));
        Assert.That(ex!.Number, Is.EqualTo(50112));
        var garbage = await Assert.ThrowsAsync<MySqlException>(async () => await connection.ExecuteAsync(
            "UPDATE user_account SET password_hash = 'not a hash at all, but long' WHERE user_account_id = @id", new { id }));
        Assert.That(garbage!.Number, Is.EqualTo(50112));
    }
}
