using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;

namespace Clinic.Data.Import;

/// <summary>
/// How an import of a CSV file ended: the batch (status, counts) as the database left it, for a dry run the first
/// errors import_batch_check returned with it (at most 100; empty after an apply: import_error_list has them all), and
/// the time taken to send the rows (staging) and for the database to check them (and import them unless a dry run).
/// </summary>
public sealed record CsvImportOutcome(ImportBatch Batch, bool DryRun, IReadOnlyList<ImportError> FirstErrors,
    TimeSpan Sending = default, TimeSpan Checking = default);

/// <summary>
/// How far the sending of a file has got, reported after each chunk: the rows sent so far, and the bytes of the file
/// read so far of its length (for a progress bar; the reader reads ahead, so the bytes lead the rows a little).
/// </summary>
public sealed record CsvImportProgress(int RowsSent, long BytesRead, long BytesTotal);

/// <summary>
/// Sends a CSV file to the import procedures: the file's SHA-256, its first line as the header, then its rows as
/// plain strings in chunks of <see cref="ChunkSize"/>, each with its line number as a spreadsheet shows it
/// (the header is line 1). Then the database checks (dry run) or checks and imports. Nothing here decides
/// whether a cell is right: only CSV well-formedness (quotes) is the reader's business (CsvHelper's CsvFormatException).
/// </summary>
public sealed class CsvImporter(ImportProcedures imports)
{
    public const int ChunkSize = 2000;

    /// <summary>Reads <paramref name="file"/> (seekable, or it is buffered) and imports it as <paramref name="kind"/>;
    /// <paramref name="progress"/>, when given, hears after each chunk sent; <paramref name="notifyPatients"/>: imported
    /// future appointments queue their patients' booking messages (off by default).</summary>
    public async Task<CsvImportOutcome> ImportAsync(string kind, string fileName, Stream file, bool validRows, bool dryRun,
        CancellationToken ct = default, IProgress<CsvImportProgress>? progress = null, bool notifyPatients = false)
    {
        if (!file.CanSeek)
        {
            var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            file = buffer;
        }
        var start = file.Position;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        file.Position = start;

        // RFC 4180, UTF-8 (a UTF-16 byte order mark is honoured); malformed quoting is refused (CsvFormatException).
        // Blank lines are rows too (a spreadsheet numbers them); the database leaves out rows without a value.
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        await using var csv = CsvReader.Create(file, options, leaveOpen: true);

        IReadOnlyList<string> header = [];
        if (await csv.ReadAsync(ct))
            header = Fields(csv);
        var batchId = await imports.BeginAsync(kind, Path.GetFileName(fileName), sha, validRows ? "valid_rows" : "all_or_nothing", header, ct,
            notifyPatients);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var chunk = new List<(int, IReadOnlyList<string?>)>(ChunkSize);
        var line = 1;
        var sent = 0;
        var length = file.Length;
        while (await csv.ReadAsync(ct))
        {
            // The line as a spreadsheet shows it: one per record (a quoted cell may span several lines of text).
            line++;
            chunk.Add((line, Fields(csv)));
            if (chunk.Count == ChunkSize)
            {
                await imports.AddRowsAsync(batchId, chunk, ct);
                sent += chunk.Count;
                chunk.Clear();
                progress?.Report(new CsvImportProgress(sent, Math.Min(file.Position, length), length));
            }
        }
        if (chunk.Count > 0)
        {
            await imports.AddRowsAsync(batchId, chunk, ct);
            sent += chunk.Count;
        }
        progress?.Report(new CsvImportProgress(sent, length, length));

        var sending = watch.Elapsed;
        watch.Restart();
        if (dryRun)
        {
            var check = await imports.CheckAsync(batchId, ct);
            return new CsvImportOutcome(check.Batch, true, check.FirstErrors, sending, watch.Elapsed);
        }
        var applied = await imports.ApplyAsync(batchId, ct);
        return new CsvImportOutcome(applied, false, [], sending, watch.Elapsed);
    }

    private static string[] Fields(CsvReader csv)
    {
        var fields = new string[csv.FieldCount];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = csv.GetString(i);
        return fields;
    }

    /// <summary>
    /// Writes the error report as CSV: line, column, value, message (and the code); the database records the download
    /// first (import_error_report_export: report_export_trail).
    /// </summary>
    public async Task WriteErrorReportAsync(int importBatchId, TextWriter output, CancellationToken ct = default)
    {
        await imports.ExportErrorsAsync(importBatchId, ct);
        await WriteErrorRowsAsync(importBatchId, output, ct);
    }

    /// <summary>The rows of an error report whose download was recorded already (<see cref="ImportProcedures.ExportErrorsAsync"/>).</summary>
    public async Task WriteErrorRowsAsync(int importBatchId, TextWriter output, CancellationToken ct = default)
    {
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var name in new[] { "line", "column", "value", "message", "code" })
            csv.WriteField(name);
        await csv.EndRecordAsync(ct);
        await foreach (var error in imports.AllErrorsAsync(importBatchId, ct))
        {
            csv.WriteField(error.LineNo, default);
            csv.WriteField(error.ColumnName ?? "");
            csv.WriteField(error.CellValue ?? "");
            csv.WriteField(error.Message);
            csv.WriteField(error.ErrorCode, default);
            await csv.EndRecordAsync(ct);
        }
    }
}
