using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The generated clinic's laboratory: the catalogue it orders from (<see cref="LabCatalogue"/>, which the demo
/// clinic creates too; the loader creates the tests a database lacks
/// through the catalogue's procedures, since a freshly provisioned database has none and the import has no kind for
/// them), and lab_orders.csv: the tests ordered on the completed visits of visits.csv, chosen by the visit's condition
/// (malaria: RDT, sometimes a smear and haemoglobin for the pallor; diabetes: glucose and HbA1c; kidney disease:
/// creatinine, urea, electrolytes; UTI: urinalysis; antenatal: haemoglobin, HIV, urinalysis; ...), with values for the
/// patient's sex and age on the day (mostly inside the range, out of it as the condition makes likely), times during
/// and after the visit on its own day, mostly verified by the treating doctor, some resulted only (the last days),
/// a few cancelled with a reason. Its own random stream (7), so the other files do not change.
/// </summary>
public sealed partial class ClinicModel
{
    /// <summary>A reference range band: sex any, female or male, ages [Min, Max) in whole years.</summary>
    public sealed record LabBand(string Sex, int Min, int Max, decimal? Low, decimal? High);

    /// <summary>
    /// A catalogue test; <paramref name="Decimals"/>: how its values are written; a test without bands is reported as text,
    /// <paramref name="Texts"/> its usual answers (the normal one first).
    /// </summary>
    public sealed record LabTest(string Code, string Name, string Specimen, string? Unit, decimal Price, int Decimals, LabBand[] Bands,
        int MinutesToResult, string[]? Texts = null);

    /// <summary>From this age (in whole years) a patient is read against the adult and the sex-specific bands.</summary>
    public const int AdultAge = 15;

    private static LabBand AnyBand(decimal? low, decimal? high, int min = 0, int max = 150) => new("any", min, max, low, high);
    private static LabBand FemaleBand(decimal? low, decimal? high) => new("female", AdultAge, 150, low, high);
    private static LabBand MaleBand(decimal? low, decimal? high) => new("male", AdultAge, 150, low, high);

