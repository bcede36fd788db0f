using System.Globalization;
using Clinic.Data.Reports;
using Clinic.Web.Components.Shared;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Clinic.Web.Export;

/// <summary>
/// A report as a PDF (PDFsharp): the report's title and description, its range (or "snapshot of" a day), when it
/// was made, and a table of its rows on A4 landscape pages, the header row repeated on every page and each page
/// numbered. Rows are laid out as they are read from the server; the document itself is held until it is saved.
/// Layout only: the titles, rows and figures are the database's.
/// </summary>
public static class ReportPdf
{
    private const double Margin = 36;

    public static async Task<int> WriteAsync(ReportRun run, Stream output, CancellationToken ct = default)
    {
        var writer = new Writer(run.Header, run.Columns, run.ColumnTypes);
        var count = 0;
        await foreach (var row in run.ReadRowsAsync(ct))
        {
            writer.Row(row.Select(Cell).ToArray());
            count++;
        }
        writer.End(count);
        using var buffer = new MemoryStream();
        writer.Save(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
        return count;
    }

    /// <summary>How a value reads in the PDF: days as yyyy-MM-dd, numbers with thousands separators, NULL as empty.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => Format.Date(d),
        DateTime d => Format.DateTime(d),
        decimal n => n.ToString("#,0.####", CultureInfo.InvariantCulture),
        double n => n.ToString("#,0.####", CultureInfo.InvariantCulture),
        long n => n.ToString("#,0", CultureInfo.InvariantCulture),
        int n => n.ToString("#,0", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>no_show_rate reads "No show rate".</summary>
    public static string Heading(string column)
    {
        var words = column.Replace('_', ' ').Trim();
        return words.Length == 0 ? column : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static bool IsNumber(Type type) =>
        type == typeof(decimal) || type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int)
        || type == typeof(short) || type == typeof(ulong) || type == typeof(uint) || type == typeof(sbyte) || type == typeof(byte);

    private sealed class Writer
    {
        private readonly PdfDocument document = new();
        private readonly ReportHeader header;
        private readonly string[] headings;
        private readonly bool[] right;
        private readonly double[] widths;
        private readonly XFont regular, bold, small, title;
        private XGraphics gfx = default!;
        private PdfPage page = default!;
        private double y;
        private int pageNumber;

        public Writer(ReportHeader header, IReadOnlyList<string> columns, IReadOnlyList<Type> types)
        {
            PdfFonts.EnsureRegistered();
            this.header = header;
            document.Info.Title = header.Title;
            regular = new XFont(PdfFonts.Family, 8.5);
            bold = new XFont(PdfFonts.Family, 8.5, XFontStyleEx.Bold);
            small = new XFont(PdfFonts.Family, 8);
            title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
            headings = columns.Select(Heading).ToArray();
            right = types.Select(IsNumber).ToArray();
            NewPage();
            // Text columns get twice the room of number and date columns.
            var weights = types.Select(t => t == typeof(string) ? 2.0 : 1.0).ToArray();
            var total = Math.Max(weights.Sum(), 1);
            widths = weights.Select(w => Width * w / total).ToArray();
            Top();
        }

        private double Width => page.Width.Point - 2 * Margin;

        private double RowHeight => regular.Height + 5;

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            gfx = XGraphics.FromPdfPage(page);
            pageNumber++;
            y = Margin;
            var footer = $"{header.Title} · page {pageNumber.ToString(CultureInfo.InvariantCulture)}";
            gfx.DrawString(footer, small, XBrushes.Gray, new XRect(Margin, page.Height.Point - Margin + 8, Width, small.Height), XStringFormats.TopRight);
        }

        private void Text(string text, XFont font, double x, double width, bool alignRight = false, XBrush? brush = null)
        {
            text = Fit(text, font, width);
            gfx.DrawString(text, font, brush ?? XBrushes.Black, new XRect(x, y, width, font.Height),
                alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        private string Fit(string text, XFont font, double width)
        {
            if (width <= 0 || gfx.MeasureString(text, font).Width <= width)
                return text;
            while (text.Length > 1 && gfx.MeasureString(text + "…", font).Width > width)
                text = text[..^1];
            return text + "…";
        }

        /// <summary>The first page's title block, then the table's header row.</summary>
        private void Top()
        {
            Text(header.Title, title, Margin, Width);
            y += title.Height + 4;
            foreach (var line in Wrap(header.Description, regular, Width))
            {
                Text(line, regular, Margin, Width, brush: XBrushes.DimGray);
                y += regular.Height;
            }
            y += 4;
            var range = header.RangeFrom is { } from && header.RangeTo is { } to
                ? $"From {Format.Date(from)} to {Format.Date(to)}"
                : $"Snapshot of {Format.Date(header.GeneratedAt)}: the date range does not apply";
            Text($"{range} · made {Format.DateTime(header.GeneratedAt)}", bold, Margin, Width);
            y += bold.Height + 10;
            HeaderRow();
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var next = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx.MeasureString(next, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = next;
                }
            }
            if (line.Length > 0)
                yield return line;
        }

        private void HeaderRow() => Draw(headings, bold, shade: true);

        private void Draw(string[] cells, XFont font, bool shade)
        {
            var x = Margin;
            if (shade)
                gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(232, 236, 242)), Margin, y, Width, RowHeight);
            for (var c = 0; c < widths.Length; c++)
            {
                gfx.DrawRectangle(new XPen(XColors.Gray, 0.4), x, y, widths[c], RowHeight);
                var saved = y;
                y += 2.5;
                Text(c < cells.Length ? cells[c] : "", font, x + 3, widths[c] - 6, right[c]);
                y = saved;
                x += widths[c];
            }
            y += RowHeight;
        }

        public void Row(string[] cells)
        {
            if (y + RowHeight > page.Height.Point - Margin)
            {
                NewPage();
                HeaderRow();
            }
            Draw(cells, regular, shade: false);
        }

        public void End(int count)
        {
            if (y + regular.Height + 10 > page.Height.Point - Margin)
                NewPage();
            y += 6;
            Text(count == 0 ? "No rows: nothing was recorded in this range." : count == 1 ? "1 row." : $"{count:N0} rows.",
                regular, Margin, Width, brush: XBrushes.DimGray);
        }

        public void Save(Stream stream)
        {
            gfx.Dispose();
            document.Save(stream, false);
        }
    }
}
