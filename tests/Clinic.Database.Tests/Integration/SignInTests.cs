using Clinic.Data.Auth;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>The sign-in rules of auth_sign_in_record, driven through the data layer.</summary>
public class SignInTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task The_right_password_signs_in_and_returns_the_account()
    {
        var (id, username) = await Db.NewAccountAsync("doctor", "correct-horse");
        var result = await Db.Accounts.SignInAsync(username, "correct-horse");
        Assert.That(result.Outcome, Is.EqualTo("ok"));
        Assert.That(result.Account!.UserAccountId, Is.EqualTo(id));
        Assert.That(result.Account.RoleCode, Is.EqualTo("doctor"));
        Assert.That(await Db.ScalarAsync<DateTime?>("SELECT last_sign_in_at FROM user_account WHERE user_account_id = @id", new { id }), Is.Not.Null);
    }

    [Test]
    public async Task A_wrong_password_and_an_unknown_username_get_the_same_generic_message()
    {
        var (_, username) = await Db.NewAccountAsync("nurse");
        var wrong = await Db.Accounts.SignInAsync(username, "not-the-password");
        var unknown = await Db.Accounts.SignInAsync("nobody_" + Guid.NewGuid().ToString("N")[..6], "whatever1");
        Assert.That(wrong.Outcome, Is.EqualTo("invalid"));
        Assert.That(unknown.Outcome, Is.EqualTo("invalid"));
        Assert.That(wrong.Message, Is.EqualTo(unknown.Message).And.EqualTo("The username or password is incorrect."));
        Assert.That(wrong.Account, Is.Null);
    }

    [Test]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        var (id, username) = await Db.NewAccountAsync("receptionist", "right-password");
        for (var i = 1; i <= 4; i++)
            Assert.That((await Db.Accounts.SignInAsync(username, "wrong")).Outcome, Is.EqualTo("invalid"), $"attempt {i}");

        var fifth = await Db.Accounts.SignInAsync(username, "wrong");
        Assert.That(fifth.Outcome, Is.EqualTo("locked"));
        Assert.That(fifth.Message, Does.Contain("locked").And.Contain("15 minutes"));

        var right = await Db.Accounts.SignInAsync(username, "right-password");
        Assert.That(right.Outcome, Is.EqualTo("locked"), "a locked account refuses even the right password");
        var minutes = await Db.ScalarAsync<long>("SELECT TIMESTAMPDIFF(MINUTE, NOW(), locked_until) FROM user_account WHERE user_account_id = @id", new { id });
        Assert.That(minutes, Is.InRange(14, 15));
    }

    [Test]
    public async Task A_right_password_resets_the_count_so_failures_must_be_in_a_row()
    {
        var (_, username) = await Db.NewAccountAsync("pharmacist", "right-password");
        for (var i = 0; i < 4; i++)
            await Db.Accounts.SignInAsync(username, "wrong");
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password")).Outcome, Is.EqualTo("ok"));
        for (var i = 0; i < 4; i++)
            Assert.That((await Db.Accounts.SignInAsync(username, "wrong")).Outcome, Is.EqualTo("invalid"));
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password")).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task The_lock_expires()
    {
        var (id, username) = await Db.NewAccountAsync("billing_clerk", "right-password");
        for (var i = 0; i < 5; i++)
            await Db.Accounts.SignInAsync(username, "wrong");
        await using (var connection = await Db.OpenAsync(Db.Migrator))
            await connection.ExecuteAsync("UPDATE user_account SET locked_until = NOW() - INTERVAL 1 SECOND WHERE user_account_id = @id", new { id });
        Assert.That((await Db.Accounts.SignInAsync(username, "right-password")).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task A_deactivated_account_gets_its_own_message_and_cannot_act()
    {
        var adminId = await Db.AdminIdAsync();
        var (id, username) = await Db.NewAccountAsync("doctor", "right-password");
        await Db.UsersAs(adminId).SetActiveAsync(id, false);

        var result = await Db.Accounts.SignInAsync(username, "right-password");
        Assert.That(result.Outcome, Is.EqualTo("inactive"));
        Assert.That(result.Message, Does.Contain("deactivated"));
        Assert.That(await Db.Auth.GetSessionAsync(id), Is.Null, "an open session of a deactivated account ends");
    }

    [Test]
    public async Task Concurrent_wrong_passwords_are_all_counted()
    {
        // 12 attempts at once on 12 connections: the row lock serialises them, so the account locks
        // exactly once: four 'invalid' answers before the lock, then 'locked' for the rest.
        var (id, username) = await Db.NewAccountAsync("nurse", "right-password");
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Db.Auth.RecordSignInAsync(username, false))));
        Assert.That(results.Count(r => r.Outcome == "invalid"), Is.EqualTo(4));
        Assert.That(results.Count(r => r.Outcome == "locked"), Is.EqualTo(8));
        Assert.That(await Db.ScalarAsync<long>("SELECT locked_until > NOW() FROM user_account WHERE user_account_id = @id", new { id }), Is.EqualTo(1));
    }

    [Test]
    public async Task Changing_a_password_checks_the_old_one_and_the_minimum_length()
    {
        var (id, username) = await Db.NewAccountAsync("receptionist", "first-password");
        var wrongOld = await Assert.ThrowsAsync<Clinic.Data.Common.ClinicRuleException>(() =>
            Db.Accounts.ChangePasswordAsync(id, username, "not-it", "second-password"));
        Assert.That(wrongOld!.Code, Is.EqualTo(50110));
        var tooShort = await Assert.ThrowsAsync<Clinic.Data.Common.ClinicRuleException>(() =>
            Db.Accounts.ChangePasswordAsync(id, username, "first-password", "short"));
        Assert.That(tooShort!.Code, Is.EqualTo(50111));
        Assert.That(tooShort.Message, Is.EqualTo("The new password must be at least 8 characters long."));

        await Db.Accounts.ChangePasswordAsync(id, username, "first-password", "second-password");
        Assert.That((await Db.Accounts.SignInAsync(username, "first-password")).Outcome, Is.EqualTo("invalid"));
        Assert.That((await Db.Accounts.SignInAsync(username, "second-password")).Outcome, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Plain_passwords_are_never_stored()
    {
        var (id, _) = await Db.NewAccountAsync("doctor", "plain-text-secret");
        var hash = await Db.ScalarAsync<string>("SELECT password_hash FROM user_account WHERE user_account_id = @id", new { id });
        Assert.That(hash, Does.Not.Contain("plain-text-secret"));
        Assert.That(new ClinicPasswordHasher().Verify(hash, "plain-text-secret"), Is.True);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE new_row LIKE '%plain-text-secret%' OR new_row LIKE @hash", new { hash = "%" + hash + "%" }), Is.EqualTo(0));
    }
}
