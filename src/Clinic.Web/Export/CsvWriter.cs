namespace Clinic.Web.Export;

/// <summary>
/// Streams CSV rows to a response: a header and rows of strings, for any export. The quoting
/// (RFC 4180) and the guard against formula injection live in <see cref="Csv"/>, shared with the
/// appointment export.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    public Task WriteHeaderAsync(IEnumerable<string> headers, CancellationToken ct = default) => WriteRowAsync(headers, ct);

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await output.WriteAsync(FormatRow(cells));
    }

    public Task FlushAsync(CancellationToken ct = default) => output.FlushAsync(ct);

    /// <summary>One record with its CRLF (<see cref="Csv.Line"/>: the one place that quotes and guards fields).</summary>
    public static string FormatRow(IEnumerable<string?> cells) => Csv.Line(cells);

    /// <summary>A header and rows as one CSV text (small exports and tests).</summary>
    public static string Format(IEnumerable<string> headers, IEnumerable<IEnumerable<string?>> rows) =>
        FormatRow(headers) + string.Concat(rows.Select(FormatRow));

    /// <summary>One field: null is empty; formula guard first, then quoting (<see cref="Csv.Field"/>).</summary>
    public static string Field(string? value) => Csv.Field(value);
}
