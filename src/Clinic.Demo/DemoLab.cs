using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Generator;

namespace Clinic.Demo;

/// <summary>
/// What one run of <see cref="DemoLab.SeedAsync"/> did: the tests and bands it created (none when the catalogue already had
/// them all), and the id of every demo test by code, created now or earlier, for adding orders.
/// </summary>
public sealed record DemoLabSummary(bool AlreadyLoaded, int TestsCreated, int RangesCreated, IReadOnlyDictionary<string, int> TestIds, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: the laboratory's catalogue (<see cref="ClinicModel.LabCatalogue"/>, the list the generated clinic orders
/// from too), created through the procedures as the demo administrator. Idempotent: a test whose code is already in the
/// catalogue is left as it is (with its ranges).
/// </summary>
public static class DemoLab
{
    /// <summary>The codes of the demo tests, in catalogue order.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. ClinicModel.LabCatalogue.Select(p => p.Code)];

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
        foreach (var plan in ClinicModel.LabCatalogue)
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
        var plan = ClinicModel.LabCatalogue.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{code} is not a demo lab test.", nameof(code));
        if (plan.Texts is { Length: > 0 } texts)
            return (null, random.Next(4) == 0 ? texts[1 + random.Next(texts.Length - 1)] : texts[0]);
        var band = plan.Bands.FirstOrDefault(b => b.Sex == sex && b.Min == ClinicModel.AdultAge)
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
