using System.Data;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Engine.Transactions;
using DbUp.Support;
using MySqlConnector;

namespace Clinic.Database.Migrations;

/// <summary>Connections for DbUp over MySqlConnector; scripts are split by <see cref="MySqlScriptSplitter"/>.</summary>
public sealed class MySqlConnectionManager(string connectionString)
    : DatabaseConnectionManager(_ => new MySqlConnection(connectionString))
{
    public override IEnumerable<string> SplitScriptIntoCommands(string scriptContents) =>
        MySqlScriptSplitter.Split(scriptContents);
}

/// <summary>Runs each command of a script; a failure names the script and the server's message.</summary>
public sealed class MySqlScriptExecutor(
    Func<IConnectionManager> connectionManager, Func<IUpgradeLog> log, Func<IJournal> journal)
    : ScriptExecutor(connectionManager, new BacktickObjectParser(), log, null, () => false, [], journal)
{
    protected override string GetVerifySchemaSql(string schema) => "SELECT 1";

    protected override void ExecuteCommandsWithinExceptionHandler(int index, SqlScript script, Action executeCommand)
    {
        try
        {
            executeCommand();
        }
        catch (MySqlException ex)
        {
            throw new ScriptFailedException(script.Name, index, ex);
        }
    }
}

/// <summary>Quotes object names with backticks, as MySQL does.</summary>
public sealed class BacktickObjectParser() : SqlObjectParser("`", "`");

public sealed class ScriptFailedException(string scriptName, int commandIndex, MySqlException inner)
    : Exception($"Script {scriptName} failed at command {commandIndex + 1}: MySQL error {inner.Number}: {inner.Message}", inner)
{
    public string ScriptName { get; } = scriptName;
}

/// <summary>
/// The journal: table schema_version in the CURRENT database only (DbUp's default looks in any
/// database on the server).
/// A run-once migration is journaled as soon as it has run, as DbUp does. A re-creatable object (its journal name
/// carries the hash of its text: "procedures/x.sql#...") is journaled in batches instead: one multi-row INSERT
/// before the next migration's row and at the end (<see cref="Flush"/>), not one INSERT (and, on a durable server,
/// one log flush) for each of the ~600 objects. Its script drops and creates the object, so a name lost with a
/// crash before the flush only means the next upgrade creates that object once more.
/// </summary>
public sealed class MySqlJournal(Func<IConnectionManager> connectionManager) : IJournal
{
    private const int BatchSize = 200;
    private readonly List<string> _pending = [];

    public const string TableName = "schema_version";

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            schema_version_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
            script_name       VARCHAR(255) NOT NULL,
            applied_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (schema_version_id),
            UNIQUE KEY uq_schema_version_script_name (script_name)
        ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        """;

    public string[] GetExecutedScripts() =>
        connectionManager().ExecuteCommandsWithManagedConnection(factory =>
        {
            if (!TableExists(factory))
                return Array.Empty<string>();
            using var command = factory();
            command.CommandText = "SELECT script_name FROM schema_version ORDER BY schema_version_id";
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
                names.Add(reader.GetString(0));
            return names.ToArray();
        });

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        EnsureTableExistsAndIsLatestVersion(dbCommandFactory);
        _pending.Add(script.Name);
        if (!IsRecreatable(script.Name) || _pending.Count >= BatchSize)
            Insert(dbCommandFactory);
    }

    /// <summary>
    /// Journals the re-creatable objects still waiting, on <paramref name="connection"/> (the migrator's own, when the
    /// upgrade has run: DbUp's connection is closed by then).
    /// </summary>
    public void Flush(IDbConnection connection)
    {
        if (_pending.Count > 0)
            Insert(connection.CreateCommand);
    }

    private static bool IsRecreatable(string name) => name.Contains('#', StringComparison.Ordinal);

    /// <summary>One INSERT of every waiting name, in the order they ran (one parameter each).</summary>
    private void Insert(Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        var values = new List<string>(_pending.Count);
        for (var i = 0; i < _pending.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@name" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = _pending[i];
            command.Parameters.Add(parameter);
            values.Add("(" + parameter.ParameterName + ")");
        }
        command.CommandText = "INSERT INTO schema_version (script_name) VALUES " + string.Join(", ", values);
        command.ExecuteNonQuery();
        _pending.Clear();
    }

    /// <summary>
    /// DbUp asks before and after every script; once the table is known to exist this journal stops asking the
    /// server (an information_schema query that took 15 % of a provisioning on MySQL).
    /// </summary>
    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        if (_exists || TableExists(dbCommandFactory))
        {
            _exists = true;
            return;
        }
        using var command = dbCommandFactory();
        command.CommandText = CreateSql;
        command.ExecuteNonQuery();
        _exists = true;
    }

    private bool _exists;

    private static bool TableExists(Func<IDbCommand> factory)
    {
        using var command = factory();
        command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'schema_version'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}
