using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>Account administration rules (db/procedures/user_account_*.sql).</summary>
public class UserAccountTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [TestCase("ab", "Name", "nurse", "long-enough", 50103)]
    [TestCase("has space", "Name", "nurse", "long-enough", 50103)]
    [TestCase("valid.user", "   ", "nurse", "long-enough", 50106)]
    [TestCase("valid.user2", "Name", "surgeon", "long-enough", 50105)]
    [TestCase("valid.user3", "Name", "nurse", "short", 50111)]
    public async Task Bad_input_is_refused_with_a_clear_code(string username, string displayName, string role, string password, int code)
    {
        var users = Db.UsersAs(await Db.AdminIdAsync());
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => users.CreateAsync(username, displayName, role, password));
        Assert.That(ex!.Code, Is.EqualTo(code));
        Assert.That(ex.Message.Length, Is.InRange(10, 128));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE username = @username", new { username }), Is.EqualTo(0));
    }

    [Test]
    public async Task Usernames_are_unique_regardless_of_case()
    {
        var (_, username) = await Db.NewAccountAsync("nurse");
        var users = Db.UsersAs(await Db.AdminIdAsync());
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => users.CreateAsync(username.ToUpperInvariant(), "Other", "nurse", "long-enough"));
        Assert.That(ex!.Code, Is.EqualTo(50104));
    }

    [Test]
    public async Task Only_administrators_manage_accounts()
    {
        var (doctorId, _) = await Db.NewAccountAsync("doctor");
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(doctorId).CreateAsync("sneaky.one", "Sneaky", "admin", "long-enough"));
        Assert.That(ex!.Code, Is.EqualTo(50102));
        var list = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(doctorId).ListAsync(null, 0, 10));
        Assert.That(list!.Code, Is.EqualTo(50102));
    }

    [Test]
    public async Task Unknown_or_deactivated_actors_are_refused()
    {
        var unknown = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(999_999).ListAsync(null, 0, 10));
        Assert.That(unknown!.Code, Is.EqualTo(50101));
        var anonymous = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(null).ListAsync(null, 0, 10));
        Assert.That(anonymous!.Code, Is.EqualTo(50101));

        var adminId = await Db.AdminIdAsync();
        var (otherAdmin, _) = await Db.NewAccountAsync("admin");
        await Db.UsersAs(adminId).SetActiveAsync(otherAdmin, false);
        var inactive = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(otherAdmin).ListAsync(null, 0, 10));
        Assert.That(inactive!.Code, Is.EqualTo(50101));
    }

    [Test]
    public async Task Administrators_cannot_deactivate_themselves()
    {
        var adminId = await Db.AdminIdAsync();
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => Db.UsersAs(adminId).SetActiveAsync(adminId, false));
        Assert.That(ex!.Code, Is.EqualTo(50108));
    }

    [Test]
    public async Task A_password_reset_unlocks_and_forces_a_change()
    {
        var adminId = await Db.AdminIdAsync();
        var (id, username) = await Db.NewAccountAsync("receptionist", "old-password");
        for (var i = 0; i < 5; i++)
            await Db.Accounts.SignInAsync(username, "wrong");
        await Db.UsersAs(adminId).ResetPasswordAsync(id, "temporary-1");
        var result = await Db.Accounts.SignInAsync(username, "temporary-1");
        Assert.That(result.Outcome, Is.EqualTo("ok"));
        Assert.That(result.Account!.MustChangePassword, Is.True);
    }

    [Test]
    public async Task The_list_pages_and_filters_by_prefix()
    {
        var adminId = await Db.AdminIdAsync();
        var prefix = "pg" + Guid.NewGuid().ToString("N")[..5];
        for (var i = 0; i < 5; i++)
            await Db.UsersAs(adminId).CreateAsync($"{prefix}.{i}", $"Paged {i}", "nurse", "long-enough");

        var page = await Db.UsersAs(adminId).ListAsync(prefix, 2, 2);
        Assert.That(page.Select(r => r.Username), Is.EqualTo(new[] { $"{prefix}.2", $"{prefix}.3" }));
        Assert.That(page[0].TotalCount, Is.EqualTo(5));
        Assert.That(page[0].RoleName, Is.EqualTo("Nurse"));

        var capped = await Db.UsersAs(adminId).ListAsync(null, 0, 100_000);
        Assert.That(capped.Count, Is.LessThanOrEqualTo(100), "no unbounded lists");
    }

    [Test]
    public async Task The_first_administrator_is_created_once_even_under_concurrent_attempts()
    {
        var fresh = await DatabaseFixture.CreateDatabaseAsync();
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await fresh.CreateFirstAdminAsync($"first.admin{i}", "long-enough");
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        }));
        var codes = await Task.WhenAll(attempts);
        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Count(c => c == 50107), Is.EqualTo(15));
        Assert.That(await fresh.ScalarAsync<long>("SELECT COUNT(*) FROM user_account WHERE role_code = 'admin'"), Is.EqualTo(1));
    }
}
