using Clinic.Data.Billing;
using Clinic.Web.Components.Billing;
using Clinic.Web.Components.Shared;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Clinic.Web.Export;

/// <summary>
/// The PDF of an invoice and of a payment's receipt, with the same content as the printed pages
/// (Components/Print/PrintInvoice.razor, PrintPaymentReceipt.razor): the clinic's letterhead, the invoice's lines and
/// totals or the payment, all as invoice_get returned them. Layout only: every number is the database's, written by
/// <see cref="Format"/>. A4 portrait; long invoices continue on further pages.
/// </summary>
public static class BillingPdf
{
    private const double Margin = 40;
    private const string FontName = PdfFonts.Family;

    public static byte[] Invoice(InvoiceDetail detail)
    {
        var h = detail.Header;
        var cur = h.CurrencyCode;
        var doc = new Writer($"Invoice {BillingDisplay.InvoiceNumber(h.InvoiceNumber, h.InvoiceId)}");
        doc.Letterhead(h);
        doc.TitleRow(h.Status == "draft" ? "Draft invoice" : "Invoice",
        [
            $"No. {BillingDisplay.InvoiceNumber(h.InvoiceNumber, h.InvoiceId)}",
            $"Date {Format.Date(h.IssuedAt ?? h.CreatedAt)}",
            $"Status {BillingDisplay.Status(h.Status)}",
        ]);
        if (h.Status == "void")
            doc.Stamp($"VOID {Format.Date(h.VoidedAt)}: {h.VoidReason}");
        doc.Facts(
        [
            ("Patient", h.PatientName), ("MRN", h.Mrn),
            ("Issued by", h.IssuedByName ?? ""), ("Due", Format.Date(h.DueDate)),
        ]);
        if (detail.Insurance is { } ins)
            doc.Facts([("Insurer", $"{ins.PayerName} · {ins.PlanName}"), ("Member no.", ins.MemberNumber)]);

        var split = h.InsurerShare != 0;
        var columns = split
            ? new[] { ("Date", 62.0, false), ("Description", 0.0, false), ("Qty", 34.0, true), ("Unit price", 70.0, true), ("Amount", 74.0, true), ("Patient", 70.0, true), ("Insurer", 70.0, true) }
            : new[] { ("Date", 62.0, false), ("Description", 0.0, false), ("Qty", 40.0, true), ("Unit price", 84.0, true), ("Amount", 90.0, true) };
        doc.Table(columns, detail.Lines.Select(l => split
            ? new[] { Format.Date(l.ServiceDate), l.Description, Format.Quantity(l.Quantity), Format.Money(l.UnitPrice, cur), Format.Money(l.Amount, cur),
                      Format.Money(l.PatientShare, cur), Format.Money(l.InsurerShare, cur) }
            : new[] { Format.Date(l.ServiceDate), l.Description, Format.Quantity(l.Quantity), Format.Money(l.UnitPrice, cur), Format.Money(l.Amount, cur) }));

        var totals = new List<(string, string, bool)> { ("Subtotal", Format.Money(h.Subtotal, cur), false) };
        if (h.AdjustmentTotal != 0)
            totals.Add(("Discounts and waivers", "-" + Format.Money(h.AdjustmentTotal, cur), false));
        if (h.CreditTotal != 0)
            totals.Add(("Credit notes", "-" + Format.Money(h.CreditTotal, cur), false));
        totals.Add(("Total", Format.Money(h.Total, cur), true));
        totals.Add(("Paid", Format.Money(h.PaidTotal, cur), false));
        totals.Add(("Balance", Format.Money(h.Balance, cur), true));
        if (split)
        {
            totals.Add(("Patient's share", Format.Money(h.PatientShare, cur), false));
            totals.Add(("Insurer's share", Format.Money(h.InsurerShare, cur), false));
        }
        doc.Totals(totals);

        if (detail.Payments.Count > 0)
        {
            doc.Heading("Payments");
            doc.Table([("Receipt", 80.0, false), ("Date", 90.0, false), ("Method", 0.0, false), ("Amount", 90.0, true)],
                detail.Payments.Select(p => new[] { p.ReceiptNumber, Format.DateTime(p.ReceivedAt), BillingDisplay.Method(p.Method), Format.Money(p.Amount, cur) }));
        }
        if (detail.CreditNotes.Count > 0)
        {
            doc.Heading("Credit notes");
            doc.Table([("Number", 80.0, false), ("Date", 90.0, false), ("Reason", 0.0, false), ("Amount", 90.0, true)],
                detail.CreditNotes.Select(n => new[] { n.CreditNoteNumber, Format.Date(n.CreatedAt), n.Reason, Format.Money(n.Amount, cur) }));
        }
        doc.Footnote("Please quote the invoice number with every payment.");
        return doc.Save();
    }

