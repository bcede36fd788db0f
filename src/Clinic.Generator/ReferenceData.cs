using System.Reflection;

namespace Clinic.Generator;

/// <summary>
/// The lists the generated clinic draws from, kept as text files in src/Clinic.Generator/Data and embedded in the
/// assembly: Ugandan given names (female, male), family names, the districts of Uganda and the pharmacy catalogue.
/// One entry a line; blank lines and lines starting with '#' are skipped.
/// </summary>
public static class ReferenceData
{
    public static IReadOnlyList<string> FemaleGivenNames { get; } = Read("given-female.txt");
    public static IReadOnlyList<string> MaleGivenNames { get; } = Read("given-male.txt");
    public static IReadOnlyList<string> FamilyNames { get; } = Read("family.txt");
    public static IReadOnlyList<string> Districts { get; } = Read("districts.txt");

    /// <summary>name|generic substance|form|strength|unit price|reorder level.</summary>
    public static IReadOnlyList<Medication> Medications { get; } = Read("medications.txt").Select(line =>
    {
        var f = line.Split('|');
        return new Medication(f[0], f[1], f[2], f[3], int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture));
    }).ToArray();

    /// <summary>
    /// The third digit of Ugandan mobile numbers (07X..., ten digits, as phone_normalize accepts them): Airtel 070, 074 and
    /// 075, MTN 076, 077, 078 and 079 (the smaller networks' 071-073 are left out).
    /// </summary>
    public static IReadOnlyList<char> MobilePrefixDigits { get; } = ['0', '4', '5', '6', '7', '8', '9'];

    public sealed record Medication(string Name, string Substance, string Form, string Strength, int UnitPrice, int ReorderLevel);

    private static string[] Read(string file)
    {
        var name = $"Clinic.Generator.Data.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The list {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();
    }
}
