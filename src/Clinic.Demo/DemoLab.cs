using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Lab;

namespace Clinic.Demo;

/// <summary>
/// What one run of <see cref="DemoLab.SeedAsync"/> did: the tests and bands it created (none when the catalogue already had
/// them all), and the id of every demo test by code, created now or earlier, for adding orders.
/// </summary>
public sealed record DemoLabSummary(bool AlreadyLoaded, int TestsCreated, int RangesCreated, IReadOnlyDictionary<string, int> TestIds, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: a lab catalogue of common tests at a Kampala clinic, with units, specimens, prices in Uganda shillings and
/// reference ranges (sex-specific adult bands and children's bands where they differ), created through the procedures as the
/// demo administrator. Idempotent: a test whose code is already in the catalogue is left as it is (with its ranges).
/// Reference values are typical adult/child values from common laboratory handbooks, rounded; a clinic edits them on
/// /admin/lab-tests to match its own analysers.
/// </summary>
public static class DemoLab
{
    private const int Adult = 15;
    private const int NoLimit = 150;

    private sealed record Band(string Sex, int Min, int Max, decimal? Low, decimal? High);

    /// <summary>A catalogue entry; <paramref name="Texts"/> are the usual text results of a test without a unit.</summary>
    private sealed record Plan(string Code, string Name, string Specimen, string? Unit, decimal Price, Band[] Bands, string[]? Texts = null);

    private static Band Any(decimal? low, decimal? high, int min = 0, int max = NoLimit) => new(LabRangeSex.Any, min, max, low, high);
    private static Band Female(decimal? low, decimal? high, int min = Adult, int max = NoLimit) => new(LabRangeSex.Female, min, max, low, high);
    private static Band Male(decimal? low, decimal? high, int min = Adult, int max = NoLimit) => new(LabRangeSex.Male, min, max, low, high);

    private static readonly Plan[] Catalogue =
    [
        // Full blood count components.
        new("HB", "Haemoglobin", "Blood (EDTA)", "g/dL", 8_000m,
            [Any(11.0m, 14.0m, 0, 5), Any(11.5m, 15.5m, 5, 12), Any(12.0m, 16.0m, 12, Adult), Any(12.0m, 17.5m, Adult), Female(12.0m, 15.5m), Male(13.5m, 17.5m)]),
        new("WBC", "White blood cell count", "Blood (EDTA)", "x10^9/L", 8_000m, [Any(6.0m, 17.5m, 0, 2), Any(5.0m, 15.0m, 2, 12), Any(4.0m, 11.0m, 12)]),
        new("PLT", "Platelet count", "Blood (EDTA)", "x10^9/L", 8_000m, [Any(150m, 450m, 0, 12), Any(150m, 400m, 12)]),
        new("HCT", "Haematocrit (PCV)", "Blood (EDTA)", "%", 5_000m,
            [Any(33m, 43m, 0, Adult), Any(36m, 52m, Adult), Female(36m, 46m), Male(40m, 52m)]),
        new("ESR", "Erythrocyte sedimentation rate", "Blood (EDTA)", "mm/h", 5_000m, [Any(null, 10m, 0, Adult), Any(null, 20m, Adult), Female(null, 20m), Male(null, 15m)]),
        // Diabetes.
        new("FBG", "Fasting blood glucose", "Blood (fluoride)", "mmol/L", 5_000m, [Any(3.9m, 5.5m)]),
        new("RBG", "Random blood glucose", "Blood (fluoride)", "mmol/L", 5_000m, [Any(3.9m, 7.8m)]),
        new("HBA1C", "HbA1c (glycated haemoglobin)", "Blood (EDTA)", "%", 45_000m, [Any(4.0m, 5.6m)]),
        // Kidney and electrolytes.
        new("CREA", "Creatinine", "Serum", "µmol/L", 15_000m,
            [Any(20m, 60m, 0, 12), Any(40m, 90m, 12, Adult), Any(45m, 110m, Adult), Female(45m, 90m), Male(60m, 110m)]),
        new("UREA", "Urea", "Serum", "mmol/L", 15_000m, [Any(1.8m, 6.4m, 0, Adult), Any(2.5m, 7.8m, Adult)]),
        new("NA", "Sodium", "Serum", "mmol/L", 15_000m, [Any(135m, 145m)]),
        new("K", "Potassium", "Serum", "mmol/L", 15_000m, [Any(3.5m, 5.1m)]),
        // Liver.
        new("ALT", "Alanine aminotransferase (ALT)", "Serum", "U/L", 15_000m, [Any(null, 45m), Female(null, 35m)]),
        new("AST", "Aspartate aminotransferase (AST)", "Serum", "U/L", 15_000m, [Any(null, 40m)]),
        // Lipids, inflammation, thyroid.
        new("CHOL", "Total cholesterol", "Serum", "mmol/L", 20_000m, [Any(null, 5.2m)]),
        new("CRP", "C-reactive protein", "Serum", "mg/L", 25_000m, [Any(null, 5m)]),
        new("TSH", "Thyroid stimulating hormone (TSH)", "Serum", "mIU/L", 40_000m, [Any(0.7m, 6.0m, 0, 12), Any(0.4m, 4.0m, 12)]),
        // Rapid tests and microscopy: text results.
        new("MRDT", "Malaria rapid diagnostic test (RDT)", "Blood (finger prick)", null, 5_000m, [],
            ["Negative", "Positive (P. falciparum)", "Positive (Pf/Pan)"]),
        new("BS", "Malaria blood smear (microscopy)", "Blood (finger prick)", null, 5_000m, [],
            ["No parasites seen", "P. falciparum seen (+)", "P. falciparum seen (++)"]),
        new("HIV", "HIV rapid test", "Blood (finger prick)", null, 5_000m, [], ["Non-reactive", "Reactive: refer for confirmation"]),
        new("HBSAG", "Hepatitis B surface antigen (HBsAg)", "Serum", null, 10_000m, [], ["Negative", "Positive"]),
        new("URINE", "Urinalysis (dipstick)", "Urine", null, 5_000m, [],
            ["Normal", "Protein +, otherwise normal", "Leucocytes ++, nitrites positive", "Glucose ++"]),
        new("UHCG", "Urine pregnancy test (hCG)", "Urine", null, 3_000m, [], ["Negative", "Positive"]),
    ];

    /// <summary>The codes of the demo tests, in catalogue order.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Catalogue.Select(p => p.Code)];

    /// <summary>Creates the demo tests (and their ranges) that are not in the catalogue yet, as <paramref name="admin"/>.</summary>
    public static async Task<DemoLabSummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, ILogger logger, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var lab = new LabProcedures(runner, admin);

        var existing = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var offset = 0; ; offset += LabProcedures.MaxPageSize)
        {
            var page = await lab.ListTestsAsync(null, null, offset, LabProcedures.MaxPageSize, ct);
            foreach (var test in page)
                existing[test.Code] = test.LabTestId;
            if (page.Count < LabProcedures.MaxPageSize)
                break;
        }

        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int tests = 0, ranges = 0;
        foreach (var plan in Catalogue)
        {
            if (existing.TryGetValue(plan.Code, out var id))
            {
                ids[plan.Code] = id;
                continue;
            }
            id = await lab.CreateTestAsync(new LabTestInput { Code = plan.Code, Name = plan.Name, Specimen = plan.Specimen, Unit = plan.Unit, Price = plan.Price }, ct);
            ids[plan.Code] = id;
            tests++;
            foreach (var band in plan.Bands)
            {
                await lab.SetRangeAsync(new LabReferenceRangeInput
                {
                    LabTestId = id, Sex = band.Sex, AgeMinYears = band.Min, AgeMaxYears = band.Max, LowValue = band.Low, HighValue = band.High,
                }, ct);
                ranges++;
            }
        }

        var summary = new DemoLabSummary(tests == 0, tests, ranges, ids, watch.Elapsed);
        if (tests > 0)
            logger.LogInformation("DEMO MODE: lab catalogue loaded in {Seconds:0.0} s: {Tests} tests, {Ranges} reference ranges.",
                summary.Elapsed.TotalSeconds, tests, ranges);
        return summary;
    }

    /// <summary>
    /// A believable result for a demo order of the test with this code: mostly inside the adult range, sometimes below or above it
    /// (about one in four), or one of the test's usual text results. For demo orders only.
    /// </summary>
    public static (decimal? Value, string? Text) SampleResult(string code, string sex, Random random)
    {
        var plan = Catalogue.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{code} is not a demo lab test.", nameof(code));
        if (plan.Texts is { Length: > 0 } texts)
            return (null, random.Next(4) == 0 ? texts[1 + random.Next(texts.Length - 1)] : texts[0]);
        var band = plan.Bands.FirstOrDefault(b => b.Sex == sex && b.Min == Adult)
            ?? plan.Bands.Where(b => b.Sex == LabRangeSex.Any).OrderByDescending(b => b.Min).First();
        var high = band.High ?? band.Low!.Value * 2;
        var low = band.Low ?? high / 4;
        var width = high - low;
        var value = random.Next(8) switch
        {
            0 => low - width * (decimal)(0.05 + random.NextDouble() * 0.3),
            1 => high + width * (decimal)(0.05 + random.NextDouble() * 0.6),
            _ => low + width * (decimal)random.NextDouble(),
        };
        return (Math.Round(Math.Max(value, 0.1m), high >= 100 ? 0 : 1), null);
    }
}
