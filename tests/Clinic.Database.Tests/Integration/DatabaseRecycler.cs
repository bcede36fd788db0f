using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Gives a finished test's database back to the next test as it was when it was provisioned, instead of provisioning a
/// new one: a provisioning is 2-4 s of server CPU (about 100 tables, 270 triggers, 370 routines and their grants), the
/// suite asks for about 65 databases per engine, and the database tests are bound by the CPU.
/// <list type="bullet">
/// <item>Right after provisioning, <see cref="SnapshotAsync"/> copies the tables that hold rows (settings, roles,
/// permissions, the ICD-10 codes, the schema journal, ...) into <c>&lt;name&gt;_seed</c>, and notes each table's
/// checksum and a fingerprint of everything else: routines, triggers, views, events, columns, indexes, constraints,
/// accounts and grants.</item>
/// <item><see cref="ResetAsync"/> ends the database's connections, and recycles it only when that fingerprint is
/// unchanged (a test that altered the schema, an account or a grant gets its database dropped, as before). It empties
/// every table that has rows and should have none, puts the provisioned rows back where a table's checksum differs
/// (the audit schema last, as restoring a table can write to it), and then checks every table again: anything not
/// exactly as provisioned, and the database is dropped instead.</item>
/// </list>
/// What a recycled database does not give back: the AUTO_INCREMENT counter of a table that a test filled and emptied
/// again (TRUNCATE puts those back; a table left empty is not truncated). No test depends on the numbers of new rows.
/// </summary>
internal static class DatabaseRecycler
{
    /// <summary>A provisioned database as it was: its tables (with their columns) and checksums, and its fingerprint.</summary>
    internal sealed record Snapshot(string Fingerprint, IReadOnlyList<TableState> Tables);

    /// <param name="Columns">The columns a row is written with (generated ones left out), quoted, comma-separated.</param>
    /// <param name="Seed">The copy of its rows in the seed schema; null for a table that was empty.</param>
    internal sealed record TableState(string Schema, string Table, string Columns, string? Seed, string Checksum);

    public static string SeedSchema(string name) => name + "_seed";

    private static string Quote(string identifier) => "`" + identifier.Replace("`", "``") + "`";

    private static string Qualified(string schema, string table) => Quote(schema) + "." + Quote(table);

    /// <summary>Everything about the database that is not table rows, as one string.</summary>
    private const string FingerprintSql = """
        SELECT CONCAT_WS(' | ',
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', routine_name, routine_type, created, last_altered, security_type, definer))), 0))
             FROM information_schema.routines WHERE routine_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', trigger_schema, trigger_name, event_object_table, action_timing, event_manipulation, created, definer))), 0))
             FROM information_schema.triggers WHERE trigger_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', table_schema, table_name, table_type, engine))), 0))
             FROM information_schema.tables WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', table_schema, table_name, column_name, ordinal_position, column_type, is_nullable, COALESCE(column_default, '~'), extra, collation_name))), 0))
             FROM information_schema.columns WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', table_schema, table_name, index_name, non_unique, seq_in_index, column_name))), 0))
             FROM information_schema.statistics WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', constraint_schema, table_name, constraint_name, constraint_type))), 0))
             FROM information_schema.table_constraints WHERE constraint_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', table_schema, table_name, view_definition, security_type, definer))), 0))
             FROM information_schema.views WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', event_schema, event_name, status, created, last_altered))), 0))
             FROM information_schema.events WHERE event_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', grantee, table_schema, privilege_type))), 0))
             FROM information_schema.schema_privileges WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', grantee, table_schema, table_name, privilege_type))), 0))
             FROM information_schema.table_privileges WHERE table_schema IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', user, host, db, routine_name, routine_type, proc_priv))), 0))
             FROM mysql.procs_priv WHERE db IN (@db, @audit)),
          (SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(',', user, host, plugin, authentication_string))), 0))
             FROM mysql.user WHERE user LIKE CONCAT(@db, '\_%'))
        )
        """;

