using System.Reflection;
using System.Text;
using DbUp.Builder;
using DbUp.Engine;
using MySqlConnector;

namespace Clinic.Database.Migrations;

/// <summary>The audit schema is missing or the migrator may not write to it: provisioning must run (again).</summary>
public sealed class AuditSchemaMissingException(string auditSchema, Exception inner)
    : Exception($"The audit schema {auditSchema} is missing or the migrator may not write to it. Run 'clinic-db provision' " +
                "as a server administrator (it is safe to run again) to create it. (" + inner.Message + ")", inner);

/// <summary>
/// The audit trail lives in its own schema, &lt;database&gt;_audit, created by provisioning with a
/// server administrator's connection from the scripts in db/audit/ (journaled in that schema's own
/// schema_version). Clinic accounts get at most INSERT and SELECT there: the migrator, whose triggers
/// and procedures write the trail through the views audit_trail, patient_access_trail and report_export_trail; the app and
/// analyst accounts nothing. So no clinic account can UPDATE, DELETE, TRUNCATE or DROP the trail.
/// </summary>
public static class AuditSchema
{
    /// <summary>The tables of the audit schema, each reached from the clinic database through a view of the same columns.</summary>
    public static readonly IReadOnlyDictionary<string, string> LinkViews = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["audit_trail"] = "audit_log",
        ["patient_access_trail"] = "patient_access_log",
        ["report_export_trail"] = "report_export_log",
    };

    public static string NameFor(string database) => database + "_audit";

    public static IReadOnlyList<(string Name, string Contents)> Scripts { get; } = Load();

    /// <summary>Creates (or brings up to date) the audit schema and grants the migrator INSERT and SELECT on its tables.</summary>
    public static void Ensure(string adminConnectionString, string database, string? migratorAccount, TextWriter output)
    {
        var audit = Migrator.Identifier(NameFor(database));
        var builder = new MySqlConnectionStringBuilder(adminConnectionString) { Database = "", AllowUserVariables = true };
        using (var connection = new MySqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS {audit} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            create.ExecuteNonQuery();
        }

        builder.Database = NameFor(database);
        var upgrader = new UpgradeEngineBuilder();
        upgrader.Configure(c =>
        {
            c.ConnectionManager = new MySqlConnectionManager(builder.ConnectionString);
            c.Journal = new MySqlJournal(() => c.ConnectionManager);
            c.ScriptExecutor = new MySqlScriptExecutor(() => c.ConnectionManager, () => c.Log, () => c.Journal);
        });
        upgrader.WithScripts(Scripts.Select(s => new SqlScript(s.Name, s.Contents)));
        upgrader.WithVariablesDisabled();
        upgrader.LogToNowhere();
        var result = upgrader.Build().PerformUpgrade();
        if (!result.Successful)
            throw result.Error;

        if (migratorAccount is null)
            return;
        using (var connection = new MySqlConnection(builder.ConnectionString))
        {
            connection.Open();
            foreach (var table in LinkViews.Values)
            {
                using var grant = new MySqlCommand($"GRANT SELECT, INSERT ON {audit}.{Migrator.Identifier(table)} TO {migratorAccount}", connection);
                grant.ExecuteNonQuery();
            }
            // LOCK TABLES changes nothing by itself (writing still needs INSERT): it lets an upgrade lock a clinic
            // table while it re-creates its triggers, which implicitly locks the audit table they write to.
            using (var grantLock = new MySqlCommand($"GRANT LOCK TABLES ON {audit}.* TO {migratorAccount}", connection))
                grantLock.ExecuteNonQuery();
        }
        output.WriteLine($"Audit schema {NameFor(database)} is ready: the migrator may only add and read its rows (and lock them while an upgrade re-creates triggers).");
    }

    private static IReadOnlyList<(string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var list = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("db/audit/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add((name["db/".Length..], reader.ReadToEnd()));
        }
        return list.OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }
}
