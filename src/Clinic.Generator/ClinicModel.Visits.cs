using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The visits of the generated clinic (import kind visit, visits.csv): one row for every completed appointment, in
/// the order of <see cref="Appointments"/> (read again, one row at a time: nothing is held but the patients' dates of
/// birth and sexes, as for the appointments). The record fits the appointment: the complaint is its reason, the
/// diagnoses a condition that goes with that reason (ICD-10 codes of the starter list, migration 0041), the vitals fit
/// the patient's age on that day (children lighter, shorter, with faster pulse and breathing; blood pressure from
/// 13 years; fever with the febrile conditions, raised pressure with hypertension). Its own random stream, so adding
/// visits changed none of the other files.
/// </summary>
public sealed partial class ClinicModel
{
    /// <summary>A condition: primary code, an optional secondary code, and the note's examination, assessment and plan.</summary>
    public sealed record Condition(string Code, string? Secondary, bool Febrile, bool Acute, string Objective, string Assessment, string Plan);

    private static readonly Dictionary<string, Condition> ConditionByName = new(StringComparer.Ordinal)
    {
        ["malaria"] = new("B54", "R50.9", true, true, "Febrile, mild pallor, no neck stiffness.", "Uncomplicated malaria (positive MRDT).",
            "Artemether/lumefantrine for 3 days; paracetamol; return if vomiting or drowsy."),
        ["urti"] = new("J06.9", "R05", false, true, "Throat injected, chest clear.", "Upper respiratory tract infection.",
            "Fluids, paracetamol, steam inhalation. Return if breathless."),
        ["bronchitis"] = new("J20.9", "R05", false, true, "Scattered crackles, no wheeze.", "Acute bronchitis; TB screening negative.",
            "Amoxicillin for 5 days; sputum for GeneXpert if the cough persists."),
        ["gastritis"] = new("K29.7", "R10.1", false, true, "Epigastric tenderness, no guarding.", "Gastritis.",
            "Omeprazole 20 mg daily for 4 weeks; avoid NSAIDs and alcohol."),
        ["gastroenteritis"] = new("A09.9", "R10.4", true, true, "Mildly dehydrated, abdomen soft.", "Acute gastroenteritis.",
            "ORS and zinc; continue feeding; return if blood in stool or not drinking."),
        ["back"] = new("M54.5", null, false, true, "Paraspinal tenderness, no neurological deficit.", "Mechanical low back pain.",
            "Ibuprofen with food for 5 days; back exercises; review if leg weakness."),
        ["rash"] = new("L30.9", null, false, true, "Dry scaly patches, no signs of infection.", "Dermatitis.",
            "Hydrocortisone cream twice daily; emollient; avoid soap on the rash."),
        ["checkup"] = new("Z00.0", null, false, false, "No abnormality found.", "Healthy adult.", "Advice on diet and exercise; review in a year."),
        ["certificate"] = new("Z02.7", "Z00.0", false, false, "Fit on examination.", "Fit for work.", "Medical certificate issued."),
        ["uti"] = new("N39.0", "R35", false, true, "Suprapubic tenderness, afebrile.", "Urinary tract infection.",
            "Nitrofurantoin for 5 days; plenty of fluids."),
        ["followup"] = new("Z09.9", null, false, false, "Recovered, no complaints.", "Follow-up after treatment.", "No further treatment needed."),
        ["hypertension"] = new("I10", "E66.9", false, false, "BP raised; heart sounds normal.", "Essential hypertension.",
            "Amlodipine 5 mg daily; low-salt diet; review in 4 weeks."),
        ["diabetes"] = new("E11.9", "I10", false, false, "No foot ulcers; sensation intact.", "Type 2 diabetes mellitus.",
            "Metformin 500 mg twice daily; diet advice; HbA1c in 3 months."),
        ["chestpain"] = new("R07.4", "I10", false, true, "Chest wall not tender; ECG normal.", "Chest pain, not cardiac on review.",
            "Reassurance; paracetamol; return if pain on exertion."),
        ["kidney"] = new("N18.9", "I10", false, false, "Mild ankle oedema.", "Chronic kidney disease.", "Repeat creatinine in 3 months; avoid NSAIDs."),
        ["asthma"] = new("J45.9", null, false, false, "Expiratory wheeze both lungs.", "Asthma, not well controlled.",
            "Salbutamol inhaler as needed; beclomethasone inhaler; inhaler technique reviewed."),
        ["heartfailure"] = new("I50.9", "I10", false, false, "Bibasal crackles, mild ankle oedema.", "Heart failure, stable.",
            "Furosemide 40 mg daily; enalapril; daily weights; review in 4 weeks."),
        ["immunisation"] = new("Z23", null, false, false, "Well child.", "Due vaccines given.", "Next immunisation as on the child health card."),
        ["growth"] = new("Z00.1", null, false, false, "Growing along the centile.", "Routine child health examination.",
            "Continue feeding; next growth check in 3 months."),
        ["ear"] = new("H66.9", "R50.9", true, true, "Red bulging ear drum.", "Otitis media.", "Amoxicillin for 5 days; paracetamol."),
        ["antenatal"] = new("Z34.9", null, false, false, "Fundal height fits dates; foetal heart heard.", "Normal pregnancy.",
            "Iron and folic acid; IPTp; next antenatal visit in 4 weeks."),
        ["familyplanning"] = new("Z30.0", null, false, false, "No contraindications found.", "Contraception counselling.",
            "Method of choice given; review in 3 months."),
        ["postnatal"] = new("Z39.2", null, false, false, "Uterus well contracted; wound healing.", "Routine postnatal follow-up.",
            "Breastfeeding advice; family planning discussed."),
        ["pelvic"] = new("N94.6", "R10.4", false, true, "Lower abdominal tenderness, no masses.", "Dysmenorrhoea.", "Ibuprofen during menses; review if worse."),
        ["scan"] = new("Z36.9", null, false, false, "Scan report reviewed.", "Antenatal screening.", "Continue routine antenatal care."),
        ["screening"] = new("Z12.4", null, false, false, "Cervix looks healthy; VIA negative.", "Cervical screening.", "Repeat screening in 3 years."),
        ["caries"] = new("K02.9", null, false, true, "Carious lower molar, tender to percussion.", "Dental caries.", "Filling done; oral hygiene advice."),
        ["dentalabscess"] = new("K04.7", null, false, true, "Periapical swelling, tender tooth.", "Periapical abscess.",
            "Extraction; amoxicillin and metronidazole for 5 days."),
        ["gingivitis"] = new("K05.1", null, false, false, "Plaque and bleeding gums.", "Chronic gingivitis.", "Scaling and polishing; brushing twice daily."),
        ["acutegums"] = new("K05.0", null, false, true, "Red swollen gums that bleed on probing.", "Acute gingivitis.", "Chlorhexidine mouthwash; scaling."),
        ["hernia"] = new("K40.9", null, false, false, "Reducible right inguinal swelling.", "Inguinal hernia.", "Booked for elective repair."),
        ["breastlump"] = new("N63", null, false, false, "Mobile 2 cm lump, no nodes.", "Breast lump, likely benign.", "Ultrasound and fine needle aspiration."),
        ["wound"] = new("Z48.0", "T14.1", false, false, "Wound clean and healing.", "Wound review.", "Dressing changed; review in 3 days."),
        ["abscess"] = new("L02.9", null, true, true, "Fluctuant tender swelling.", "Abscess.", "Incision and drainage; daily dressing."),
        ["redeye"] = new("H10.9", null, false, true, "Red eye, clear cornea, normal vision.", "Conjunctivitis.", "Chloramphenicol eye drops for 5 days."),
        ["myopia"] = new("H52.1", null, false, false, "Vision improves with pinhole.", "Myopia.", "Glasses prescribed."),
        ["presbyopia"] = new("H52.4", null, false, false, "Near vision reduced.", "Presbyopia.", "Reading glasses prescribed."),
        ["cataract"] = new("H26.9", null, false, false, "Lens opacity, fundus poorly seen.", "Cataract.", "Listed for cataract surgery."),
        ["eyeinjury"] = new("T15.9", null, false, true, "Foreign body on the cornea, removed.", "Foreign body on the eye.",
            "Chloramphenicol eye ointment; review in 2 days."),
    };

