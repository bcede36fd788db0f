using Clinic.Data.Common;
using Clinic.Database.AccessLog;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>The read-access log is bounded by a retention procedure that only a server administrator runs, and never touches the last year.</summary>
public class AccessLogPruneTests
{
    [Test]
    public async Task Pruning_deletes_only_rows_older_than_the_date_and_never_the_last_year()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await using (var admin = await db.OpenAsync(db.Admin))
        {
            await admin.ExecuteAsync(
                $"INSERT INTO `{db.Name}_audit`.patient_access_log (patient_id, access_kind, db_user, accessed_at) VALUES " +
                "(1, 'profile', 'test', NOW() - INTERVAL 3 YEAR), (1, 'visit', 'test', NOW() - INTERVAL 25 MONTH), (1, 'profile', 'test', NOW() - INTERVAL 2 MONTH)");
        }
        var pruner = new AccessLogPruner(DatabaseFixture.AdminConnectionString, db.Name, TextWriter.Null);

        Assert.That(await pruner.PruneAsync(DateTime.Today.AddYears(-2)), Is.EqualTo(2));
        Assert.That(await db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.patient_access_log"), Is.EqualTo(1));

        var tooRecent = await Assert.CatchAsync<ClinicRuleException>(() => pruner.PruneAsync(DateTime.Today.AddMonths(-1)));
        Assert.That(tooRecent!.Code, Is.EqualTo(50007));
        await using var root = await db.OpenAsync(db.Admin);
        var guard = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(async () =>
            await root.ExecuteAsync($"DELETE FROM `{db.Name}_audit`.patient_access_log"));
        Assert.That(guard!.Number, Is.EqualTo(50007), "even a server administrator cannot delete the last year by hand");
        Assert.That(await db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{db.Name}_audit`.patient_access_log"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_command_line_prunes_and_refuses_the_last_year_with_exit_code_6()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await Cli.RunAsync(args, output, error);
            return (code, output.ToString(), error.ToString());
        }
        var ok = await RunAsync("prune-access-log", "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", db.Name,
            "--before", DateTime.Today.AddYears(-2).ToString("yyyy-MM-dd"));
        Assert.That(ok.Code, Is.EqualTo(0), ok.Error);
        Assert.That(ok.Output, Does.Contain("Deleted 0 access-log row(s)"));
        var recent = await RunAsync("prune-access-log", "--admin-connection", DatabaseFixture.AdminConnectionString, "--database", db.Name,
            "--before", DateTime.Today.ToString("yyyy-MM-dd"));
        Assert.That(recent.Code, Is.EqualTo(6));
        Assert.That(recent.Error, Does.Contain("younger than a year"));
        var migrator = await RunAsync("prune-access-log", "--admin-connection", db.Migrator, "--database", db.Name,
            "--before", DateTime.Today.AddYears(-2).ToString("yyyy-MM-dd"));
        Assert.That(migrator.Code, Is.Not.EqualTo(0), "the migrator may not delete from the audit schema");
        Assert.That((await RunAsync("prune-access-log", "--database", db.Name)).Code, Is.EqualTo(1));
    }
}
