using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>One reported problem of an import: line, column, code and the sentence shown.</summary>
public sealed record AppointmentImportError
{
    public int LineNo { get; init; }
    public string? ColumnName { get; init; }
    public string? CellValue { get; init; }
    public int ErrorCode { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>
/// Drives the internal procedures of the appointment import directly, as the schema owner, the way the import
/// framework (import_batch_*) will: a batch with its rows (cNN = the column at position NN of import_column),
/// the check, the outcome of each row, then the apply inside a transaction with the acting administrator.
/// </summary>
public static class ImportAppointmentTestData
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind appointment, in the canonical column order (positions 1-10).</summary>
    public static string?[] Row(string? patient, string? doctor, string? date, string? time, string? externalId = null, string? room = null,
        string? minutes = null, string? status = null, string? reason = null, string? cancelReason = null) =>
        [externalId, patient, doctor, room, date, time, minutes, status, reason, cancelReason];

    public static string Iso(DateTime day) => day.ToString("yyyy-MM-dd");

    public static string Hm(DateTime at) => at.ToString("HH:mm");

    /// <summary>A batch of kind appointment created by the first administrator, its rows on lines 2, 3, ...</summary>
    public static Task<int> NewBatchAsync(params string?[][] rows) => NewBatchInAsync(Db, rows);

    /// <summary>As <see cref="NewBatchAsync"/>, in another test database.</summary>
    public static async Task<int> NewBatchInAsync(TestDatabase db, IEnumerable<string?[]> rows)
    {
        var adminId = await db.AdminIdAsync();
        await using var connection = await db.OpenAsync(db.Migrator);
        var batchId = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO import_batch (kind, file_name, file_sha256, created_by) VALUES ('appointment', 'appointments.csv', @sha, @adminId); SELECT LAST_INSERT_ID();",
            new { sha = new string('a', 64), adminId });
        var line = 2;
        foreach (var cells in rows)
        {
            var args = new DynamicParameters(new { batchId, line });
            for (var i = 0; i < 20; i++)
                args.Add($"c{i + 1:00}", i < cells.Length ? cells[i] : null);
            await connection.ExecuteAsync(
                "INSERT INTO import_row (import_batch_id, line_no, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) " +
                "VALUES (@batchId, @line, @c01, @c02, @c03, @c04, @c05, @c06, @c07, @c08, @c09, @c10, @c11, @c12, @c13, @c14, @c15, @c16, @c17, @c18, @c19, @c20)", args);
            line++;
        }
        return batchId;
    }

    /// <summary>Runs the check (the kind's, then the rules every kind shares, as internal/import_batch_check_run) and returns the error report of the batch, by line and column.</summary>
    public static async Task<IReadOnlyList<AppointmentImportError>> CheckAsync(int batchId, TestDatabase? db = null)
    {
        db ??= Db;
        await using (var connection = await db.OpenAsync(db.Migrator))
        {
            await connection.ExecuteAsync("CALL import_appointment_check(@batchId)", new { batchId });
            await connection.ExecuteAsync("CALL import_batch_check_columns(@batchId, 'appointment')", new { batchId });
        }
        return await db.QueryAsync<AppointmentImportError>(
            "SELECT line_no, column_name, cell_value, CAST(error_code AS SIGNED) AS error_code, message FROM import_error WHERE import_batch_id = @batchId ORDER BY line_no, column_name, error_code",
            new { batchId });
    }

    /// <summary>What the framework does after the check: a row without errors is valid, one with errors rejected.</summary>
    public static async Task MarkOutcomesAsync(int batchId, TestDatabase? db = null)
    {
        db ??= Db;
        await using var connection = await db.OpenAsync(db.Migrator);
        await connection.ExecuteAsync(
            """
            UPDATE import_row AS r
               SET r.outcome = IF(EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = r.import_batch_id AND e.line_no = r.line_no),
                                  'rejected', 'valid')
             WHERE r.import_batch_id = @batchId AND r.outcome IS NULL
            """, new { batchId });
    }

    /// <summary>Check, mark and apply in one go (valid rows only, as mode valid_rows); returns the error report.</summary>
    public static async Task<IReadOnlyList<AppointmentImportError>> ImportAsync(int batchId, TestDatabase? db = null)
    {
        var errors = await CheckAsync(batchId, db);
        await MarkOutcomesAsync(batchId, db);
        await ApplyAsync(batchId, db);
        return errors;
    }

    /// <summary>The apply, inside a transaction, with the first administrator acting (as the framework sets it).</summary>
    public static async Task ApplyAsync(int batchId, TestDatabase? db = null)
    {
        db ??= Db;
        var actorId = await db.AdminIdAsync();
        await using var connection = await db.OpenAsync(db.Migrator);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET @clinic_actor_id = @actorId; CALL import_appointment_apply(@batchId, @actorId);",
            new { batchId, actorId }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>The outcome and written appointment of each line.</summary>
    public static async Task<IReadOnlyList<(int LineNo, string? Outcome, int? EntityId)>> OutcomesAsync(int batchId, TestDatabase? db = null) =>
        await (db ?? Db).QueryAsync<(int, string?, int?)>(
            "SELECT line_no, outcome, entity_id FROM import_row WHERE import_batch_id = @batchId ORDER BY line_no", new { batchId });

    public static async Task<string> MrnOfAsync(int patientId) =>
        await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @patientId", new { patientId });

    public static async Task<string> DoctorNameAsync(int staffId) =>
        await Db.ScalarAsync<string>("SELECT CONCAT(given_name, ' ', family_name) FROM staff WHERE staff_id = @staffId", new { staffId });

    public static async Task<string> RoomNameAsync(int roomId) =>
        await Db.ScalarAsync<string>("SELECT name FROM room WHERE room_id = @roomId", new { roomId });

    /// <summary>
    /// An external id of an earlier import of the kind (patient or staff). The kinds patient and staff belong to other
    /// migrations of the import; the test adds their import_kind row when it is not there yet.
    /// </summary>
    public static async Task AddImportKeyAsync(string kind, string externalId, int entityId, int batchId)
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        await connection.ExecuteAsync(
            """
            INSERT INTO import_kind (kind, title, description)
            SELECT @kind, @kind, 'test' FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM import_kind WHERE kind = @kind);
            INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES (@kind, @externalId, @entityId, @batchId);
            """, new { kind, externalId, entityId, batchId });
    }

    public static async Task<MySqlConnection> OpenMigratorAsync() => await Db.OpenAsync(Db.Migrator);
}
