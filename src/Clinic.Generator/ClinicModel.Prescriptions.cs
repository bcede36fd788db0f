using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The prescriptions of the generated clinic (import kind prescription, prescriptions.csv): for each visit of
/// <see cref="Visits"/> (in its order, one visit at a time) the medications of its condition's plan (artemether/
/// lumefantrine and paracetamol for malaria, amoxicillin for bronchitis and otitis, omeprazole for gastritis, ORS and
/// zinc for diarrhoea, amlodipine, metformin, enalapril for the chronic reviews, ...), in forms and doses for the
/// patient's age (syrups and suspensions under 12, weight bands for artemether/lumefantrine), with the quantity the
/// dose, frequency and days need. Only medications of the generated catalogue are prescribed (the first
/// <see cref="GeneratorSettings.Medications"/> of Data/medications.txt); a visit whose plan has none has no rows.
/// Dispensing: most prescriptions are dispensed in full at the pharmacy 5 to 45 minutes after the visit ended; some
/// the next morning, some in part (the pharmacy was short), some never (bought elsewhere). Its own random stream
/// (Stream(8)), so adding prescriptions changed none of the other files (the stock lots only grew: see
/// <see cref="SupplyLots"/>).
/// </summary>
public sealed partial class ClinicModel
{
    /// <summary>One prescribed medication: the catalogue name, dose, route, frequency, days, quantity and instructions.</summary>
    private sealed record RxItem(string Medication, string Dose, string Route, string Frequency, int Days, int Quantity, string? Instructions = null);

    /// <summary>The conditions a plan prescribes for (for tests: each names only catalogue medications).</summary>
    public static IReadOnlyList<string> PrescribingConditions { get; } =
    [
        "malaria", "urti", "bronchitis", "gastritis", "gastroenteritis", "back", "rash", "uti", "hypertension", "diabetes", "chestpain",
        "asthma", "heartfailure", "ear", "antenatal", "postnatal", "pelvic", "dentalabscess", "caries", "abscess", "redeye", "eyeinjury",
        "growth", "wound",
    ];

    /// <summary>Every catalogue name a plan may prescribe (for tests: each is in Data/medications.txt).</summary>
    public static IEnumerable<string> PrescribedMedications
    {
        get
        {
            var rng = new Randomizer(1);
            return PrescribingConditions
                .SelectMany(c => new[] { 0.5, 4, 10, 30 }.SelectMany(age => Enumerable.Range(0, 8).SelectMany(_ => Plan(c, age, rng))))
                .Select(i => i.Medication).Distinct();
        }
    }

    private static RxItem Paracetamol(double age, int days) => age < 12
        ? new("Paracetamol 120 mg/5 ml syrup", age < 1 ? "2.5 ml" : age < 6 ? "5 ml" : "10 ml", "oral", "three times a day", days, 1)
        : new("Paracetamol 500 mg tablets", "2 tablets (1 g)", "oral", "three times a day", days, 6 * days);

    private static RxItem Amoxicillin(double age) => age < 12
        ? new("Amoxicillin 125 mg/5 ml suspension", age < 2 ? "5 ml" : "10 ml", "oral", "three times a day", 5, age < 6 ? 1 : 2,
            "Shake well; finish the course")
        : new("Amoxicillin 500 mg capsules", "1 capsule", "oral", "three times a day", 5, 15, "Finish the course");

    private static RxItem Ibuprofen(int days, string instructions) =>
        new("Ibuprofen 400 mg tablets", "1 tablet", "oral", "three times a day", days, 3 * days, instructions);

