using System.Globalization;
using System.Text;
using Clinic.Web.Components.Shared;

namespace Clinic.Web.Export;

/// <summary>
/// One column of a list's CSV export: a header and how to read the cell from a row. Text cells go through
/// <see cref="Csv.Field"/> (RFC 4180 quoting, and text a spreadsheet would run as a formula, starting with
/// = + - @, a tab or a carriage return, gets a leading single quote). Number cells are written as the
/// invariant number itself (e.g. -500 or 1250.5), never quoted or prefixed: they come from a decimal, not
/// from typed text, so they cannot carry a formula, and a spreadsheet reads them as numbers.
/// </summary>
public sealed record CsvColumn<TItem>(string Header, Func<TItem, string?> Cell, bool IsNumber = false)
{
    /// <summary>A text column (names, statuses, receipt numbers, dates as <see cref="Format"/> writes them).</summary>
    public static CsvColumn<TItem> Text(string header, Func<TItem, string?> cell) => new(header, cell);

    /// <summary>An amount or a count, written as a plain invariant number; null is an empty cell.</summary>
    public static CsvColumn<TItem> Number(string header, Func<TItem, decimal?> value) =>
        new(header, item => value(item) is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : null, IsNumber: true);

    /// <summary>A date column (yyyy-MM-dd).</summary>
    public static CsvColumn<TItem> Date(string header, Func<TItem, DateTime?> value) => new(header, item => Format.Date(value(item)));

    /// <summary>A date and time column (yyyy-MM-dd HH:mm).</summary>
    public static CsvColumn<TItem> DateTime(string header, Func<TItem, DateTime?> value) => new(header, item => Format.DateTime(value(item)));
}

/// <summary>Builds the CSV text of a list: a header line and one line per row, CRLF-ended (<see cref="Csv"/>).</summary>
public static class CsvTable
{
    /// <summary>The whole text; a list on screen is small (pages read every page first: Services/Paging.cs).</summary>
    public static string Build<TItem>(IReadOnlyList<CsvColumn<TItem>> columns, IEnumerable<TItem> items)
    {
        var text = new StringBuilder(Csv.Line(columns.Select(c => c.Header)));
        foreach (var item in items)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                    text.Append(',');
                var cell = columns[i].Cell(item);
                text.Append(columns[i].IsNumber ? cell ?? "" : Csv.Field(cell));
            }
            text.Append(Csv.LineEnd);
        }
        return text.ToString();
    }
}
