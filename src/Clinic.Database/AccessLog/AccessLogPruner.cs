using System.Data;
using Clinic.Data.Common;
using Clinic.Database.Migrations;
using MySqlConnector;

namespace Clinic.Database.AccessLog;

/// <summary>
/// Bounds the read-access log: deletes the rows of &lt;database&gt;_audit.patient_access_log older than a
/// date, in batches, through the audit schema's own procedure patient_access_log_prune. Only a server
/// administrator can run it (clinic accounts may not delete there), and rows younger than a year are
/// never deleted, whoever asks (50007).
/// </summary>
public sealed class AccessLogPruner(string adminConnectionString, string database, TextWriter output)
{
    public async Task<long> PruneAsync(DateTime before, CancellationToken ct = default)
    {
        var builder = new MySqlConnectionStringBuilder(adminConnectionString) { Database = AuditSchema.NameFor(database) };
        Migrator.Identifier(builder.Database);
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand("patient_access_log_prune", connection) { CommandType = CommandType.StoredProcedure };
        command.Parameters.AddWithValue("p_before", before.Date);
        var deleted = command.Parameters.Add("p_deleted", MySqlDbType.Int64);
        deleted.Direction = ParameterDirection.Output;
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (MySqlException ex) when (ex.SqlState == "45000")
        {
            throw new ClinicRuleException(ex.Number, ex.Message, ex);
        }
        var count = Convert.ToInt64(deleted.Value);
        output.WriteLine($"Deleted {count:N0} access-log row(s) older than {before:yyyy-MM-dd} from {builder.Database}.");
        return count;
    }
}
