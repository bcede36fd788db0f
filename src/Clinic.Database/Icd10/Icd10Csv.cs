using System.Text;
using System.Text.RegularExpressions;

namespace Clinic.Database.Icd10;

/// <summary>One ICD-10 code read from a CSV file, normalised (upper case, "A000" becomes "A00.0"), with the line it starts on.</summary>
public sealed record Icd10CsvRow(int Line, string Code, string Title, string? Chapter);

/// <summary>A CSV problem: the line the record starts on and what is wrong.</summary>
public sealed record Icd10CsvError(int Line, string Message);

/// <summary>
/// Reads an ICD-10 code list: one record per line, <c>code,title[,chapter]</c>, as RFC 4180 CSV
/// (fields may be quoted with <c>"</c>; a quoted field may hold commas, line breaks and <c>""</c> for a
/// quote). A first record whose first field is <c>code</c> or <c>icd10_code</c> is a header and skipped;
/// blank lines are skipped. Every record is validated; nothing is imported unless all are valid.
/// </summary>
public static partial class Icd10Csv
{
    public const int MaxTitleLength = 255;
    public const int MaxChapterLength = 8;

    public static (IReadOnlyList<Icd10CsvRow> Rows, IReadOnlyList<Icd10CsvError> Errors) Parse(string text)
    {
        var rows = new List<Icd10CsvRow>();
        var errors = new List<Icd10CsvError>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = true;
        foreach (var (line, fields, problem) in Records(text))
        {
            if (problem is not null)
            {
                errors.Add(new Icd10CsvError(line, problem));
                first = false;
                continue;
            }
            if (fields.Count == 1 && fields[0].Trim().Length == 0)
                continue;
            if (first)
            {
                first = false;
                if (fields[0].Trim().ToLowerInvariant() is "code" or "icd10_code")
                    continue;
            }
            if (fields.Count is < 2 or > 3)
            {
                errors.Add(new Icd10CsvError(line, $"expected 2 or 3 fields (code,title[,chapter]), found {fields.Count}"));
                continue;
            }
            var code = NormaliseCode(fields[0]);
            var title = fields[1].Trim();
            var chapter = fields.Count == 3 && fields[2].Trim().Length > 0 ? fields[2].Trim() : null;
            var rowErrors = new List<string>();
            if (!CodeShape().IsMatch(code))
                rowErrors.Add($"'{fields[0].Trim()}' is not an ICD-10 code (letter, two digits, optionally a dot and up to 4 more, e.g. B50.9)");
            if (title.Length == 0)
                rowErrors.Add("the title is empty");
            else if (title.Length > MaxTitleLength)
                rowErrors.Add($"the title is longer than {MaxTitleLength} characters");
            if (chapter is { Length: > MaxChapterLength })
                rowErrors.Add($"the chapter is longer than {MaxChapterLength} characters");
            if (rowErrors.Count == 0 && !firstLine.TryAdd(code, line))
                rowErrors.Add($"{code} is already on line {firstLine[code]}");
            if (rowErrors.Count > 0)
                errors.Add(new Icd10CsvError(line, string.Join("; ", rowErrors)));
            else
                rows.Add(new Icd10CsvRow(line, code, title, chapter));
        }
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new Icd10CsvError(1, "the file holds no codes"));
        return (rows, errors);
    }

    /// <summary>Upper case, trimmed; a code written without its dot ("A000", "E119") gets it after the third character.</summary>
    public static string NormaliseCode(string raw)
    {
        var code = raw.Trim().ToUpperInvariant();
        return code.Length > 3 && !code.Contains('.') ? code[..3] + "." + code[3..] : code;
    }

    /// <summary>RFC 4180 records with the line each starts on, or a problem (an unterminated quote, a stray quote).</summary>
    private static IEnumerable<(int Line, List<string> Fields, string? Problem)> Records(string text)
    {
        var i = 0;
        var line = 1;
        if (text.Length > 0 && text[0] == '\uFEFF')
            i = 1;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? problem = null;
            var quoted = false;
            var fieldStart = true;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (quoted)
                        problem = "a quoted field is not closed";
                    fields.Add(field.ToString());
                    break;
                }
                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                        i++;
                        if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                            problem ??= "text after a closing quote; write a quote inside a quoted field as \"\"";
                        continue;
                    }
                    if (c == '\n')
                        line++;
                    field.Append(c);
                    i++;
                    continue;
                }
                if (c == '"' && fieldStart)
                {
                    quoted = true;
                    fieldStart = false;
                    i++;
                    continue;
                }
                if (c == '"')
                    problem ??= "a quote inside an unquoted field; quote the whole field and write the quote as \"\"";
                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    i++;
                    continue;
                }
                if (c is '\r' or '\n')
                {
                    fields.Add(field.ToString());
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    break;
                }
                field.Append(c);
                fieldStart = false;
                i++;
            }
            yield return (start, fields, problem);
        }
    }

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]
    private static partial Regex CodeShape();
}