    /// <summary>What the doctor prescribes for the condition at that age (years); <paramref name="rng"/> picks the optional items.</summary>
    private static IEnumerable<RxItem> Plan(string condition, double age, Randomizer rng)
    {
        switch (condition)
        {
            case "malaria":
                var tablets = age < 3 ? 1 : age < 9 ? 2 : age < 15 ? 3 : 4;
                yield return new("Artemether/Lumefantrine 20/120 mg tablets", tablets == 1 ? "1 tablet" : $"{tablets} tablets", "oral", "twice a day", 3,
                    tablets * 6, "With food or milk");
                yield return Paracetamol(age, 3);
                break;
            case "urti":
                yield return Paracetamol(age, 3);
                if (age >= 12 && rng.Bool(0.4f))
                    yield return new("Cetirizine 10 mg tablets", "1 tablet", "oral", "once a day", 5, 5, "At night");
                break;
            case "bronchitis":
            case "ear":
                yield return Amoxicillin(age);
                if (condition == "ear" || rng.Bool(0.4f))
                    yield return Paracetamol(age, 3);
                break;
            case "gastritis":
                yield return new("Omeprazole 20 mg capsules", "1 capsule", "oral", "once a day", 28, 28, "Before breakfast");
                break;
            case "gastroenteritis":
                yield return new("Oral rehydration salts", "1 sachet in 1 litre of water", "oral", "after each loose stool", 3, age < 5 ? 4 : 6);
                if (age < 15)
                    yield return new("Zinc sulphate 20 mg dispersible tablets", age < 0.5 ? "half a tablet" : "1 tablet", "oral", "once a day", 10, 10,
                        "Dissolve in a spoon of water");
                break;
            case "back":
                yield return age >= 12 ? Ibuprofen(5, "With food") : Paracetamol(age, 3);
                break;
            case "rash":
                if (age >= 6)
                    yield return new("Cetirizine 10 mg tablets", "1 tablet", "oral", "once a day", 7, 7, "At night");
                break;
            case "uti":
                if (age >= 12)
                    yield return new("Nitrofurantoin 100 mg tablets", "1 tablet", "oral", "twice a day", 5, 10, "With food; drink plenty of water");
                break;
            case "hypertension":
                yield return new("Amlodipine 5 mg tablets", "1 tablet", "oral", "once a day", 30, 30);
                if (rng.Bool(0.3f))
                    yield return new("Hydrochlorothiazide 25 mg tablets", "1 tablet", "oral", "once a day", 30, 30, "In the morning");
                break;
            case "diabetes":
                yield return new("Metformin 500 mg tablets", "1 tablet", "oral", "twice a day", 30, 60, "With meals");
                break;
            case "chestpain":
                yield return Paracetamol(age, 3);
                break;
            case "asthma":
                yield return new("Salbutamol 100 mcg inhaler", "2 puffs", "inhaled", "when needed, up to 4 times a day", 30, 1);
                if (rng.Bool(0.4f))
                    yield return new("Prednisolone 5 mg tablets", age < 12 ? "4 tablets (20 mg)" : "8 tablets (40 mg)", "oral", "once a day", 5,
                        age < 12 ? 20 : 40, "In the morning with food");
                break;
            case "heartfailure":
                yield return new("Enalapril 10 mg tablets", "1 tablet", "oral", "once a day", 30, 30);
                break;
            case "antenatal":
            case "postnatal":
                yield return new("Ferrous sulphate/folic acid tablets", "1 tablet", "oral", "once a day", 30, 30);
                break;
            case "pelvic":
                yield return age >= 12 ? Ibuprofen(3, "During menses, with food") : Paracetamol(age, 3);
                break;
            case "dentalabscess":
                yield return Amoxicillin(age);
                if (age >= 12)
                    yield return new("Metronidazole 400 mg tablets", "1 tablet", "oral", "three times a day", 5, 15, "No alcohol");
                break;
            case "caries":
            case "abscess":
            case "wound":
                if (rng.Bool(0.5f))
                    yield return age >= 12 && condition != "wound" ? Ibuprofen(3, "With food") : Paracetamol(age, 3);
                break;
            case "redeye":
            case "eyeinjury":
                yield return new("Tetracycline 1% eye ointment", "a thin line", "ophthalmic", "three times a day", 5, 1, "Into the affected eye");
                break;
            case "growth":
                if (age >= 1 && rng.Bool(0.5f))
                    yield return new("Albendazole 400 mg tablets", age < 2 ? "half a tablet" : "1 tablet", "oral", "once", 1, 1, "Chew");
                break;
        }
    }