    /// <summary>
    /// The laboratory's catalogue, the one list of it in the repository: the demo clinic (src/Clinic.Demo/DemoLab.cs) and the
    /// generated clinic create these tests, and the generated clinic orders from them. Common tests at a Kampala clinic, with
    /// units, specimens, prices in Uganda shillings and reference ranges (sex-specific adult bands and children's bands where
    /// they differ): typical values from common laboratory handbooks, rounded; a clinic edits them on /admin/lab-tests to
    /// match its own analysers.
    /// </summary>
    public static readonly IReadOnlyList<LabTest> LabCatalogue =
    [
        // Full blood count components.
        new("HB", "Haemoglobin", "Blood (EDTA)", "g/dL", 8_000m, 1,
            [AnyBand(11.0m, 14.0m, 0, 5), AnyBand(11.5m, 15.5m, 5, 12), AnyBand(12.0m, 16.0m, 12, AdultAge), AnyBand(12.0m, 17.5m, AdultAge),
             FemaleBand(12.0m, 15.5m), MaleBand(13.5m, 17.5m)], 60),
        new("WBC", "White blood cell count", "Blood (EDTA)", "x10^9/L", 8_000m, 1,
            [AnyBand(6.0m, 17.5m, 0, 2), AnyBand(5.0m, 15.0m, 2, 12), AnyBand(4.0m, 11.0m, 12)], 60),
        new("PLT", "Platelet count", "Blood (EDTA)", "x10^9/L", 8_000m, 0, [AnyBand(150m, 450m, 0, 12), AnyBand(150m, 400m, 12)], 60),
        new("HCT", "Haematocrit (PCV)", "Blood (EDTA)", "%", 5_000m, 0,
            [AnyBand(33m, 43m, 0, AdultAge), AnyBand(36m, 52m, AdultAge), FemaleBand(36m, 46m), MaleBand(40m, 52m)], 45),
        new("ESR", "Erythrocyte sedimentation rate", "Blood (EDTA)", "mm/h", 5_000m, 0,
            [AnyBand(null, 10m, 0, AdultAge), AnyBand(null, 20m, AdultAge), FemaleBand(null, 20m), MaleBand(null, 15m)], 90),
        // Diabetes.
        new("FBG", "Fasting blood glucose", "Blood (fluoride)", "mmol/L", 5_000m, 1, [AnyBand(3.9m, 5.5m)], 40),
        new("RBG", "Random blood glucose", "Blood (fluoride)", "mmol/L", 5_000m, 1, [AnyBand(3.9m, 7.8m)], 30),
        new("HBA1C", "HbA1c (glycated haemoglobin)", "Blood (EDTA)", "%", 45_000m, 1, [AnyBand(4.0m, 5.6m)], 180),
        // Kidney and electrolytes.
        new("CREA", "Creatinine", "Serum", "µmol/L", 15_000m, 0,
            [AnyBand(20m, 60m, 0, 12), AnyBand(40m, 90m, 12, AdultAge), AnyBand(45m, 110m, AdultAge), FemaleBand(45m, 90m), MaleBand(60m, 110m)], 150),
        new("UREA", "Urea", "Serum", "mmol/L", 15_000m, 1, [AnyBand(1.8m, 6.4m, 0, AdultAge), AnyBand(2.5m, 7.8m, AdultAge)], 150),
        new("NA", "Sodium", "Serum", "mmol/L", 15_000m, 0, [AnyBand(135m, 145m)], 150),
        new("K", "Potassium", "Serum", "mmol/L", 15_000m, 1, [AnyBand(3.5m, 5.1m)], 150),
        // Liver.
        new("ALT", "Alanine aminotransferase (ALT)", "Serum", "U/L", 15_000m, 0, [AnyBand(null, 45m), FemaleBand(null, 35m)], 150),
        new("AST", "Aspartate aminotransferase (AST)", "Serum", "U/L", 15_000m, 0, [AnyBand(null, 40m)], 150),
        // Lipids, inflammation, thyroid.
        new("CHOL", "Total cholesterol", "Serum", "mmol/L", 20_000m, 1, [AnyBand(null, 5.2m)], 150),
        new("CRP", "C-reactive protein", "Serum", "mg/L", 25_000m, 0, [AnyBand(null, 5m)], 90),
        new("TSH", "Thyroid stimulating hormone (TSH)", "Serum", "mIU/L", 40_000m, 2, [AnyBand(0.7m, 6.0m, 0, 12), AnyBand(0.4m, 4.0m, 12)], 240),
        // Rapid tests and microscopy: text results.
        new("MRDT", "Malaria rapid diagnostic test (RDT)", "Blood (finger prick)", null, 5_000m, 0, [], 20,
            ["Negative", "Positive (P. falciparum)", "Positive (Pf/Pan)"]),
        new("BS", "Malaria blood smear (microscopy)", "Blood (finger prick)", null, 5_000m, 0, [], 45,
            ["No parasites seen", "P. falciparum seen (+)", "P. falciparum seen (++)"]),
        new("HIV", "HIV rapid test", "Blood (finger prick)", null, 5_000m, 0, [], 20, ["Non-reactive", "Reactive: refer for confirmation"]),
        new("HBSAG", "Hepatitis B surface antigen (HBsAg)", "Serum", null, 10_000m, 0, [], 30, ["Negative", "Positive"]),
        new("URINE", "Urinalysis (dipstick)", "Urine", null, 5_000m, 0, [], 15,
            ["Normal", "Protein +, otherwise normal", "Leucocytes ++, nitrites positive", "Glucose ++"]),
        new("UHCG", "Urine pregnancy test (hCG)", "Urine", null, 3_000m, 0, [], 15, ["Negative", "Positive"]),
    ];

    private static readonly Dictionary<string, LabTest> LabTestByCode = LabCatalogue.ToDictionary(t => t.Code, StringComparer.Ordinal);

