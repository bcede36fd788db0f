namespace Clinic.Web.Export;

/// <summary>
/// Writes CSV as RFC 4180 describes it: comma-separated fields, CRLF line ends, a field with a comma,
/// double quote, CR or LF enclosed in double quotes with inner quotes doubled. Generic on purpose
/// (a header and rows of strings) so every export shares it.
/// Guards against CSV formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab
/// or CR) as a formula, so such a cell gets a leading single quote and shows as text.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private const string LineEnd = "\r\n";

    public Task WriteHeaderAsync(IEnumerable<string> headers, CancellationToken ct = default) => WriteRowAsync(headers, ct);

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await output.WriteAsync(FormatRow(cells));
    }

    public Task FlushAsync(CancellationToken ct = default) => output.FlushAsync(ct);

    /// <summary>One record with its CRLF.</summary>
    public static string FormatRow(IEnumerable<string?> cells) => string.Join(',', cells.Select(Field)) + LineEnd;

    /// <summary>A header and rows as one CSV text (small exports and tests).</summary>
    public static string Format(IEnumerable<string> headers, IEnumerable<IEnumerable<string?>> rows) =>
        FormatRow(headers) + string.Concat(rows.Select(FormatRow));

    /// <summary>One field: null is empty; formula guard first, then quoting.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