    /// <summary>
    /// One row per prescribed medication of each visit, in visit order: external id R + the appointment's number + the
    /// item's number, the visit's external id, the medication's external id (M + its place in the catalogue), dose,
    /// route, frequency, days, quantity, instructions, the units dispensed and when (empty: not dispensed).
    /// </summary>
    public IEnumerable<string?[]> Prescriptions()
    {
        var catalogue = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _settings.Medications; i++)
            catalogue[ReferenceData.Medications[i].Name] = i;
        var rng = Stream(8);
        foreach (var visit in VisitRecords())
        {
            var a = visit.Appointment;
            var day = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var ended = day.ToDateTime(TimeOnly.ParseExact(a[5]!, "HH:mm", CultureInfo.InvariantCulture))
                .AddMinutes(int.Parse(a[6]!, CultureInfo.InvariantCulture));
            var age = (day.DayNumber - visit.Born.DayNumber) / 365.25;
            var items = Plan(visit.Condition, age, rng).Where(i => catalogue.ContainsKey(i.Medication)).ToList();
            if (items.Count == 0)
                continue;
            // How the prescription was dispensed: most at once right after the visit, some the next morning, some in
            // part, some never.
            var roll = rng.Double();
            DateTime? dispensedAt = roll < 0.06 ? null
                : roll < 0.11 && day.AddDays(1) < _settings.Today
                    ? day.AddDays(1).ToDateTime(new TimeOnly(8, 30)).AddMinutes(rng.Number(0, 180))
                    : ended.AddMinutes(rng.Number(5, 45));
            var partly = dispensedAt is not null && rng.Bool(0.04f);
            var number = a[0]![1..];
            for (var n = 0; n < items.Count; n++)
            {
                var item = items[n];
                int? given = dispensedAt is null ? null : partly && n == 0 && item.Quantity > 1 ? item.Quantity / 2 : item.Quantity;
                yield return
                [
                    $"R{number}-{n + 1}", visit.Cells[0], MedicationId(catalogue[item.Medication]), item.Dose, item.Route, item.Frequency,
                    Num(item.Days), Num(item.Quantity), item.Instructions, given is null ? null : Num(given.Value),
                    dispensedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ];
            }
        }
    }

    /// <summary>How many days a supply lot covers: one lot per medication and quarter of the history.</summary>
    private const int SupplyPeriodDays = 91;

    /// <summary>
    /// The lots that hold what <see cref="Prescriptions"/> dispenses, after the other stock lots of the file: for each
    /// medication and quarter (91 days from <see cref="FirstDay"/>) with dispensings, a lot received on the quarter's
    /// first day (National Medical Stores' quarterly delivery), expiring two to three years later, holding the
    /// quarter's dispensings and a fifth more. Whatever the other lots hold, a dispensing on any day of a quarter
    /// therefore finds its quarter's lot received and not expired with enough left: the load never fails for lack of
    /// stock (the lots received that day or earlier, not expired on it, first expiry first out, as the import takes them).
    /// </summary>
    private IEnumerable<string?[]> SupplyLots()
    {
        var first = FirstDay;
        var need = new SortedDictionary<(int Medication, int Period), long>();
        foreach (var row in Prescriptions())
        {
            if (row[9] is null)
                continue;
            var day = DateOnly.ParseExact(row[10]![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var key = (int.Parse(row[2]!.AsSpan(1), CultureInfo.InvariantCulture) - 1, (day.DayNumber - first.DayNumber) / SupplyPeriodDays);
            need[key] = need.GetValueOrDefault(key) + int.Parse(row[9]!, CultureInfo.InvariantCulture);
        }
        foreach (var ((medication, period), units) in need)
        {
            var m = ReferenceData.Medications[medication];
            var received = first.AddDays(period * SupplyPeriodDays);
            var expiry = received.AddDays(730 + (period * 37 + medication * 11) % 365);
            var quantity = (units * 6 / 5 + 10 + 9) / 10 * 10;
            var cost = Math.Max(1, (int)Math.Round(m.UnitPrice * 0.6));
            yield return
            [
                $"LQ{period + 1:D3}-{MedicationId(medication)}", MedicationId(medication), $"NMS-Q{period + 1:D3}", Date(expiry),
                quantity.ToString(CultureInfo.InvariantCulture), Money(cost), Date(received), Suppliers[0],
            ];
        }
    }
}