    public static byte[] Receipt(InvoiceDetail detail, InvoicePaymentRow payment)
    {
        var h = detail.Header;
        var cur = h.CurrencyCode;
        var doc = new Writer($"Receipt {payment.ReceiptNumber}");
        doc.Letterhead(h);
        doc.TitleRow("Payment receipt", [$"Receipt {payment.ReceiptNumber}", Format.DateTime(payment.ReceivedAt)]);
        var method = BillingDisplay.Method(payment.Method);
        var reference = string.Join(" · ", new[] { payment.Provider, payment.Reference }.Where(x => !string.IsNullOrWhiteSpace(x)));
        doc.Facts(
        [
            ("Patient", h.PatientName), ("MRN", h.Mrn),
            ("Invoice", BillingDisplay.InvoiceNumber(h.InvoiceNumber, h.InvoiceId)), ("Received by", payment.ReceivedByName),
            ("Method", method), ("Reference", reference),
        ]);
        var rows = new List<(string, string, bool)> { ("Amount received", Format.Money(payment.Amount, cur), true) };
        if (payment.Tendered is { } tendered)
            rows.Add(("Cash handed over", Format.Money(tendered, cur), false));
        if (payment.ToCredit > 0)
            rows.Add(("Kept as the patient's credit", Format.Money(payment.ToCredit, cur), false));
        if (payment.RefundedTotal > 0)
            rows.Add(("Refunded", Format.Money(payment.RefundedTotal, cur), false));
        rows.Add(("Invoice total", Format.Money(h.Total, cur), false));
        rows.Add(("Paid on the invoice", Format.Money(h.PaidTotal, cur), false));
        rows.Add(("Balance now", Format.Money(h.Balance, cur), true));
        doc.Totals(rows);
        doc.Footnote("Thank you. Keep this receipt.");
        return doc.Save();
    }

    /// <summary>A top-to-bottom writer on A4 pages.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument document = new();
        private XGraphics gfx = default!;
        private PdfPage page = default!;
        private double y;
        private readonly XFont regular, bold, small, title, name;

        public Writer(string documentTitle)
        {
            PdfFonts.EnsureRegistered();
            document.Info.Title = documentTitle;
            regular = new XFont(FontName, 10);
            bold = new XFont(FontName, 10, XFontStyleEx.Bold);
            small = new XFont(FontName, 8.5);
            title = new XFont(FontName, 14, XFontStyleEx.Bold);
            name = new XFont(FontName, 16, XFontStyleEx.Bold);
            NewPage();
        }

        private double Width => page.Width.Point - 2 * Margin;

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        private void Room(double height)
        {
            if (y + height > page.Height.Point - Margin)
                NewPage();
        }

        private void Text(string text, XFont font, double x, double width, bool right = false)
        {
            text = Fit(text, font, width);
            gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, font.Height), right ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        /// <summary>Cuts a text that would not fit its column, with an ellipsis.</summary>
        private string Fit(string text, XFont font, double width)
        {
            if (width <= 0 || gfx.MeasureString(text, font).Width <= width)
                return text;
            while (text.Length > 1 && gfx.MeasureString(text + "…", font).Width > width)
                text = text[..^1];
            return text + "…";
        }

