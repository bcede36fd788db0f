using Clinic.Database.Migrations;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Support;

/// <summary>
/// What a schema's data looks like, table by table: the row count, the column list and a checksum of every row's
/// stored columns. Two schemas holding the same data have equal fingerprints on both engines.
/// Not CHECKSUM TABLE: MariaDB's covers virtual generated columns and came out different for unchanged rows, and
/// MySQL's JSON keeps DECIMAL and DATETIME members typed while the same JSON read back from a dump holds DOUBLE and
/// string, so the checksum reads JSON as its text parsed again.
/// </summary>
internal static class TableFingerprint
{
    public sealed record Table(long Rows, string Columns, string Checksum);

    public static async Task<SortedDictionary<string, Table>> OfSchemaAsync(MySqlConnection connection, string schema, params string[] except)
    {
        var columns = (await connection.QueryAsync<(string Table, string Column, string ColumnType, string DataType, string Extra)>(
                "SELECT c.table_name, c.column_name, c.column_type, c.data_type, c.extra FROM information_schema.columns c " +
                "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name " +
                "WHERE c.table_schema = @schema AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position",
                new { schema }))
            .Where(c => !except.Contains(c.Table, StringComparer.Ordinal))
            .GroupBy(c => c.Table, StringComparer.Ordinal);
        var fingerprint = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in columns)
        {
            // Names come from information_schema and are checked by Migrator.Identifier before use.
            var stored = table.Where(c => !c.Extra.Contains("GENERATED", StringComparison.OrdinalIgnoreCase)
                                          && !c.Extra.Contains("VIRTUAL", StringComparison.OrdinalIgnoreCase)
                                          && !c.Extra.Contains("STORED", StringComparison.OrdinalIgnoreCase))
                .Select(c => c.DataType == "json"
                    ? $"COALESCE(CAST(CAST(CAST({Migrator.Identifier(c.Column)} AS CHAR) AS JSON) AS CHAR), '~null~')"
                    : $"COALESCE(CAST({Migrator.Identifier(c.Column)} AS CHAR), '~null~')").ToList();
            var row = await connection.QuerySingleAsync<(long Rows, decimal Sum, long Xor)>(
                $"SELECT COUNT(*), IFNULL(SUM(h), 0), IFNULL(BIT_XOR(h), 0) FROM (SELECT CRC32(CONCAT_WS('#', {string.Join(", ", stored)})) AS h " +
                $"FROM {Migrator.Identifier(schema)}.{Migrator.Identifier(table.Key)}) AS r");
            fingerprint[table.Key] = new Table(row.Rows, string.Join(", ", table.Select(c => $"{c.Column} {c.ColumnType}")), $"{row.Sum}:{row.Xor}");
        }
        return fingerprint;
    }
}