    /// <summary>The conditions that go with each appointment reason (<see cref="Specialisation.Reasons"/>).</summary>
    private static readonly Dictionary<string, string[]> ConditionsByReason = new(StringComparer.Ordinal)
    {
        ["Fever and headache"] = ["malaria", "malaria", "urti"], ["Cough for two weeks"] = ["bronchitis", "urti"],
        ["Malaria test follow-up"] = ["followup", "malaria"], ["Abdominal pain"] = ["gastritis", "gastroenteritis"], ["Back pain"] = ["back"],
        ["Skin rash"] = ["rash"], ["General check-up"] = ["checkup", "hypertension"], ["Painful urination"] = ["uti"],
        ["Follow-up visit"] = ["followup", "hypertension"], ["Medical examination for work"] = ["certificate"],
        ["Hypertension review"] = ["hypertension"], ["Diabetes review"] = ["diabetes"], ["Chest pain follow-up"] = ["chestpain"],
        ["Kidney function results"] = ["kidney"], ["Asthma review"] = ["asthma"], ["Heart failure review"] = ["heartfailure"],
        ["Immunisation"] = ["immunisation"], ["Fever"] = ["malaria", "urti", "ear"], ["Diarrhoea"] = ["gastroenteritis"],
        ["Growth monitoring"] = ["growth"], ["Cough and cold"] = ["urti"], ["Ear infection"] = ["ear"],
        ["Antenatal visit"] = ["antenatal"], ["Family planning"] = ["familyplanning"], ["Postnatal check"] = ["postnatal"],
        ["Pelvic pain"] = ["pelvic", "uti"], ["Ultrasound scan review"] = ["scan"], ["Cervical screening"] = ["screening"],
        ["Toothache"] = ["caries", "dentalabscess"], ["Dental cleaning"] = ["gingivitis"], ["Filling"] = ["caries"],
        ["Tooth extraction"] = ["dentalabscess", "caries"], ["Bleeding gums"] = ["acutegums", "gingivitis"], ["Braces review"] = ["followup"],
        ["Hernia review"] = ["hernia"], ["Lump in the breast"] = ["breastlump"], ["Wound review"] = ["wound"],
        ["Post-operative review"] = ["wound", "followup"], ["Abscess"] = ["abscess"],
        ["Red eye"] = ["redeye"], ["Blurred vision"] = ["myopia", "presbyopia", "cataract"], ["Eye test for glasses"] = ["myopia", "presbyopia"],
        ["Cataract review"] = ["cataract"], ["Eye injury"] = ["eyeinjury"],
    };

