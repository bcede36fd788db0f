using System.Text.Json;
using Clinic.Data.Common;
using Dapper;

namespace Clinic.Data.Import;

/// <summary>One import batch as import_batch_get (and _check, _apply, _cancel) return it.</summary>
public sealed record ImportBatch
{
    public int ImportBatchId { get; init; }
    public string Kind { get; init; } = "";
    public string KindTitle { get; init; } = "";
    public string FileName { get; init; } = "";
    public string FileSha256 { get; init; } = "";
    /// <summary>all_or_nothing or valid_rows.</summary>
    public string Mode { get; init; } = "";
    /// <summary>Whether imported future appointments tell their patients (queue "appointment booked"); off by default.</summary>
    public bool NotifyPatients { get; init; }
    /// <summary>staged, checked, imported, rejected or cancelled.</summary>
    public string Status { get; init; } = "";
    public int RowsTotal { get; init; }
    public int RowsValid { get; init; }
    public int RowsRejected { get; init; }
    public int RowsSkipped { get; init; }
    public int RowsImported { get; init; }
    public long ErrorCount { get; init; }
    public long HeaderErrorCount { get; init; }
    public int CreatedBy { get; init; }
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? CheckedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public bool CanCheck { get; init; }
    public bool CanApply { get; init; }
    public bool CanCancel { get; init; }
}

/// <summary>A row of import_batch_list.</summary>
public sealed record ImportBatchListRow
{
    public int ImportBatchId { get; init; }
    public string Kind { get; init; } = "";
    public string KindTitle { get; init; } = "";
    public string FileName { get; init; } = "";
    public string Mode { get; init; } = "";
    public string Status { get; init; } = "";
    public int RowsTotal { get; init; }
    public int RowsValid { get; init; }
    public int RowsRejected { get; init; }
    public int RowsSkipped { get; init; }
    public int RowsImported { get; init; }
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>
/// One line of the error report: the file's line (1 the header, 0 the header as a whole), the column,
/// the cell as written, the rule's code and the sentence to show.
/// </summary>
public sealed record ImportError
{
    public long LineNo { get; init; }
    public string? ColumnName { get; init; }
    public string? CellValue { get; init; }
    public int ErrorCode { get; init; }
    public string Message { get; init; } = "";
    public long TotalCount { get; init; }

    /// <summary>As a command line prints it: <c>line 7, phone '12': The phone number ...</c>.</summary>
    public override string ToString() =>
        $"line {LineNo}{(ColumnName is null ? "" : $", {ColumnName}")}{(CellValue is null ? "" : $" '{CellValue}'")}: {Message}";
}

/// <summary>A CSV column of a kind of import (import_column_list).</summary>
public sealed record ImportColumn
{
    public string Kind { get; init; } = "";
    public string KindTitle { get; init; } = "";
    public string KindDescription { get; init; } = "";
    public int Position { get; init; }
    public string ColumnName { get; init; } = "";
    public bool IsRequired { get; init; }
    public int MaxLength { get; init; }
    public string Description { get; init; } = "";
    public string? Example { get; init; }
}

/// <summary>What import_batch_check returns: the batch with its counts and the first errors.</summary>
public sealed record ImportCheckResult(ImportBatch Batch, IReadOnlyList<ImportError> FirstErrors);

/// <summary>
/// CSV import (db/procedures/import_*.sql, docs/import.md). The database checks and writes everything; this
/// class only sends the file's cells as text: begin with the header, add the rows in chunks, check, apply.
/// </summary>
public sealed class ImportProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Seconds a check or an apply may run: a file of a million rows takes minutes, not the default 30 s.</summary>
    public const int BulkCommandTimeoutSeconds = 3600;

    /// <summary>
    /// Starts an import; <paramref name="mode"/> all_or_nothing (null) or valid_rows; <paramref name="notifyPatients"/>:
    /// imported future appointments queue their patients' booking messages (off by default). Returns the batch id.
    /// </summary>
    public async Task<int> BeginAsync(string kind, string fileName, string fileSha256, string? mode, IReadOnlyList<string> header,
        CancellationToken ct = default, bool notifyPatients = false)
    {
        var row = await runner.QuerySingleOrDefaultAsync<BeginRow>("import_batch_begin", session, new
        {
            p_kind = kind, p_file_name = fileName, p_file_sha256 = fileSha256, p_mode = mode,
            p_header = JsonSerializer.Serialize(header), p_notify_patients = notifyPatients,
        }, ct);
        return row!.ImportBatchId;
    }

