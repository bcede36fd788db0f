using Clinic.Data;
using Clinic.Database.Migrations;
using Clinic.Database.Tests.Support;
using Clinic.Demo;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Upgrades lose nothing (issue 15): every frozen release (tests/Clinic.Database.Tests/Releases, written by
/// scripts/freeze-release.sh) is installed, filled with the demo clinic, upgraded to the current db/, and then
/// compared with a fresh install of the current db/: the same routines, triggers, views, columns, indexes and
/// grants, and the same data as before the upgrade. A second upgrade is a no-op. And no write slips past a
/// trigger while the upgrade re-creates it.
/// </summary>
public class UpgradeTests
{
    private static readonly string ReleaseFolder = Path.Combine(TestContext.CurrentContext.TestDirectory, "Releases");

    public static IEnumerable<string> Releases() =>
        Directory.Exists(ReleaseFolder)
            ? Directory.GetFiles(ReleaseFolder, "v*.tar.gz").Select(f => Path.GetFileName(f)[..^".tar.gz".Length]).Order(StringComparer.Ordinal)
            : [];

    [Test]
    public void At_least_one_release_is_frozen()
    {
        Assert.That(Releases(), Does.Contain("v0.1.0"), "scripts/freeze-release.sh writes tests/Clinic.Database.Tests/Releases/<tag>.tar.gz");
        var release = Load("v0.1.0");
        Assert.That(release.Count(s => s.Kind == ScriptKind.Migration), Is.GreaterThanOrEqualTo(45));
        Assert.That(release.Select(s => s.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<ScriptKind>()));
    }

    [TestCaseSource(nameof(Releases))]
    public async Task A_release_filled_with_data_upgrades_to_the_current_schema_and_loses_nothing(string release)
    {
        var scripts = Load(release);
        var old = await DatabaseFixture.CreateDatabaseAsync(scripts);
        await using (var services = new ServiceCollection().AddClinicData(old.App).AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher).BuildServiceProvider())
        {
            await old.CreateFirstAdminAsync(DemoSeeder.Admin.Username, DemoSeeder.Admin.Password);
            var seeded = await DemoSeeder.SeedAsync(services, NullLogger.Instance);
            Assert.That(seeded.Patients, Is.GreaterThan(0));
        }
        var before = await DataAsync(old);
        Assert.That(before["patient"].Rows, Is.GreaterThan(0));
        Assert.That(before["appointment"].Rows, Is.GreaterThan(0));

        var output = new StringWriter();
        var ran = new Migrator(old.Migrator, output).Upgrade(dryRun: false, AccountNames.ForDatabase(old.Name));
        var pending = ScriptCatalog.All.Select(s => s.JournalName).Except(scripts.Select(s => s.JournalName)).Count();
        Assert.That(ran, Is.EqualTo(pending), $"the upgrade from {release} applies exactly what changed since:\n{output}");

        // The schema is the one a fresh install of the current db/ has.
        var fresh = DatabaseFixture.Main;
        foreach (var (what, sql) in SchemaQueries)
            Assert.That(await ShapeAsync(old, sql), Is.EqualTo(await ShapeAsync(fresh, sql)), $"{what} after upgrading from {release}");
        Assert.That(await GrantsAsync(old), Is.EqualTo(await GrantsAsync(fresh)), $"grants after upgrading from {release}");
        // The journal holds every current script (and, for re-created objects, the hashes of their earlier texts).
        Assert.That(await old.QueryAsync<string>("SELECT script_name FROM schema_version ORDER BY script_name"),
            Is.SupersetOf(ScriptCatalog.All.Select(s => s.JournalName)));

        // The data: no table lost a row (a migration may add some, e.g. a new setting); a table whose columns and row
        // count did not change holds exactly the same rows, unless a migration since the release rewrites it on purpose.
        var after = await DataAsync(old);
        foreach (var (table, was) in before)
        {
            Assert.That(after.ContainsKey(table), $"table {table} survived the upgrade");
            Assert.That(after[table].Rows, Is.GreaterThanOrEqualTo(was.Rows), $"rows of {table}");
            if (after[table].Columns == was.Columns && after[table].Rows == was.Rows && !RewrittenByMigrations.Contains(table))
                Assert.That(after[table].Checksum, Is.EqualTo(was.Checksum), $"contents of {table}");
        }

        // The app still works, through its grants: a receptionist's call and an analyst's view.
        var adminId = await old.AdminIdAsync();
        var patients = await old.PatientsAs(adminId).SearchAsync("Nakato", 0, 10);
        Assert.That(patients, Is.Not.Empty, "the demo patient is found through the app account after the upgrade");
        await using (var analyst = await old.OpenAsync(old.Analyst))
            Assert.That(await analyst.ExecuteScalarAsync<long>("SELECT SUM(appointments) FROM rpt_appointment_daily"), Is.EqualTo(before["appointment"].Rows));

        // A second upgrade is a no-op: nothing runs, no routine is re-created, the grants stay, no row changes.
        after = await DataAsync(old);
        const string created = "SELECT CONCAT(routine_name, ':', CAST(created AS CHAR)) FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1";
        var routines = await old.QueryAsync<string>(created);
        var grants = await GrantsAsync(old);
        Assert.That(new Migrator(old.Migrator, TextWriter.Null).Upgrade(dryRun: false, AccountNames.ForDatabase(old.Name)), Is.Zero);
        Assert.That(await old.QueryAsync<string>(created), Is.EqualTo(routines));
        Assert.That(await GrantsAsync(old), Is.EqualTo(grants));
        Assert.That((await DataAsync(old)).ToList(), Is.EqualTo(after.ToList()));
    }

    [Test]
    public async Task No_write_slips_past_a_trigger_while_the_upgrade_recreates_it()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await db.NewPatientAsync();

        using var stop = new CancellationTokenSource();
        var upgrading = 0;
        var writtenWhileUpgrading = 0;
        async Task WriteAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var during = Volatile.Read(ref upgrading) == 1;
                await db.NewPatientAsync();
                if (during && Volatile.Read(ref upgrading) == 1)
                    Interlocked.Increment(ref writtenWhileUpgrading);
            }
        }
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(WriteAsync)).ToList();

        // Every trigger on patient is dropped and created again, five times, while eight clerks register patients.
        var recreated = 0;
        for (var round = 0; round < 5; round++)
        {
            await using (var connection = await db.OpenAsync(db.Migrator))
                await connection.ExecuteAsync("DELETE FROM schema_version WHERE script_name LIKE 'triggers/patient\\_%'");
            Volatile.Write(ref upgrading, 1);
            recreated += await Task.Run(() => new Migrator(db.Migrator, TextWriter.Null).Upgrade(dryRun: false, accounts: null));
            Volatile.Write(ref upgrading, 0);
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.That(recreated, Is.EqualTo(5 * ScriptCatalog.All.Count(s => s.Kind == ScriptKind.Trigger && s.ObjectName.StartsWith("patient_", StringComparison.Ordinal))));
        Assert.That(writtenWhileUpgrading, Is.GreaterThan(0), "the clerks kept registering during the upgrades");
        var patients = await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient");
        var unaudited = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM patient p WHERE NOT EXISTS (SELECT 1 FROM audit_trail a " +
            "WHERE a.table_name = 'patient' AND a.action = 'INSERT' AND a.row_key = CONVERT(p.patient_id, CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci)");
        var unreported = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM patient p WHERE NOT EXISTS (SELECT 1 FROM report_visit_patient r WHERE r.patient_id = p.patient_id)");
        var unindexed = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM patient p WHERE NOT EXISTS (SELECT 1 FROM patient_name_word w WHERE w.patient_id = p.patient_id)");
        // every ordered pair of two different words of each name (patient_name_pair, filled by 0104 and then the triggers;
        // schema_upgrade_finish adds those of the patients registered in between)
        var unpaired = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT patient_id, COUNT(*) AS n FROM patient_name_word GROUP BY patient_id) AS w " +
            "LEFT JOIN (SELECT patient_id, COUNT(*) AS n FROM patient_name_pair GROUP BY patient_id) AS x ON x.patient_id = w.patient_id " +
            "WHERE COALESCE(x.n, 0) <> w.n * (w.n - 1)");
        Assert.That((unaudited, unreported, unindexed, unpaired), Is.EqualTo((0L, 0L, 0L, 0L)),
            $"of {patients} registrations, (without an audit row, without a reporting row, not in the name index, without every name pair)");
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND event_object_table = 'patient'"),
            Is.EqualTo(ScriptCatalog.All.Count(s => s.TriggerTable == "patient")));
    }

    /// <summary>
    /// Tables a migration since the oldest frozen release rewrites on purpose (a backfill, a recomputed column):
    /// their checksum may change. Add a table here only with the migration that does it.
    /// </summary>
    [Test]
    public async Task An_upgrade_rewrites_the_name_pairs_of_patients_written_while_their_trigger_was_missing()
    {
        // As a registration and a rename would leave them between migration 0104 and the re-created patient triggers:
        // one patient without pairs, another with the pairs of its old name.
        var db = DatabaseFixture.Main;
        var unpaired = await db.NewPatientAsync();
        var renamed = await db.NewPatientAsync();
        await using (var connection = await db.OpenAsync(db.Migrator))
        {
            await connection.ExecuteAsync("DELETE FROM patient_name_pair WHERE patient_id = @unpaired", new { unpaired });
            await connection.ExecuteAsync("INSERT INTO patient_name_pair (word, other_word, patient_id) VALUES ('oldgiven', 'oldfamily', @renamed)", new { renamed });
        }
        const string pairs = "SELECT CONCAT(x.word, ' ', x.other_word) FROM patient_name_pair AS x WHERE x.patient_id = @id ORDER BY 1";
        const string expected = "SELECT CONCAT(a.word, ' ', b.word) FROM patient_name_word AS a JOIN patient_name_word AS b " +
                                "ON b.patient_id = a.patient_id AND b.word <> a.word WHERE a.patient_id = @id ORDER BY 1";

        Assert.That(new Migrator(db.Migrator, TextWriter.Null).Upgrade(dryRun: false, accounts: null), Is.Zero, "nothing to apply");
        foreach (var id in new[] { unpaired, renamed })
        {
            var now = await db.QueryAsync<string>(pairs, new { id });
            Assert.That(now, Has.Count.EqualTo(2));
            Assert.That(now, Is.EqualTo(await db.QueryAsync<string>(expected, new { id })));
        }
    }

    private static readonly HashSet<string> RewrittenByMigrations = new(StringComparer.Ordinal);

    private static IReadOnlyList<CatalogScript> Load(string release)
    {
        using var file = File.OpenRead(Path.Combine(ReleaseFolder, release + ".tar.gz"));
        return ScriptCatalog.FromTarGz(file);
    }

    /// <summary>What a schema is made of, read from information_schema with the database's own name taken out.</summary>
    private static readonly (string What, string Sql)[] SchemaQueries =
    [
        ("routines", "SELECT CONCAT_WS('|', routine_type, routine_name, is_deterministic, sql_data_access, security_type, routine_definition) " +
                     "FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY routine_type, routine_name"),
        ("routine parameters", "SELECT CONCAT_WS('|', specific_name, ordinal_position, parameter_mode, parameter_name, dtd_identifier) " +
                               "FROM information_schema.parameters WHERE specific_schema = DATABASE() ORDER BY specific_name, ordinal_position"),
        ("triggers", "SELECT CONCAT_WS('|', trigger_name, event_object_table, action_timing, event_manipulation, action_statement) " +
                     "FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY trigger_name"),
        ("views", "SELECT CONCAT_WS('|', table_name, security_type, view_definition) FROM information_schema.views " +
                  "WHERE table_schema = DATABASE() ORDER BY table_name"),
        ("columns", "SELECT CONCAT_WS('|', table_name, ordinal_position, column_name, column_type, is_nullable, IFNULL(column_default, '(none)'), extra, " +
                    "IFNULL(collation_name, '')) FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position"),
        ("indexes", "SELECT CONCAT_WS('|', table_name, index_name, non_unique, seq_in_index, column_name) FROM information_schema.statistics " +
                    "WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index"),
        ("constraints", "SELECT CONCAT_WS('|', table_name, constraint_name, constraint_type) FROM information_schema.table_constraints " +
                        "WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name"),
    ];

    private static async Task<IReadOnlyList<string>> ShapeAsync(TestDatabase db, string sql) =>
        (await db.QueryAsync<string>(sql)).Select(row => row.Replace(db.Name, "<db>", StringComparison.Ordinal)).ToList();

    /// <summary>The app's and the analyst's grants, with the database's name taken out, sorted.</summary>
    private static async Task<IReadOnlyList<string>> GrantsAsync(TestDatabase db)
    {
        await using var connection = new MySqlConnection(db.Admin);
        await connection.OpenAsync();
        var grants = new List<string>();
        foreach (var account in new[] { "app", "analyst", "migrator" })
        {
            foreach (var grant in await connection.QueryAsync<string>($"SHOW GRANTS FOR {Migrator.Account($"{db.Name}_{account}", "%")}"))
            {
                if (grant.StartsWith("GRANT USAGE", StringComparison.Ordinal))
                    continue;
                grants.Add(grant.Replace(db.Name, "<db>", StringComparison.Ordinal));
            }
        }
        return grants.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every base table's fingerprint, the journal aside (an upgrade adds to it).</summary>
    private static async Task<SortedDictionary<string, TableFingerprint.Table>> DataAsync(TestDatabase db)
    {
        await using var connection = new MySqlConnection(db.Admin);
        await connection.OpenAsync();
        return await TableFingerprint.OfSchemaAsync(connection, db.Name, "schema_version");
    }
}
