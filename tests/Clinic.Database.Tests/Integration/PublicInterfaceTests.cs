using Clinic.Database.Migrations;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The database trusts no caller: the app account may EXECUTE exactly the public procedures
/// (db/procedures/*.sql), each of which proves who acts with a live session token; internal helpers
/// (db/procedures/internal/) are refused to it.
/// </summary>
public class PublicInterfaceTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>The outbox sender's procedures: called by the app's hosted sender without a session.</summary>
    internal static readonly string[] OutboxSenderProcedures = ["outbox_claim", "outbox_mark_failed", "outbox_mark_sent", "outbox_queue_reminders"];

    /// <summary>
    /// The public procedures that need no session: signing in, the anonymous health check, joining the portal with an
    /// invitation code (portal_join), and the outbox sender's
    /// procedures (the web host's own background service, no user session; they touch only the outbox: README
    /// "Security model", OutboxSenderSecurityTests).
    /// </summary>
    private static readonly string[] Anonymous =
        ["auth_sign_in_begin", "auth_sign_in", "health_check", "portal_join", .. OutboxSenderProcedures];

    private static IReadOnlyList<string> PublicProcedures => ScriptCatalog.PublicProcedures.Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> InternalProcedures =>
        ScriptCatalog.All.Where(s => s.Kind == ScriptKind.Procedure && !s.IsPublicProcedure).Select(s => s.ObjectName).Order(StringComparer.Ordinal).ToList();

    [Test]
    public async Task The_app_account_may_execute_exactly_the_public_procedures_by_name()
    {
        await using var app = await Db.OpenAsync(Db.App);
        var grants = (await app.QueryAsync<string>("SHOW GRANTS")).ToList();
        var executable = grants
            .Select(g => System.Text.RegularExpressions.Regex.Match(g, @"^GRANT EXECUTE ON PROCEDURE `[^`]+`\.`([^`]+)` TO"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.That(executable, Is.EqualTo(PublicProcedures), string.Join("\n", grants));
        Assert.That(grants.Where(g => !g.StartsWith("GRANT USAGE ON *.*", StringComparison.Ordinal) && !g.StartsWith("GRANT EXECUTE ON PROCEDURE", StringComparison.Ordinal)),
            Is.Empty, "no schema-wide EXECUTE, no SELECT on any view or table");
    }

    [TestCaseSource(nameof(InternalProcedures))]
    public async Task The_app_account_cannot_call_an_internal_helper(string procedure)
    {
        await using var app = await Db.OpenAsync(Db.App);
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteAsync($"CALL `{procedure}`()"));
        Assert.That(ex!.ErrorCode, Is.EqualTo(MySqlErrorCode.PrecedureAccessDenied), $"{procedure}: {ex.Number} {ex.Message}");
    }

    [Test]
    public async Task The_attack_in_the_issue_fails_expired_stock_cannot_be_added_with_the_app_credentials()
    {
        await using var app = await Db.OpenAsync(Db.App);
        var ex = await Assert.ThrowsAsync<MySqlException>(async () =>
            await app.ExecuteAsync("CALL stock_lot_insert(1, 1, 'X', '2020-01-01', 999, 0, '2019-06-01', 'x', 1)"));
        Assert.That(ex!.ErrorCode, Is.EqualTo(MySqlErrorCode.PrecedureAccessDenied));
        var rows = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteAsync("CALL lab_order_rows(1, '[1]', 1)"));
        Assert.That(rows!.ErrorCode, Is.EqualTo(MySqlErrorCode.PrecedureAccessDenied));
        var bootstrap = await Assert.ThrowsAsync<MySqlException>(async () =>
            await app.ExecuteAsync("CALL user_account_bootstrap_admin('mallory', 'Mallory', 'x', 20)"));
        Assert.That(bootstrap!.ErrorCode, Is.EqualTo(MySqlErrorCode.PrecedureAccessDenied));
    }

    [Test]
    public async Task Every_public_procedure_takes_the_session_token_first_and_runs_as_definer()
    {
        var procedures = await Db.QueryAsync<(string Name, string Security)>(
            "SELECT routine_name, security_type FROM information_schema.routines WHERE routine_schema = DATABASE() AND routine_type = 'PROCEDURE'");
        var firstParameters = (await Db.QueryAsync<(string Routine, string Parameter)>(
                "SELECT specific_name, parameter_name FROM information_schema.parameters WHERE specific_schema = DATABASE() AND ordinal_position = 1 AND routine_type = 'PROCEDURE'"))
            .ToDictionary(p => p.Routine, p => p.Parameter);
        Assert.That(procedures.Select(p => p.Name), Is.SupersetOf(PublicProcedures));
        foreach (var (name, security) in procedures)
        {
            Assert.That(security, Is.EqualTo("DEFINER"), name);
            if (PublicProcedures.Contains(name) && !Anonymous.Contains(name))
                Assert.That(firstParameters.GetValueOrDefault(name), Is.EqualTo("p_session_token"), $"{name} must take p_session_token first");
        }
    }

    [Test]
    public async Task With_the_app_credentials_but_no_live_token_every_public_procedure_acts_as_nobody()
    {
        // Each procedure is called with a made-up token and NULL for every other argument: it must refuse
        // with "not signed in" before it reads or writes anything.
        var parameters = await Db.QueryAsync<(string Routine, int Count)>(
            "SELECT specific_name, COUNT(*) FROM information_schema.parameters WHERE specific_schema = DATABASE() AND routine_type = 'PROCEDURE' AND ordinal_position > 0 GROUP BY specific_name");
        var counts = parameters.ToDictionary(p => p.Routine, p => p.Count);
        var auditBefore = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        await using var app = await Db.OpenAsync(Db.App);
        var forged = new string('a', 64);
        foreach (var name in PublicProcedures.Except(Anonymous).Except(["auth_session_get", "auth_sign_out"]))
        {
            var args = string.Join(", ", new[] { "@forged" }.Concat(Enumerable.Repeat("NULL", counts[name] - 1)));
            var ex = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteAsync($"CALL `{name}`({args})", new { forged }), name);
            Assert.That(ex!.Number, Is.EqualTo(50101), $"{name}: {ex.Message}");
        }
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @auditBefore", new { auditBefore }), Is.Zero);
    }

    [Test]
    public async Task An_upgrade_drops_a_routine_whose_file_was_removed()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await using (var connection = await db.OpenAsync(db.Migrator))
        {
            await connection.ExecuteAsync("CREATE PROCEDURE leftover_helper() SELECT 1");
            await connection.ExecuteAsync("CREATE FUNCTION leftover_function() RETURNS INT DETERMINISTIC RETURN 1");
        }
        new Migrator(db.Migrator, TextWriter.Null).Upgrade(dryRun: false, AccountNames.ForDatabase(db.Name));
        var left = await db.QueryAsync<string>(
            "SELECT routine_name FROM information_schema.routines WHERE routine_schema = DATABASE() AND routine_name LIKE 'leftover%'");
        Assert.That(left, Is.Empty);
    }
}