    private static async Task<string> FingerprintAsync(MySqlConnection admin, string name) =>
        await admin.ExecuteScalarAsync<string>(FingerprintSql, new { db = name, audit = name + "_audit" }, commandTimeout: 120) ?? "";

    /// <summary>Copies the provisioned rows into the seed schema and notes how everything was.</summary>
    public static async Task<Snapshot> SnapshotAsync(string adminConnectionString, string name)
    {
        await using var admin = new MySqlConnection(adminConnectionString);
        await admin.OpenAsync();
        var tables = await TablesAsync(admin, name);
        var checksums = await ChecksumsAsync(admin, tables.Select(t => (t.Schema, t.Table)).ToList());
        var seed = SeedSchema(name);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(seed)}");
        await admin.ExecuteAsync($"CREATE DATABASE {Quote(seed)}");
        var withRows = await WithRowsAsync(admin, tables.Select(t => (t.Schema, t.Table)).ToList());
        var states = new List<TableState>();
        foreach (var (index, (schema, table, columns)) in tables.Index())
        {
            var checksum = checksums[(schema, table)];
            string? seedTable = null;
            if (withRows.Contains(index))
            {
                seedTable = (schema == name ? "m_" : "a_") + table;
                await admin.ExecuteAsync($"CREATE TABLE {Qualified(seed, seedTable)} AS SELECT {columns} FROM {Qualified(schema, table)}", commandTimeout: 120);
            }
            states.Add(new TableState(schema, table, columns, seedTable, checksum));
        }
        return new Snapshot(await FingerprintAsync(admin, name), states);
    }

    /// <summary>
    /// Puts the database back as the snapshot found it; null when done, else why that cannot be promised:
    /// an account cannot sign in with its connection string, the schema, an account or a grant changed, or a table is
    /// still not as provisioned afterwards.
    /// </summary>
    public static async Task<string?> ResetAsync(string adminConnectionString, string name, Snapshot snapshot, IEnumerable<string> accounts)
    {
        // The accounts still sign in as provisioned (not locked, not given another password).
        foreach (var account in accounts)
        {
            try
            {
                await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(account) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
            }
            catch (MySqlException ex)
            {
                return "an account cannot sign in: " + ex.Message;
            }
        }
        await using var admin = new MySqlConnection(adminConnectionString);
        await admin.OpenAsync();
        // The finished test's connections (their temporary tables, user variables and locks) end first.
        var threads = await admin.QueryAsync<long>(
            "SELECT id FROM information_schema.processlist WHERE user IN (@m, @a, @n)",
            new { m = name + "_migrator", a = name + "_app", n = name + "_analyst" });
        foreach (var id in threads)
        {
            try
            {
                await admin.ExecuteAsync("KILL @id", new { id });
            }
            catch (MySqlException)
            {
                // already gone
            }
        }
        if (await FingerprintAsync(admin, name) != snapshot.Fingerprint)
            return "its routines, triggers, tables, accounts or grants changed";

        await admin.ExecuteAsync("SET SESSION foreign_key_checks = 0");
        try
        {
            // The clinic's tables first: putting rows back fires their audit triggers; then the audit schema's.
            foreach (var schema in new[] { name, name + "_audit" })
            {
                var tables = snapshot.Tables.Where(t => t.Schema == schema).ToList();
                foreach (var table in await DirtyAsync(admin, tables))
                {
                    await admin.ExecuteAsync($"TRUNCATE TABLE {Qualified(table.Schema, table.Table)}", commandTimeout: 120);
                    if (table.Seed is not null)
                        await admin.ExecuteAsync(
                            $"INSERT INTO {Qualified(table.Schema, table.Table)} ({table.Columns}) SELECT {table.Columns} FROM {Qualified(SeedSchema(name), table.Seed)}",
                            commandTimeout: 120);
                }
            }
        }
        finally
        {
            await admin.ExecuteAsync("SET SESSION foreign_key_checks = 1");
        }
        // Every table exactly as provisioned (a trigger that rewrote a restored row would show here), and nothing else
        // changed meanwhile.
        var left = await DirtyAsync(admin, snapshot.Tables);
        if (left.Count > 0)
        {
            var now = await ChecksumsAsync(admin, left.Select(t => (t.Schema, t.Table)).ToList());
            return "not as provisioned after the reset: " + string.Join(", ", left.Select(t =>
                $"{t.Schema}.{t.Table} (checksum {now[(t.Schema, t.Table)]}, provisioned {t.Checksum})"));
        }
        return await FingerprintAsync(admin, name) == snapshot.Fingerprint ? null : "its schema changed during the reset";
    }

    /// <summary>The tables whose rows differ from the snapshot's: a seeded table by its checksum, any other when it has rows.</summary>
    private static async Task<List<TableState>> DirtyAsync(MySqlConnection admin, IReadOnlyList<TableState> tables)
    {
        var dirty = new List<TableState>();
        var seeded = tables.Where(t => t.Seed is not null).ToList();
        if (seeded.Count > 0)
        {
            var now = await ChecksumsAsync(admin, seeded.Select(t => (t.Schema, t.Table)).ToList());
            dirty.AddRange(seeded.Where(t => now[(t.Schema, t.Table)] != t.Checksum));
        }
        var empty = tables.Where(t => t.Seed is null).ToList();
        foreach (var i in await WithRowsAsync(admin, empty.Select(t => (t.Schema, t.Table)).ToList()))
            dirty.Add(empty[i]);
        return dirty;
    }

    /// <summary>The positions in <paramref name="tables"/> of the tables that have rows, in one statement.</summary>
    private static async Task<HashSet<int>> WithRowsAsync(MySqlConnection admin, IReadOnlyList<(string Schema, string Table)> tables)
    {
        if (tables.Count == 0)
            return [];
        var sql = string.Join(" UNION ALL ", tables.Select((t, i) =>
            $"SELECT {i} AS n FROM DUAL WHERE EXISTS (SELECT 1 FROM {Qualified(t.Schema, t.Table)})"));
        return [.. await admin.QueryAsync<int>(sql, commandTimeout: 120)];
    }

    private static async Task<Dictionary<(string Schema, string Table), string>> ChecksumsAsync(
        MySqlConnection admin, IReadOnlyList<(string Schema, string Table)> tables)
    {
        var result = new Dictionary<(string, string), string>();
        if (tables.Count == 0)
            return result;
        var byName = tables.ToDictionary(t => t.Schema + "." + t.Table, StringComparer.OrdinalIgnoreCase);
        await using var reader = await admin.ExecuteReaderAsync(
            "CHECKSUM TABLE " + string.Join(", ", tables.Select(t => Qualified(t.Schema, t.Table))), commandTimeout: 120);
        while (await reader.ReadAsync())
        {
            var table = byName[reader.GetString(0)];
            result[table] = reader.IsDBNull(1) ? "null" : Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        return result;
    }

    /// <summary>
    /// The base tables of the database and its audit schema, each with the columns a row is written with: all but the
    /// generated ones (by their expression: MySQL's <c>extra</c> says DEFAULT_GENERATED of a column whose default is
    /// CURRENT_TIMESTAMP, which must be copied).
    /// </summary>
    private static async Task<List<(string Schema, string Table, string Columns)>> TablesAsync(MySqlConnection admin, string name)
    {
        var columns = await admin.QueryAsync<(string Schema, string Table, string Column)>(
            """
            SELECT c.table_schema, c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema IN (@db, @audit) AND t.table_type = 'BASE TABLE'
               AND COALESCE(c.generation_expression, '') = ''
             ORDER BY c.table_schema, c.table_name, c.ordinal_position
            """, new { db = name, audit = name + "_audit" });
        return columns.GroupBy(c => (c.Schema, c.Table))
            .Select(g => (g.Key.Schema, g.Key.Table, string.Join(", ", g.Select(c => Quote(c.Column)))))
            .ToList();
    }
}