        public void Letterhead(InvoiceHeader h)
        {
            gfx.DrawString(h.ClinicName, name, XBrushes.Black, new XRect(Margin, y, Width, name.Height), XStringFormats.TopCenter);
            y += name.Height + 2;
            foreach (var line in new[] { h.ClinicAddress, string.IsNullOrWhiteSpace(h.ClinicPhone) ? null : "Tel. " + h.ClinicPhone })
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                gfx.DrawString(line, regular, XBrushes.Black, new XRect(Margin, y, Width, regular.Height), XStringFormats.TopCenter);
                y += regular.Height;
            }
            y += 4;
            gfx.DrawLine(new XPen(XColors.Black, 1.5), Margin, y, Margin + Width, y);
            y += 10;
        }

        public void TitleRow(string heading, string[] references)
        {
            var top = y;
            gfx.DrawString(heading.ToUpperInvariant(), title, XBrushes.Black, new XRect(Margin, y, Width / 2, title.Height), XStringFormats.TopLeft);
            foreach (var reference in references)
            {
                Text(reference, regular, Margin + Width / 2, Width / 2, right: true);
                y += regular.Height;
            }
            y = Math.Max(y, top + title.Height) + 8;
        }

        public void Stamp(string text)
        {
            var height = bold.Height + 8;
            gfx.DrawRectangle(new XPen(XColors.Black, 1.5), Margin, y, Width, height);
            y += 4;
            gfx.DrawString(Fit(text, bold, Width - 8), bold, XBrushes.Black, new XRect(Margin, y, Width, bold.Height), XStringFormats.TopCenter);
            y += height;
        }

        /// <summary>Label and value pairs, two pairs a row.</summary>
        public void Facts(IReadOnlyList<(string Label, string Value)> all)
        {
            var facts = all.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToList();
            var half = Width / 2;
            for (var i = 0; i < facts.Count; i += 2)
            {
                Room(regular.Height + 4);
                for (var j = 0; j < 2 && i + j < facts.Count; j++)
                {
                    var x = Margin + j * half;
                    Text(facts[i + j].Label, bold, x, 78);
                    Text(facts[i + j].Value, regular, x + 80, half - 88);
                }
                y += regular.Height + 4;
            }
            y += 6;
        }

        public void Heading(string text)
        {
            Room(bold.Height * 3);
            Text(text, bold, Margin, Width);
            y += bold.Height + 4;
        }

        /// <summary>A bordered table; a column of width 0 takes what the others leave.</summary>
        public void Table((string Header, double Width, bool Right)[] columns, IEnumerable<string[]> rows)
        {
            var fixedWidth = columns.Sum(c => c.Width);
            var widths = columns.Select(c => c.Width > 0 ? c.Width : Width - fixedWidth).ToArray();
            var rowHeight = regular.Height + 6;
            void Row(string[] cells, XFont font, bool shade)
            {
                Room(rowHeight);
                var x = Margin;
                if (shade)
                    gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(238, 238, 238)), Margin, y, Width, rowHeight);
                for (var c = 0; c < columns.Length; c++)
                {
                    gfx.DrawRectangle(new XPen(XColors.Black, 0.6), x, y, widths[c], rowHeight);
                    var saved = y;
                    y += 3;
                    Text(cells[c], font, x + 4, widths[c] - 8, columns[c].Right);
                    y = saved;
                    x += widths[c];
                }
                y += rowHeight;
            }
            Row(columns.Select(c => c.Header).ToArray(), bold, shade: true);
            foreach (var row in rows)
                Row(row, regular, shade: false);
            y += 10;
        }

        /// <summary>The amounts block on the right: label and amount, strong ones in bold over a rule.</summary>
        public void Totals(IReadOnlyList<(string Label, string Amount, bool Strong)> rows)
        {
            var x = Margin + Width / 2;
            var w = Width / 2;
            foreach (var (label, amount, strong) in rows)
            {
                Room(regular.Height + 6);
                if (strong)
                    gfx.DrawLine(new XPen(XColors.Black, 0.6), x, y, x + w, y);
                y += 2;
                Text(label, strong ? bold : regular, x, w * 0.6);
                Text(amount, strong ? bold : regular, x + w * 0.4, w * 0.6, right: true);
                y += regular.Height + 4;
            }
            y += 8;
        }

        public void Footnote(string text)
        {
            Room(small.Height + 12);
            y += 8;
            Text(text, small, Margin, Width);
            y += small.Height;
        }

        public byte[] Save()
        {
            gfx.Dispose();
            using var stream = new MemoryStream();
            document.Save(stream, false);
            return stream.ToArray();
        }
    }
}

/// <summary>
/// Fonts for PDFsharp on any operating system: the Segoe WP faces that ship inside the PDFsharp package
/// (PdfSharp.WPFonts), so nothing is read from the machine's font folders.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Clinic Sans";
    private static readonly object Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "SegoeWPBold" : "SegoeWP", false, italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "SegoeWPBold" => PdfSharp.WPFonts.FontDataHelper.SegoeWPBold,
        _ => PdfSharp.WPFonts.FontDataHelper.SegoeWP,
    };
}
