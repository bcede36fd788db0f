using Dapper;

// In the Integration namespace's tree, so DatabaseFixture (the server and the shared database) sets these tests up too.
namespace Clinic.Database.Tests.Integration.Import;

/// <summary>One reported bad cell of an import: line, column, code and the sentence shown.</summary>
public sealed class ImportErrorRow
{
    public long LineNo { get; init; }
    public string? ColumnName { get; init; }
    public string? CellValue { get; init; }
    public long ErrorCode { get; init; }
    public string Message { get; init; } = "";

    public override string ToString() => $"line {LineNo} {ColumnName} [{CellValue}] {ErrorCode}: {Message}";
}

/// <summary>What an import row became: outcome and the id of the row written.</summary>
public sealed class ImportRowOutcome
{
    public long LineNo { get; init; }
    public string? Outcome { get; init; }
    public long? EntityId { get; init; }
}

/// <summary>
/// Drives an import kind's internal procedures the way the import framework does, as the schema owner: a batch created
/// by the administrator, the rows as text (cells by the position of the kind's import_column rows), the kind's check,
/// the rows without errors marked valid (and the others rejected), and the kind's apply in one transaction after
/// SET @clinic_actor_id.
/// </summary>
public static class ImportKindTestKit
{
    /// <summary>A new batch of <paramref name="kind"/> holding <paramref name="rows"/> (line 2 onwards, in file order): cells trimmed, empty = NULL.</summary>
    public static async Task<int> NewBatchAsync(this TestDatabase db, string kind, params string?[][] rows)
    {
        var adminId = await db.AdminIdAsync();
        await using var connection = await db.OpenAsync(db.Migrator);
        var batchId = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO import_batch (kind, file_name, file_sha256, mode, created_by) " +
            "VALUES (@kind, 'test.csv', SHA2(UUID(), 256), 'valid_rows', @adminId); SELECT LAST_INSERT_ID();", new { kind, adminId });
        for (var i = 0; i < rows.Length; i++)
        {
            var cells = Enumerable.Range(0, 20)
                .Select(c => c < rows[i].Length && !string.IsNullOrWhiteSpace(rows[i][c]) ? rows[i][c]!.Trim() : null).ToArray();
            var args = new DynamicParameters(new { batchId, line = i + 2 });
            for (var c = 0; c < 20; c++)
                args.Add($"c{c + 1:00}", cells[c]);
            await connection.ExecuteAsync(
                "INSERT INTO import_row (import_batch_id, line_no, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, " +
                "c11, c12, c13, c14, c15, c16, c17, c18, c19, c20) VALUES (@batchId, @line, @c01, @c02, @c03, @c04, @c05, " +
                "@c06, @c07, @c08, @c09, @c10, @c11, @c12, @c13, @c14, @c15, @c16, @c17, @c18, @c19, @c20)", args);
        }
        return batchId;
    }

    /// <summary>Marks a line skipped, as the framework does for an external id imported before.</summary>
    public static Task SkipLineAsync(this TestDatabase db, int batchId, int line) =>
        db.ExecuteAsOwnerAsync("UPDATE import_row SET outcome = 'skipped' WHERE import_batch_id = @batchId AND line_no = @line", new { batchId, line });

    /// <summary>Runs import_<paramref name="kind"/>_check and the shared import_batch_check_columns; returns the batch's errors by line.</summary>
    public static async Task<IReadOnlyList<ImportErrorRow>> CheckAsync(this TestDatabase db, string kind, int batchId)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await connection.ExecuteAsync($"CALL import_{kind}_check(@batchId)", new { batchId });
        // Then the rules every kind shares (lengths, an external id twice), as internal/import_batch_check_run does.
        await connection.ExecuteAsync("CALL import_batch_check_columns(@batchId, @kind)", new { batchId, kind });
        return (await connection.QueryAsync<ImportErrorRow>(
            "SELECT line_no, column_name, cell_value, error_code, message FROM import_error " +
            "WHERE import_batch_id = @batchId ORDER BY line_no, import_error_id", new { batchId })).AsList();
    }

    /// <summary>What the framework does after a check: rows with an error rejected, the others (not skipped) valid.</summary>
    public static Task MarkOutcomesAsync(this TestDatabase db, int batchId) =>
        db.ExecuteAsOwnerAsync(
            "UPDATE import_row AS r SET r.outcome = IF(EXISTS (SELECT 1 FROM import_error AS e " +
            "WHERE e.import_batch_id = r.import_batch_id AND e.line_no = r.line_no), 'rejected', 'valid') " +
            "WHERE r.import_batch_id = @batchId AND NOT (r.outcome <=> 'skipped')", new { batchId });

    /// <summary>Runs import_<paramref name="kind"/>_apply in one transaction as the framework does, acting as <paramref name="actorId"/>.</summary>
    public static async Task ApplyAsync(this TestDatabase db, string kind, int batchId, int actorId)
    {
        await using var connection = await db.OpenAsync(db.Migrator);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync($"SET @clinic_actor_id = @actorId; CALL import_{kind}_apply(@batchId, @actorId); SET @clinic_actor_id = NULL;",
            new { batchId, actorId }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Check, mark, apply: the good rows of the batch land.</summary>
    public static async Task<IReadOnlyList<ImportErrorRow>> CheckAndApplyAsync(this TestDatabase db, string kind, int batchId, int actorId)
    {
        var errors = await db.CheckAsync(kind, batchId);
        await db.MarkOutcomesAsync(batchId);
        await db.ApplyAsync(kind, batchId, actorId);
        return errors;
    }

    public static Task<IReadOnlyList<ImportRowOutcome>> OutcomesAsync(this TestDatabase db, int batchId) =>
        db.QueryAsync<ImportRowOutcome>("SELECT line_no, outcome, entity_id FROM import_row WHERE import_batch_id = @batchId ORDER BY line_no",
            new { batchId });

    /// <summary>The errors as (line, column, code), for comparing whole reports.</summary>
    public static IEnumerable<(long Line, string? Column, long Code)> Cells(this IEnumerable<ImportErrorRow> errors) =>
        errors.Select(e => (e.LineNo, e.ColumnName, e.ErrorCode));

    /// <summary>A unique upper-case tag for names and codes.</summary>
    public static string Tag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static string Iso(this DateTime day) => day.ToString("yyyy-MM-dd");

    public static string Dmy(this DateTime day) => day.ToString("dd/MM/yyyy");

    public static string ShortDmy(this DateTime day) => $"{day.Day}/{day.Month}/{day.Year}";
}