    /// <summary>Every ICD-10 code the visits may carry (for tests: each must be in the starter code list).</summary>
    public static IEnumerable<string> VisitCodes =>
        ConditionByName.Values.SelectMany(c => c.Secondary is null ? new[] { c.Code } : new[] { c.Code, c.Secondary }).Distinct();

    /// <summary>The condition names every appointment reason maps to (for tests: every reason has one).</summary>
    public static IReadOnlyDictionary<string, string[]> ReasonConditions => ConditionsByReason;

    /// <summary>
    /// One visit row for each completed appointment, in appointment order: external id V + the appointment's number,
    /// the appointment's external id, the vitals, the SOAP note and the diagnoses (primary first, then sometimes the
    /// condition's secondary code).
    /// </summary>
    public IEnumerable<string?[]> Visits() => VisitRecords().Select(v => v.Cells);

    /// <summary>A visit row with what the prescriptions need: the condition's name, the appointment row and the patient's date of birth.</summary>
    private readonly record struct VisitRecord(string?[] Cells, string Condition, string?[] Appointment, DateOnly Born);

    /// <summary>The rows of <see cref="Visits"/> with their condition (ClinicModel.Prescriptions.cs prescribes for it).</summary>
    private IEnumerable<VisitRecord> VisitRecords()
    {
        if (_settings.Appointments == 0)
            yield break;
        var patients = PatientRows().Select(p => (p.DateOfBirth, p.Female)).ToArray();
        var rng = Stream(6);
        foreach (var a in Appointments())
        {
            if (a[7] != "completed")
                continue;
            var patient = int.Parse(a[1]!.AsSpan(1), CultureInfo.InvariantCulture) - 1;
            var (born, female) = patients[patient];
            var day = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var reason = a[8]!;
            var names = ConditionsByReason.TryGetValue(reason, out var found) ? found : ["followup"];
            var conditionName = rng.ArrayElement(names);
            var condition = ConditionByName[conditionName];
            var v = Vitals(rng, born, female, day, condition);
            var subjective = condition.Acute ? $"{reason}, for {rng.Number(1, 10)} days." : $"{reason}.";
            var diagnoses = condition.Secondary is not null && rng.Bool(0.4f) ? $"{condition.Code};{condition.Secondary}" : condition.Code;
            yield return new VisitRecord(
            [
                "V" + a[0]![1..], a[0], v.Systolic, v.Diastolic, v.Pulse, v.Temperature, v.Respiratory, v.Spo2, v.Weight, v.Height,
                subjective, condition.Objective, condition.Assessment, condition.Plan, diagnoses,
            ], conditionName, a, born);
        }
    }

