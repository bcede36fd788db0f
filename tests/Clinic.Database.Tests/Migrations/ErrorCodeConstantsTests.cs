using System.Reflection;
using System.Text.RegularExpressions;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;

namespace Clinic.Database.Tests.Migrations;

/// <summary>
/// db/ERRORS.md is the one list of error codes. The data layer names some of them as constants (the four
/// <c>*Codes</c> classes and a few constants beside the procedures classes) so that screens can react to one
/// refusal; each constant must name a code listed there, and the <c>*Codes</c> classes stay in their area.
/// </summary>
public partial class ErrorCodeConstantsTests
{
    /// <summary>The areas of db/ERRORS.md's header that each *Codes class belongs to (first and last code).</summary>
    private static readonly Dictionary<Type, (int First, int Last)> Areas = new()
    {
        [typeof(PrescriptionCodes)] = (50901, 50999),
        [typeof(MedicationCodes)] = (51001, 51009),
        [typeof(StockCodes)] = (51011, 51029),
        [typeof(DispensingCodes)] = (51041, 51049),
    };

    [GeneratedRegex(@"^\|\s*(\d{5})\s*\|", RegexOptions.Multiline)]
    private static partial Regex ListedCode();

    private static HashSet<int> Listed()
    {
        var errorsMd = File.ReadAllText(Path.Combine(ScriptCatalogTests.RepoRoot(), "db", "ERRORS.md"));
        return ListedCode().Matches(errorsMd).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
    }

    /// <summary>Every public integer constant of Clinic.Data that looks like a rule's code (5xxxx).</summary>
    private static IEnumerable<(Type Type, string Name, int Code)> Constants() =>
        typeof(ClinicRuleException).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .Select(f => (t, f.Name, (int)f.GetRawConstantValue()!)))
            .Where(c => c.Item3 is >= 50000 and <= 59999);

    [Test]
    public void Every_error_code_constant_of_the_data_layer_is_listed_in_ERRORS_md()
    {
        var listed = Listed();
        var constants = Constants().ToList();
        Assert.That(constants.Select(c => c.Type).Distinct(), Is.SupersetOf(Areas.Keys), "the *Codes classes are found");
        foreach (var (type, name, code) in constants)
            Assert.That(listed, Does.Contain(code), $"{type.Name}.{name} = {code} is not in db/ERRORS.md");
    }

    [Test]
    public void Each_Codes_class_holds_only_codes_of_its_area_each_once()
    {
        foreach (var (type, (first, last)) in Areas)
        {
            var codes = Constants().Where(c => c.Type == type).ToList();
            Assert.That(codes, Is.Not.Empty, type.Name);
            foreach (var (_, name, code) in codes)
                Assert.That(code, Is.InRange(first, last), $"{type.Name}.{name} = {code} is outside {first}-{last}");
            Assert.That(codes.Select(c => c.Code), Is.Unique, $"{type.Name} names a code twice");
        }
    }

    /// <summary>
    /// Words of a constant's row in ERRORS.md where the constant's name does not say it in the row's own words
    /// (key: Type.Name). Every other constant must share a word (its first five letters) of its name with its row.
    /// </summary>
    private static readonly Dictionary<string, string> RowWords = new()
    {
        ["LabProcedures.Final"] = "verified or cancelled",
        ["ClinicSessionEndedException.Expired"] = "at most",
        ["DispensingCodes.BadQuantity"] = "dispense 1 to",
        ["PrescriptionCodes.ItemCount"] = "1 to 30 medications",
        ["PrescriptionCodes.InactiveMedication"] = "no longer active",
        ["PrescriptionCodes.TextTooLong"] = "at most 500 characters",
        ["PrescriptionCodes.Final"] = "already dispensed or cancelled",
        ["PrescriptionCodes.FixedFields"] = "cannot change",
        ["StockCodes.UnknownLot"] = "stock lot does not exist",
    };

    [GeneratedRegex(@"[A-Z][a-z]+")]
    private static partial Regex NameWord();

    private static Dictionary<int, string> Rows()
    {
        var errorsMd = File.ReadAllText(Path.Combine(ScriptCatalogTests.RepoRoot(), "db", "ERRORS.md"));
        return Regex.Matches(errorsMd, @"^\|\s*(\d{5})\s*\|.*$", RegexOptions.Multiline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Value);
    }

    /// <summary>A constant with the wrong number (say AllergyConflict = 50921, a code that is listed) fails here.</summary>
    [Test]
    public void Each_constant_names_the_rule_of_its_row_in_ERRORS_md()
    {
        var rows = Rows();
        foreach (var (type, name, code) in Constants())
        {
            Assert.That(rows.TryGetValue(code, out var row), Is.True, $"{type.Name}.{name} = {code} is not in db/ERRORS.md");
            if (RowWords.TryGetValue($"{type.Name}.{name}", out var words))
            {
                Assert.That(row, Does.Contain(words).IgnoreCase, $"{type.Name}.{name} = {code}: the row does not say \"{words}\"");
                continue;
            }
            var stems = NameWord().Matches(name).Select(m => m.Value).Where(w => w.Length >= 4)
                .Select(w => w[..Math.Min(5, w.Length)].ToLowerInvariant()).ToList();
            Assert.That(stems.Any(stem => row!.Contains(stem, StringComparison.OrdinalIgnoreCase)), Is.True,
                $"{type.Name}.{name} = {code}: none of its name's words ({string.Join(", ", stems)}) is in the row: {row}");
        }
    }

    [Test]
    public void The_check_can_fail_a_made_up_code_is_not_listed() =>
        Assert.That(Listed(), Does.Not.Contain(59999).And.Contain(PrescriptionCodes.AllergyConflict));
}
