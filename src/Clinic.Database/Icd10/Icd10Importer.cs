using System.Text;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Icd10;

/// <summary>The CSV file is missing or has bad records; nothing was imported.</summary>
public sealed class Icd10FileException(string message) : Exception(message);

public sealed record Icd10ImportResult(int Read, int Inserted, int Updated, int Unchanged);

/// <summary>
/// clinic-db import-icd10: loads a full ICD-10 code list into icd10_code as the migrator. Every
/// record is validated first (<see cref="Icd10Csv"/>); then, in one transaction, new codes are
/// inserted and changed ones (title, chapter, or inactive) updated and made active, in batches of
/// parameterised statements: values are always bound parameters, never spliced into the SQL text.
/// A row without a chapter gets it from the database function icd10_chapter. Codes missing from the
/// file are left as they are. The audit triggers record every inserted and updated row (no clinic
/// user; the database user is the migrator).
/// </summary>
public sealed class Icd10Importer(string connectionString, TextWriter output)
{
    private const int BatchSize = 500;
    private const int ErrorsShown = 25;

    public async Task<Icd10ImportResult> ImportFileAsync(string path)
    {
        if (!File.Exists(path))
            throw new Icd10FileException($"the file '{path}' does not exist.");
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        }
        catch (IOException ex)
        {
            throw new Icd10FileException($"the file '{path}' cannot be read: {ex.Message}");
        }
        var (rows, errors) = Icd10Csv.Parse(text);
        if (errors.Count > 0)
        {
            var lines = errors.Take(ErrorsShown).Select(e => $"  line {e.Line}: {e.Message}").ToList();
            if (errors.Count > ErrorsShown)
                lines.Add($"  ... and {errors.Count - ErrorsShown} more");
            throw new Icd10FileException(
                $"{path}: {errors.Count} bad record(s); nothing was imported.{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }
        var result = await ImportAsync(rows);
        output.WriteLine($"Read {result.Read} code(s) from {path}: {result.Inserted} inserted, {result.Updated} updated, {result.Unchanged} unchanged.");
        return result;
    }

    public async Task<Icd10ImportResult> ImportAsync(IReadOnlyList<Icd10CsvRow> rows)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // What is there already (inside the transaction, locked against a concurrent import).
        var existing = (await connection.QueryAsync<(string Code, string Title, string? Chapter, bool IsActive)>(
                "SELECT icd10_code, title, chapter, is_active FROM icd10_code FOR UPDATE", transaction: transaction))
            .ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        var inserts = new List<Icd10CsvRow>();
        var updates = new List<Icd10CsvRow>();
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var old))
                inserts.Add(row);
            else if (!string.Equals(old.Title, row.Title, StringComparison.Ordinal) || !old.IsActive
                     || (row.Chapter is not null && !string.Equals(old.Chapter, row.Chapter, StringComparison.Ordinal))
                     || (row.Chapter is null && old.Chapter is null))
                updates.Add(row);
        }

        foreach (var batch in inserts.Chunk(BatchSize))
        {
            var sql = new StringBuilder("INSERT INTO icd10_code (icd10_code, title, chapter, is_active) VALUES ");
            var parameters = new DynamicParameters();
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"(@c{i}, @t{i}, COALESCE(@h{i}, icd10_chapter(@c{i})), 1)");
                parameters.Add($"c{i}", batch[i].Code);
                parameters.Add($"t{i}", batch[i].Title);
                parameters.Add($"h{i}", batch[i].Chapter);
            }
            await connection.ExecuteAsync(sql.ToString(), parameters, transaction);
        }

        foreach (var batch in updates.Chunk(BatchSize))
        {
            var title = new StringBuilder("CASE icd10_code");
            var chapter = new StringBuilder("CASE icd10_code");
            var keys = new StringBuilder();
            var parameters = new DynamicParameters();
            for (var i = 0; i < batch.Length; i++)
            {
                title.Append($" WHEN @c{i} THEN @t{i}");
                chapter.Append($" WHEN @c{i} THEN COALESCE(@h{i}, chapter, icd10_chapter(@c{i}))");
                keys.Append(i == 0 ? "" : ", ").Append($"@c{i}");
                parameters.Add($"c{i}", batch[i].Code);
                parameters.Add($"t{i}", batch[i].Title);
                parameters.Add($"h{i}", batch[i].Chapter);
            }
            await connection.ExecuteAsync(
                $"UPDATE icd10_code SET title = {title} END, chapter = {chapter} END, is_active = 1 WHERE icd10_code IN ({keys})",
                parameters, transaction);
        }

        await transaction.CommitAsync();
        return new Icd10ImportResult(rows.Count, inserts.Count, updates.Count, rows.Count - inserts.Count - updates.Count);
    }
}