    private readonly record struct VitalCells(string? Systolic, string? Diastolic, string? Pulse, string? Temperature, string? Respiratory,
        string? Spo2, string? Weight, string? Height);

    /// <summary>Vitals for the patient's age (in months under two) and sex on that day, within the ranges vital_sign_record accepts.</summary>
    private static VitalCells Vitals(Randomizer rng, DateOnly born, bool female, DateOnly day, Condition condition)
    {
        var months = Math.Max(0, (day.Year - born.Year) * 12 + day.Month - born.Month - (day.Day < born.Day ? 1 : 0));
        var age = months / 12.0;
        double Noise(double sd) => (rng.Double() + rng.Double() + rng.Double() - 1.5) * 2 * sd; // about normal, bounded at 3 sd

        double weight, height;
        if (months < 12) { weight = 3.4 + 0.6 * months; height = 50 + 2.1 * months; }
        else if (age < 10) { weight = 2 * age + 8; height = 6 * age + 77; }
        else if (age < 18)
        {
            weight = female ? 3.2 * age + 2 : 3.6 * age - 1;
            height = female ? 137 + (Math.Min(age, 16) - 10) * 4.0 : 137 + (age - 10) * 5.0;
        }
        else { weight = female ? 64 : 68; height = female ? 159 : 170; }
        weight = Math.Clamp(weight * (1 + Noise(age < 18 ? 0.08 : 0.16)), 1.5, 180);
        height = Math.Clamp(height + Noise(age < 2 ? 2 : age < 18 ? 4 : 6.5), 40, 205);

        var temperature = condition.Febrile && rng.Bool(0.8f) ? 37.8 + rng.Double() * 2.0 : 36.3 + rng.Double() * 0.9;
        var (pulseLow, pulseHigh, rrLow, rrHigh) = age switch
        {
            < 1 => (110, 150, 30, 45),
            < 6 => (90, 130, 22, 32),
            < 13 => (75, 110, 18, 25),
            _ => (60, 95, 12, 20),
        };
        var pulse = rng.Number(pulseLow, pulseHigh) + (temperature >= 37.8 ? 12 : 0);
        string? systolic = null, diastolic = null;
        if (age >= 13)
        {
            var sys = 108 + Math.Max(0, age - 20) * 0.5 + (female ? -4 : 0) + Noise(9) + (condition.Code is "I10" or "I50.9" ? 30 : 0);
            var dia = sys * 0.63 + Noise(5);
            var s = (int)Math.Round(Math.Clamp(sys, 85, 220));
            systolic = Num(s);
            diastolic = Num((int)Math.Round(Math.Clamp(dia, 50, s - 20)));
        }
        var respiratoryCondition = condition.Code is "J06.9" or "J20.9" or "J45.9" or "I50.9";
        var respiratory = age < 13 || respiratoryCondition ? Num(rng.Number(rrLow, rrHigh) + (condition.Code == "J45.9" ? 4 : 0)) : null;
        var spo2 = respiratoryCondition || rng.Bool(0.3f) ? Num(condition.Code == "J45.9" ? rng.Number(92, 97) : rng.Number(96, 100)) : null;
        var withHeight = age < 5 || rng.Bool(0.4f);
        return new VitalCells(systolic, diastolic, Num(pulse), temperature.ToString("0.0", CultureInfo.InvariantCulture), respiratory, spo2,
            weight.ToString("0.0", CultureInfo.InvariantCulture), withHeight ? height.ToString("0.0", CultureInfo.InvariantCulture) : null);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
