using Clinic.Data.Import;

namespace Clinic.Web.Services;

/// <summary>Where a file's check has got: the stage's words and its percentage (null while the database works).</summary>
public sealed record ImportProgress(string Stage, int? Percent, int RowsSent);

/// <summary>
/// What the import screen (/admin/import) calls: the kinds and their columns, the recent imports, checking a file
/// (sending it in chunks, a dry run) and importing a checked one. A seam so that component tests need no database;
/// every rule stays in the procedures (import_*), which refuse with the sentence the page shows.
/// </summary>
public interface IImportDesk
{
    /// <summary>The largest file the screen accepts (bytes).</summary>
    const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Every kind's columns (import_column_list), in the kind's order.</summary>
    Task<IReadOnlyList<ImportColumn>> ColumnsAsync(CancellationToken ct = default);

    /// <summary>The newest imports first (import_batch_list).</summary>
    Task<IReadOnlyList<ImportBatchListRow>> RecentAsync(int limit, CancellationToken ct = default);

    /// <summary>
    /// Sends the file (<paramref name="upload"/>, <paramref name="size"/> bytes, read once as a stream) as
    /// <paramref name="kind"/> and checks it without importing: the batch and the first <paramref name="errorLimit"/> errors,
    /// both as import_batch_check returns them. <paramref name="notifyPatients"/>: imported future appointments will
    /// queue their patients' booking messages. A file whose quoting is broken throws <see cref="InvalidDataException"/>
    /// with a sentence to show.
    /// </summary>
    Task<ImportCheckResult> CheckAsync(string kind, string fileName, Stream upload, long size, bool validRows, bool notifyPatients,
        int errorLimit, IProgress<ImportProgress>? progress = null, CancellationToken ct = default);

    /// <summary>Imports a checked batch (import_batch_apply): the batch with its final counts.</summary>
    Task<ImportBatch> ApplyAsync(int importBatchId, CancellationToken ct = default);

    /// <summary>Cancels a batch checked but not imported (import_batch_cancel): nothing of it will be written.</summary>
    Task<ImportBatch> CancelAsync(int importBatchId, CancellationToken ct = default);
}

public sealed class ImportDesk(ImportProcedures imports, CsvImporter importer) : IImportDesk
{
    public Task<IReadOnlyList<ImportColumn>> ColumnsAsync(CancellationToken ct = default) => imports.ColumnsAsync(null, ct);

    public Task<IReadOnlyList<ImportBatchListRow>> RecentAsync(int limit, CancellationToken ct = default) => imports.ListAsync(null, 0, limit, ct);

    /// <summary>
    /// The upload is copied to a temporary file (deleted when closed) so that nothing of it sits in memory and the
    /// importer can hash it and then read it; the copy and the sending report their progress.
    /// </summary>
    public async Task<ImportCheckResult> CheckAsync(string kind, string fileName, Stream upload, long size, bool validRows, bool notifyPatients,
        int errorLimit, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var path = Path.Combine(Path.GetTempPath(), "clinic-import-" + Guid.NewGuid().ToString("N") + ".csv");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        progress?.Report(new ImportProgress("Uploading the file", 0, 0));
        while ((read = await upload.ReadAsync(buffer, ct)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            copied += read;
            progress?.Report(new ImportProgress("Uploading the file", Percent(copied, size), 0));
        }
        file.Position = 0;

        CsvImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(kind, fileName, file, validRows, dryRun: true, ct, new SynchronousProgress(progress), notifyPatients);
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            // Only the file's quoting is the reader's business; the batch begun so far stays open (the database lists it).
            throw new InvalidDataException($"The file is not a well-formed CSV file: {ex.Message.Split('\n')[0]}", ex);
        }
        // The check returned its first errors with the batch: the page shows those (the download has them all).
        return new ImportCheckResult(outcome.Batch, outcome.FirstErrors.Take(errorLimit).ToList());
    }

    public Task<ImportBatch> ApplyAsync(int importBatchId, CancellationToken ct = default) => imports.ApplyAsync(importBatchId, ct);

    public Task<ImportBatch> CancelAsync(int importBatchId, CancellationToken ct = default) => imports.CancelAsync(importBatchId, ct);

    private static int Percent(long done, long total) => total <= 0 ? 100 : (int)Math.Clamp(done * 100 / total, 0, 100);

    /// <summary>Passes the importer's progress on at once, on the sending thread (the page marshals it to its renderer).</summary>
    private sealed class SynchronousProgress(IProgress<ImportProgress>? progress) : IProgress<CsvImportProgress>
    {
        // The last report comes when every row is sent: the database checks them next.
        public void Report(CsvImportProgress value) =>
            progress?.Report(value.BytesRead >= value.BytesTotal
                ? new ImportProgress("Checking the rows", null, value.RowsSent)
                : new ImportProgress("Sending the rows", Percent(value.BytesRead, value.BytesTotal), value.RowsSent));
    }
}