    /// <summary>
    /// What each condition orders: (test, how often, how often its result is out of range (high, or low for haemoglobin and
    /// sodium), the doctor's note). Conditions not listed order nothing (dental, eye, wounds, immunisation, ...).
    /// </summary>
    private static readonly Dictionary<string, (string Test, float Share, float Abnormal, string Note)[]> LabByCondition = new(StringComparer.Ordinal)
    {
        ["malaria"] = [("MRDT", 0.85f, 0.8f, "Fever, ?malaria"), ("BS", 0.25f, 0.7f, "Fever, ?malaria"), ("HB", 0.35f, 0.45f, "Pallor: ?anaemia")],
        ["followup"] = [("MRDT", 0.2f, 0.1f, "Test of cure")],
        ["urti"] = [("MRDT", 0.3f, 0.1f, "Fever, exclude malaria")],
        ["ear"] = [("MRDT", 0.3f, 0.1f, "Fever, exclude malaria")],
        ["gastroenteritis"] = [("MRDT", 0.4f, 0.2f, "Fever with diarrhoea"), ("NA", 0.15f, 0.3f, "Dehydration"), ("K", 0.15f, 0.2f, "Dehydration")],
        ["bronchitis"] = [("CRP", 0.5f, 0.7f, "Productive cough"), ("WBC", 0.5f, 0.45f, "Productive cough")],
        ["abscess"] = [("WBC", 0.5f, 0.6f, "Abscess"), ("RBG", 0.3f, 0.2f, "Recurrent abscess: exclude diabetes")],
        ["uti"] = [("URINE", 0.9f, 0.8f, "Dysuria"), ("UHCG", 0.15f, 0.05f, "Before antibiotics")],
        ["pelvic"] = [("UHCG", 0.6f, 0.1f, "Lower abdominal pain"), ("URINE", 0.4f, 0.3f, "Lower abdominal pain")],
        ["familyplanning"] = [("UHCG", 0.5f, 0.02f, "Before contraception")],
        ["antenatal"] = [("HB", 0.7f, 0.3f, "Antenatal profile"), ("HIV", 0.6f, 0.04f, "Antenatal profile"), ("URINE", 0.5f, 0.15f, "Antenatal profile"),
                         ("UHCG", 0.05f, 1f, "Confirm pregnancy")],
        ["diabetes"] = [("RBG", 0.6f, 0.7f, "Diabetes review"), ("FBG", 0.3f, 0.75f, "Diabetes review"), ("HBA1C", 0.5f, 0.75f, "Diabetes review"),
                        ("CREA", 0.25f, 0.2f, "Kidney function on metformin"), ("URINE", 0.2f, 0.4f, "Diabetes review")],
        ["hypertension"] = [("CREA", 0.35f, 0.15f, "Hypertension review"), ("CHOL", 0.3f, 0.45f, "Cardiovascular risk"), ("K", 0.15f, 0.1f, "On treatment"),
                            ("URINE", 0.2f, 0.2f, "Proteinuria?")],
        ["kidney"] = [("CREA", 0.95f, 0.85f, "CKD follow-up"), ("UREA", 0.7f, 0.7f, "CKD follow-up"), ("K", 0.6f, 0.35f, "CKD follow-up"),
                      ("NA", 0.4f, 0.2f, "CKD follow-up"), ("HB", 0.4f, 0.5f, "Anaemia of CKD?")],
        ["heartfailure"] = [("CREA", 0.6f, 0.35f, "On furosemide"), ("NA", 0.5f, 0.3f, "On furosemide"), ("K", 0.5f, 0.25f, "On furosemide"),
                            ("HB", 0.3f, 0.3f, "Breathless: anaemia?")],
        ["chestpain"] = [("CHOL", 0.4f, 0.4f, "Chest pain, risk factors")],
        ["checkup"] = [("RBG", 0.4f, 0.1f, "Screening"), ("CHOL", 0.25f, 0.3f, "Screening"), ("HIV", 0.2f, 0.03f, "Screening")],
        ["certificate"] = [("HIV", 0.1f, 0.02f, "Work medical"), ("HB", 0.2f, 0.05f, "Work medical")],
        ["growth"] = [("HB", 0.3f, 0.3f, "Anaemia screening")],
        ["gastritis"] = [("HB", 0.2f, 0.2f, "Dyspepsia: bleeding?")],
    };

    private static readonly string[] LabCancelReasons =
    [
        "Sample haemolysed", "Clotted sample", "Patient left before the sample was taken", "Reagent out of stock", "Duplicate order",
        "Test done at another facility",
    ];

    /// <summary>The codes of the tests lab_orders.csv may name (for the loader and tests: each must be in the catalogue).</summary>
    public static IEnumerable<string> LabCodesUsed => LabByCondition.Values.SelectMany(v => v.Select(t => t.Test)).Distinct();

