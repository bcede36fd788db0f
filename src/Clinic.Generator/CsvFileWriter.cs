using System.Text;

namespace Clinic.Generator;

/// <summary>
/// Writes rows as RFC 4180 CSV (UTF-8 without a byte-order mark, "\n" line ends, a cell quoted only when it holds a
/// comma, a quote or a line break), one row at a time: nothing is kept in memory.
/// </summary>
public static class CsvFileWriter
{
    public static long Write(string path, IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return Write(stream, header, rows);
    }

    public static long Write(Stream stream, IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        WriteRow(writer, header);
        long count = 0;
        foreach (var row in rows)
        {
            if (row.Length != header.Count)
                throw new InvalidOperationException($"A row has {row.Length} cells; the header has {header.Count}.");
            WriteRow(writer, row);
            count++;
        }
        return count;
    }

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                writer.Write(',');
            var cell = cells[i];
            if (string.IsNullOrEmpty(cell))
                continue;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
                writer.Write(cell);
        }
        writer.WriteLine();
    }
}
