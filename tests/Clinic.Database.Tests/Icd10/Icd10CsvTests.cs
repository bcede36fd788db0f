using Clinic.Database.Icd10;

namespace Clinic.Database.Tests.Icd10;

/// <summary>The ICD-10 CSV reader of clinic-db import-icd10: RFC 4180 quoting, optional header, every bad line reported.</summary>
public class Icd10CsvTests
{
    [Test]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks_and_skips_the_header()
    {
        const string csv = "code,title,chapter\r\n" +
                           "A01.0,Typhoid fever,I\r\n" +
                           "\"B50.9\",\"Plasmodium falciparum malaria, unspecified\"\r\n" +
                           "R99,\"Other \"\"ill-defined\"\" causes\",XVIII\n" +
                           "\n" +
                           "Z99.8,\"Dependence on other\nenabling machines\",\n" +
                           "e119,Type 2 diabetes mellitus without complications";

        var (rows, errors) = Icd10Csv.Parse(csv);

        Assert.That(errors, Is.Empty);
        Assert.That(rows.Select(r => (r.Line, r.Code, r.Title, r.Chapter)), Is.EqualTo(new[]
        {
            (2, "A01.0", "Typhoid fever", (string?)"I"),
            (3, "B50.9", "Plasmodium falciparum malaria, unspecified", null),
            (4, "R99", "Other \"ill-defined\" causes", "XVIII"),
            (6, "Z99.8", "Dependence on other\nenabling machines", null),
            (8, "E11.9", "Type 2 diabetes mellitus without complications", null),
        }));
    }

    [Test]
    public void A_file_without_a_header_starts_with_data_and_a_byte_order_mark_is_ignored()
    {
        var (rows, errors) = Icd10Csv.Parse("\uFEFFA00.9,\"Cholera, unspecified\"\nA01.0,Typhoid fever\n");

        Assert.That(errors, Is.Empty);
        Assert.That(rows.Select(r => r.Code), Is.EqualTo(new[] { "A00.9", "A01.0" }));
    }

    [Test]
    public void Every_bad_record_is_reported_with_its_line_number()
    {
        var csv = "code,title\n" +
                           "A01.0,Typhoid fever\n" +
                           "11A,Not a code\n" +
                           "A02.0,\n" +
                           "A03.9\n" +
                           "A04.7,Too,many,fields\n" +
                           "a01.0,Typhoid again\n" +
                           "A05.9,Bad \"quote\n" +
                           $"A06.0,{new string('x', 256)}\n" +
                           "A07.1,Giardiasis,ABCDEFGHI\n" +
                           "A08.0,\"Never closed\n";

        var (_, errors) = Icd10Csv.Parse(csv);

        Assert.That(errors.Select(e => e.Line), Is.EqualTo(new[] { 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
        Assert.That(errors[0].Message, Does.Contain("'11A' is not an ICD-10 code"));
        Assert.That(errors[1].Message, Does.Contain("title is empty"));
        Assert.That(errors[2].Message, Does.Contain("found 1"));
        Assert.That(errors[3].Message, Does.Contain("found 4"));
        Assert.That(errors[4].Message, Does.Contain("A01.0 is already on line 2"));
        Assert.That(errors[5].Message, Does.Contain("quote"));
        Assert.That(errors[6].Message, Does.Contain("longer than 255"));
        Assert.That(errors[7].Message, Does.Contain("chapter is longer than 8"));
        Assert.That(errors[8].Message, Does.Contain("not closed"));
    }

    [Test]
    public void An_empty_file_is_an_error()
    {
        Assert.That(Icd10Csv.Parse("code,title\n\n").Errors.Single().Message, Does.Contain("no codes"));
    }

    [TestCase(" a000 ", "A00.0")]
    [TestCase("B50", "B50")]
    [TestCase("E119", "E11.9")]
    [TestCase("s72.00", "S72.00")]
    public void Codes_are_normalised(string raw, string code) => Assert.That(Icd10Csv.NormaliseCode(raw), Is.EqualTo(code));
}