    /// <summary>
    /// The lab orders of the completed visits, in visit order: external id L + the appointment's number + the test's place on the
    /// visit, the appointment's external id, the test code, the status, the times (yyyy-MM-dd HH:mm), the result, the cancel
    /// reason, no verifier (the treating doctor verifies) and the doctor's note.
    /// </summary>
    public IEnumerable<string?[]> LabOrders()
    {
        if (_settings.Appointments == 0)
            yield break;
        var patients = PatientRows().Select(p => (p.DateOfBirth, p.Female)).ToArray();
        // Built here, not as a static field: ConditionByName lives in another part of the class (ClinicModel.Visits.cs), and
        // the order in which the parts' static fields are set is not defined.
        var conditionByPrimaryCode = ConditionByName.ToDictionary(c => c.Value.Code, c => c.Key, StringComparer.Ordinal);
        var rng = Stream(7);
        var lastPast = _settings.Today.AddDays(-1);
        using var visits = Visits().GetEnumerator();
        foreach (var a in Appointments())
        {
            if (a[7] != "completed")
                continue;
            if (!visits.MoveNext())
                yield break;
            var visit = visits.Current;
            var primary = visit[14]!.Split(';')[0];
            if (!conditionByPrimaryCode.TryGetValue(primary, out var condition) || !LabByCondition.TryGetValue(condition, out var orders))
                continue;
            var patient = int.Parse(a[1]!.AsSpan(1), CultureInfo.InvariantCulture) - 1;
            var (born, female) = patients[patient];
            var day = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var start = day.ToDateTime(TimeOnly.ParseExact(a[5]!, "HH:mm", CultureInfo.InvariantCulture));
            var minutes = int.Parse(a[6]!, CultureInfo.InvariantCulture);
            var age = day.Year - born.Year - (day.DayOfYear < born.DayOfYear ? 1 : 0);
            var recent = day >= lastPast.AddDays(-1);
            var n = 0;
            foreach (var (code, share, abnormal, note) in orders)
            {
                if (!rng.Bool(share))
                    continue;
                // A pregnancy test only for women of child-bearing age; an antenatal HIV test once is enough.
                if (code == "UHCG" && (!female || age is < 12 or > 55))
                    continue;
                var test = LabTestByCode[code];
                n++;
                var ordered = start.AddMinutes(rng.Number(1, Math.Max(1, minutes - 1)));
                var roll = rng.Double();
                var status = roll < 0.04 ? "cancelled" : roll < (recent ? 0.45 : 0.07) ? "resulted" : "verified";
                string? collected = null, resulted = null, verified = null, cancelled = null, result = null, reason = null;
                if (status == "cancelled")
                {
                    reason = rng.ArrayElement(LabCancelReasons);
                    var taken = reason is "Sample haemolysed" or "Clotted sample";
                    var at = ordered.AddMinutes(rng.Number(5, 20));
                    if (taken)
                        collected = Stamp(at);
                    cancelled = Stamp(at.AddMinutes(rng.Number(10, 60)));
                }
                else
                {
                    var collectedAt = ordered.AddMinutes(rng.Number(3, 30));
                    var resultedAt = collectedAt.AddMinutes(rng.Number(test.MinutesToResult / 2, test.MinutesToResult * 3 / 2));
                    collected = Stamp(collectedAt);
                    resulted = Stamp(resultedAt);
                    if (status == "verified")
                        verified = Stamp(resultedAt.AddMinutes(rng.Number(5, 90)));
                    result = LabResult(rng, test, condition, female, age, rng.Bool(abnormal));
                }
                yield return
                [
                    $"L{a[0]![1..]}-{n}", a[0], code, status, Stamp(ordered), collected, resulted, verified, cancelled, result, reason, null, note,
                ];
            }
        }
    }

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The band of the catalogue that applies (the patient's sex before 'any'), as lab_reference_range_for picks it.</summary>
    public static LabBand? LabBandFor(LabTest test, bool female, int age) =>
        test.Bands.Where(b => (b.Sex == (female ? "female" : "male") || b.Sex == "any") && b.Min <= age && age < b.Max)
            .OrderBy(b => b.Sex == "any").ThenByDescending(b => b.Min).FirstOrDefault();

    /// <summary>
    /// A result for the patient: a text test's usual answer (positive or abnormal when <paramref name="abnormal"/>), or a value
    /// inside the band of the patient's sex and age, or out of it in the direction the condition makes likely.
    /// </summary>
    private static string LabResult(Randomizer rng, LabTest test, string condition, bool female, int age, bool abnormal)
    {
        switch (test.Code)
        {
            case "MRDT":
                return abnormal ? rng.Bool(0.8f) ? "Positive (P. falciparum)" : "Positive (Pf/Pan)" : "Negative";
            case "BS":
                return abnormal ? rng.Bool(0.7f) ? "P. falciparum seen (+)" : "P. falciparum seen (++)" : "No parasites seen";
            case "HIV":
                return abnormal ? "Reactive: refer for confirmation" : "Non-reactive";
            case "UHCG":
                return abnormal ? "Positive" : "Negative";
            case "URINE":
                if (!abnormal)
                    return "Normal";
                return condition switch
                {
                    "uti" or "pelvic" => "Leucocytes ++, nitrites positive",
                    "diabetes" => "Glucose ++",
                    _ => "Protein +, otherwise normal",
                };
        }
        var band = LabBandFor(test, female, age) ?? test.Bands[^1];
        var high = band.High ?? band.Low!.Value * 2;
        var low = band.Low ?? high / 4;
        var width = high - low;
        // Out of range: low for haemoglobin (anaemia) and sodium (diuretics, diarrhoea), high for everything else.
        var downwards = test.Code is "HB" or "NA";
        decimal value;
        if (abnormal && downwards)
            value = low - width * (decimal)(0.05 + rng.Double() * (test.Code == "HB" ? 0.9 : 0.4));
        else if (abnormal)
            value = high + width * (decimal)(0.05 + rng.Double() * (test.Code is "CREA" or "CRP" ? 3.0 : 0.8));
        else
            value = low + width * (decimal)(0.05 + rng.Double() * 0.9);
        value = Math.Max(value, test.Code == "HB" ? 4m : 0.1m);
        return Math.Round(value, test.Decimals, MidpointRounding.AwayFromZero).ToString(test.Decimals == 0 ? "0" : "0." + new string('0', test.Decimals),
            CultureInfo.InvariantCulture);
    }
}
