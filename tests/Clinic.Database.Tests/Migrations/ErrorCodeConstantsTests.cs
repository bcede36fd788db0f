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

    [Test]
    public void The_check_can_fail_a_made_up_code_is_not_listed() =>
        Assert.That(Listed(), Does.Not.Contain(59999).And.Contain(PrescriptionCodes.AllergyConflict));
}