    /// <summary>Adds rows (line number and cells in the file's column order), as one chunk. Returns how many were stored
    /// (a row whose cells are all empty is left out); the check counts the batch's rows.</summary>
    public async Task<int> AddRowsAsync(int importBatchId, IEnumerable<(int LineNo, IReadOnlyList<string?> Cells)> rows, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(rows.Select(r => new object?[] { r.LineNo }.Concat(r.Cells).ToArray()));
        var row = await runner.QuerySingleOrDefaultAsync<RowsAddedRow>("import_batch_rows_add", session,
            new { p_import_batch_id = importBatchId, p_rows = json }, ct);
        return (int)row!.RowsAdded;
    }

    /// <summary>Checks every row (a dry run: only the error report is written).</summary>
    public Task<ImportCheckResult> CheckAsync(int importBatchId, CancellationToken ct = default) =>
        runner.QueryMultipleAsync("import_batch_check", session, new { p_import_batch_id = importBatchId }, async grid =>
        {
            var batch = await grid.ReadSingleAsync<ImportBatch>();
            var errors = (await grid.ReadAsync<ImportError>()).AsList();
            return new ImportCheckResult(batch, errors);
        }, ct, BulkCommandTimeoutSeconds);

    /// <summary>Checks again and imports, in one transaction (or writes nothing: status rejected).</summary>
    public async Task<ImportBatch> ApplyAsync(int importBatchId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ImportBatch>("import_batch_apply", session, new { p_import_batch_id = importBatchId }, ct,
            BulkCommandTimeoutSeconds))!;

    public async Task<ImportBatch> CancelAsync(int importBatchId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ImportBatch>("import_batch_cancel", session, new { p_import_batch_id = importBatchId }, ct))!;

    public async Task<ImportBatch> GetAsync(int importBatchId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ImportBatch>("import_batch_get", session, new { p_import_batch_id = importBatchId }, ct))!;

    public Task<IReadOnlyList<ImportBatchListRow>> ListAsync(string? kind, int offset, int limit, CancellationToken ct = default) =>
        runner.QueryAsync<ImportBatchListRow>("import_batch_list", session, new { p_kind = kind, p_offset = offset, p_limit = limit }, ct);

    /// <summary>
    /// Starts the download of the whole error report (import_error_report_export): the database records it in
    /// report_export_trail and returns the batch; the rows follow from <see cref="AllErrorsAsync"/>.
    /// </summary>
    public async Task<ImportBatch> ExportErrorsAsync(int importBatchId, CancellationToken ct = default) =>
        (await runner.QuerySingleOrDefaultAsync<ImportBatch>("import_error_report_export", session, new { p_import_batch_id = importBatchId }, ct))!;

    /// <summary>A page of the error report, in line order (at most 10000 rows a page).</summary>
    public Task<IReadOnlyList<ImportError>> ErrorsAsync(int importBatchId, int offset, int limit, CancellationToken ct = default) =>
        runner.QueryAsync<ImportError>("import_error_list", session,
            new { p_import_batch_id = importBatchId, p_offset = offset, p_limit = limit }, ct);

    /// <summary>The whole error report, page by page.</summary>
    public async IAsyncEnumerable<ImportError> AllErrorsAsync(int importBatchId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int page = 5000;
        for (var offset = 0; ; offset += page)
        {
            var rows = await ErrorsAsync(importBatchId, offset, page, ct);
            foreach (var row in rows)
                yield return row;
            if (rows.Count < page)
                yield break;
        }
    }

    /// <summary>The kinds and their CSV columns; <paramref name="kind"/> null for all.</summary>
    public Task<IReadOnlyList<ImportColumn>> ColumnsAsync(string? kind, CancellationToken ct = default) =>
        runner.QueryAsync<ImportColumn>("import_column_list", session, new { p_kind = kind }, ct);

    private sealed record BeginRow
    {
        public int ImportBatchId { get; init; }
        public long HeaderErrorCount { get; init; }
    }

    private sealed record RowsAddedRow
    {
        public long RowsAdded { get; init; }
    }
}
