using Bunit;
using Clinic.Web.Components.Shared;
using Clinic.Web.Export;
using Clinic.Web.Tests.Pharmacy;

namespace Clinic.Web.Tests.Billing;

/// <summary>
/// The shared CSV export of lists (Export/CsvTable.cs, Components/Shared/CsvExportButton.razor): quoting, the guard
/// against spreadsheet formulas, plain numbers, and the button handing the file to the browser.
/// </summary>
public sealed class CsvExportTests : PharmacyTest
{
    private sealed record Row(string? Name, string? Note, decimal? Amount);

    private static readonly CsvColumn<Row>[] Columns =
    [
        CsvColumn<Row>.Text("Name", r => r.Name),
        CsvColumn<Row>.Text("Note", r => r.Note),
        CsvColumn<Row>.Number("Amount", r => r.Amount),
    ];

    [Test]
    public void Writes_the_header_and_one_crlf_line_per_row_quoting_commas_quotes_and_line_breaks()
    {
        var csv = CsvTable.Build(Columns,
        [
            new Row("Nakato, Mary", "said \"later\"", 12_000m),
            new Row("Okot", "two\nlines", 0.5m),
            new Row(null, "", null),
        ]);

        Assert.That(csv, Is.EqualTo(
            "Name,Note,Amount\r\n" +
            "\"Nakato, Mary\",\"said \"\"later\"\"\",12000\r\n" +
            "Okot,\"two\nlines\",0.5\r\n" +
            ",,\r\n"));
    }

    [TestCase("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [TestCase("+256772123456", "'+256772123456")]
    [TestCase("-2+3", "'-2+3")]
    [TestCase("@cmd", "'@cmd")]
    [TestCase("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [TestCase("a=b", "a=b")]
    public void Text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(string note, string expected)
    {
        var csv = CsvTable.Build(Columns, [new Row("x", note, null)]);
        Assert.That(csv.Split("\r\n")[1], Is.EqualTo($"x,{expected},"));
    }

    [Test]
    public void Amounts_stay_plain_numbers_so_a_shortage_is_a_negative_number_not_text()
    {
        var csv = CsvTable.Build(Columns, [new Row("short", "-500", -500m), new Row("over", null, 1_250.75m)]);
        Assert.That(csv.Split("\r\n")[1..3], Is.EqualTo(new[] { "short,'-500,-500", "over,,1250.75" }),
            "typed text starting with - is guarded; the amount from the database is a number");
    }

    [Test]
    public void The_button_reads_the_rows_when_pressed_and_hands_the_file_to_the_browser()
    {
        var module = Context.JSInterop.SetupModule("./js/csv-download.js");
        module.SetupVoid("download", _ => true);
        RenderProvidersWith();
        var reads = 0;
        var button = Context.Render<CsvExportButton<Row>>(p => p
            .Add(x => x.FileName, "rows.csv")
            .Add(x => x.Columns, Columns)
            .Add(x => x.Items, () => { reads++; return Task.FromResult<IEnumerable<Row>>([new Row("=1+1", "ok", 3m)]); })
            .Add(x => x.TestId, "rows-export"));
        Assert.That(reads, Is.EqualTo(0), "nothing is read before the button is pressed");

        button.Find("[data-testid=rows-export]").Click();

        WaitUntil(button, () => Assert.That(module.Invocations, Has.Count.EqualTo(1)));
        var call = module.Invocations.Single();
        Assert.That(call.Identifier, Is.EqualTo("download"));
        Assert.That(call.Arguments[0], Is.EqualTo("rows.csv"));
        Assert.That(call.Arguments[1], Is.EqualTo("text/csv;charset=utf-8"));
        Assert.That(call.Arguments[2], Is.EqualTo("Name,Note,Amount\r\n'=1+1,ok,3\r\n"));
        Assert.That(reads, Is.EqualTo(1));
    }

    [Test]
    public void A_refused_read_shows_the_database_sentence_and_downloads_nothing()
    {
        var module = Context.JSInterop.SetupModule("./js/csv-download.js");
        module.SetupVoid("download", _ => true);
        RenderProvidersWith();
        var button = Context.Render<CsvExportButton<Row>>(p => p
            .Add(x => x.FileName, "rows.csv")
            .Add(x => x.Columns, Columns)
            .Add(x => x.Items, () => Task.FromException<IEnumerable<Row>>(new Clinic.Data.Common.ClinicRuleException(50102, "Your role is not allowed to do this."))));

        button.Find("[data-testid=export-csv]").Click();

        WaitUntil(button, () => Assert.That(SnackbarText, Does.Contain("Your role is not allowed to do this.")));
        Assert.That(module.Invocations, Is.Empty);
    }
}
