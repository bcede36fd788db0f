using System.Diagnostics;
using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Patients;
using Clinic.Data.Scheduling;

namespace Clinic.Demo;

public sealed record DemoClinicalHistorySummary(int Visits, int LabResults, int Allergies, int Problems, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: a clinical past for the demo patients, so the medical history, the vitals trend and
/// the lab results have something to show. Past visits with a SOAP note, vitals and ICD-10 diagnoses
/// are recorded with visit_record_past (closed when they ended), lab results with
/// lab_order_record_past (verified, a few preliminary), and some allergies and problems with
/// allergy_add / problem_add as a demo doctor. All through the procedures; fixed random seed.
/// Runs once, together with the demo lab catalogue (DemoSeeder calls it only when the catalogue was
/// just created).
/// </summary>
public static class DemoClinicalHistory
{
    private sealed record Condition(string Code, string Secondary, string Subjective, string Objective, string Assessment, string Plan, string? LabCode);

    private static readonly Condition[] Conditions =
    [
        new("B54", "R50.9", "Fever, headache and joint pains for 3 days.", "Febrile, mild pallor, no neck stiffness.", "Uncomplicated malaria.",
            "Artemether/lumefantrine for 3 days; paracetamol; review if not better in 48 h.", "MRDT"),
        new("J06.9", "R05", "Sore throat, runny nose and dry cough for 4 days.", "Throat injected, chest clear.", "Upper respiratory tract infection.",
            "Fluids, paracetamol, steam inhalation. Return if breathless.", null),
        new("I10", "E66.9", "Routine review of blood pressure; occasional headaches.", "BP raised on two readings; heart sounds normal.", "Essential hypertension.",
            "Start amlodipine 5 mg daily; low-salt diet; review in 4 weeks.", "CREA"),
        new("E11.9", "I10", "Increased thirst and passing urine often for 2 months.", "Overweight; no foot ulcers.", "Type 2 diabetes mellitus.",
            "Metformin 500 mg twice daily; diet advice; HbA1c in 3 months.", "FBG"),
        new("N39.0", "R35", "Burning on passing urine for 2 days.", "Suprapubic tenderness; afebrile.", "Urinary tract infection.",
            "Ciprofloxacin for 5 days; plenty of fluids.", "URINE"),
        new("K29.7", "R10.1", "Upper abdominal pain after meals, worse at night.", "Epigastric tenderness; no guarding.", "Gastritis.",
            "Omeprazole 20 mg daily for 4 weeks; avoid NSAIDs.", null),
        new("J45.9", "R06.2", "Wheezing and chest tightness at night.", "Expiratory wheeze both lungs.", "Asthma, not well controlled.",
            "Salbutamol inhaler as needed; inhaler technique reviewed.", null),
        new("M54.5", "Z00.0", "Low back pain after lifting, 1 week.", "Paraspinal tenderness; no neurological deficit.", "Mechanical low back pain.",
            "Ibuprofen with food for 5 days; exercises; review if leg weakness.", null),
        new("D64.9", "R53", "Tiredness and dizziness for a month.", "Pale conjunctivae.", "Anaemia, cause to be found.",
            "Full blood count; ferrous sulphate; review with results.", "HB"),
    ];

    private static readonly (string Substance, string Reaction, string Severity)[] AllergyExamples =
    [
        ("Amoxicillin", "Itchy rash", AllergySeverity.Moderate), ("Sulfamethoxazole", "Stevens-Johnson syndrome", AllergySeverity.LifeThreatening),
        ("Ibuprofen", "Wheezing", AllergySeverity.Severe), ("Peanuts", "Swollen lips", AllergySeverity.Severe), ("Chloroquine", "Itching", AllergySeverity.Mild),
    ];

    public static async Task<DemoClinicalHistorySummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, ISessionAccessor clinician,
        IReadOnlyDictionary<string, int> labTestIds, ILogger logger, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var visits = new VisitProcedures(runner, admin);
        var lab = new LabProcedures(runner, admin);
        var patients = new PatientProcedures(runner, admin);
        var doctors = await new AppointmentProcedures(runner, admin).ListDoctorsAsync(null, null, 50, ct);
        if (doctors.Count == 0)
            return new DemoClinicalHistorySummary(0, 0, 0, 0, watch.Elapsed);

        var random = new Random(4242);
        var now = DateTime.Now;
        int visitCount = 0, labCount = 0;
        var validCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var patientId = 1; patientId <= 60; patientId++)
        {
            var patient = await patients.GetAsync(patientId, ct);
            if (patient is null)
                continue;
            var heightCm = patient.Sex == "male" ? 165m + random.Next(0, 20) : 155m + random.Next(0, 15);
            var weightKg = 55m + random.Next(0, 35);
            var visitsForPatient = 1 + random.Next(0, 4);
            for (var v = 0; v < visitsForPatient; v++)
            {
                var condition = Conditions[random.Next(Conditions.Length)];
                var doctor = doctors[random.Next(doctors.Count)];
                var startedAt = now.Date.AddDays(-(7 + random.Next(0, 360))).AddHours(8 + random.Next(0, 8)).AddMinutes(random.Next(0, 4) * 15);
                var hypertensive = condition.Code == "I10" || random.Next(0, 8) == 0;
                var febrile = condition.Code == "B54";
                var input = new PastVisitInput
                {
                    PatientId = patientId, DoctorStaffId = doctor.StaffId, StartedAt = startedAt, ClosedAt = startedAt.AddMinutes(20 + random.Next(0, 20)),
                    Note = new SoapNoteInput { Subjective = condition.Subjective, Objective = condition.Objective, Assessment = condition.Assessment, Plan = condition.Plan },
                    Vitals = new VitalSignInput
                    {
                        SystolicMmhg = hypertensive ? 145 + random.Next(0, 40) : 108 + random.Next(0, 25),
                        DiastolicMmhg = hypertensive ? 92 + random.Next(0, 20) : 68 + random.Next(0, 15),
                        PulseBpm = (febrile ? 96 : 64) + random.Next(0, 24),
                        TemperatureC = febrile ? 38.2m + random.Next(0, 12) / 10m : 36.4m + random.Next(0, 8) / 10m,
                        RespiratoryRate = 14 + random.Next(0, 8),
                        Spo2Pct = 95 + random.Next(0, 5),
                        WeightKg = weightKg + random.Next(-2, 3),
                        HeightCm = heightCm,
                    },
                    PrimaryCode = condition.Code,
                    SecondaryCode = random.Next(0, 2) == 0 ? condition.Secondary : null,
                };
                int visitId;
                try
                {
                    visitId = await visits.RecordPastAsync(input, ct);
                }
                catch (ClinicRuleException ex) when (ex.Code == 50773)
                {
                    // A secondary code outside the starter set: record the visit with its primary diagnosis only.
                    visitId = await visits.RecordPastAsync(input with { SecondaryCode = null }, ct);
                }
                visitCount++;

                if (condition.LabCode is { } code && labTestIds.TryGetValue(code, out var testId))
                {
                    var (value, text) = DemoLab.SampleResult(code, patient.Sex, random);
                    await lab.RecordPastAsync(new LabPastOrderInput
                    {
                        VisitId = visitId, LabTestId = testId, OrderedAt = startedAt.AddMinutes(10),
                        Status = random.Next(0, 10) == 0 ? LabOrderStatus.Resulted : LabOrderStatus.Verified, Value = value, Text = text,
                    }, ct);
                    labCount++;
                }
            }
        }

        // Allergies and chronic problems, recorded by a demo doctor (clinicians' work, not the administrator's).
        int allergies = 0, problems = 0;
        var record = new ClinicalRecordProcedures(runner, clinician);
        for (var patientId = 1; patientId <= 60; patientId += 4)
        {
            if (await patients.GetAsync(patientId, ct) is null)
                continue;
            var (substance, reaction, severity) = AllergyExamples[(patientId / 4) % AllergyExamples.Length];
            await record.AddAllergyAsync(patientId, new AllergyInput { Substance = substance, Reaction = reaction, Severity = severity }, ct);
            allergies++;
            if (patientId % 3 == 0)
            {
                await record.AddProblemAsync(patientId, new ProblemInput
                {
                    Description = patientId % 2 == 0 ? "Essential hypertension" : "Type 2 diabetes mellitus",
                    Icd10Code = patientId % 2 == 0 ? "I10" : "E11.9", OnsetDate = now.Date.AddYears(-2).AddDays(patientId),
                }, ct);
                problems++;
            }
        }
        logger.LogInformation("Demo clinical history: {Visits} past visits, {Lab} lab results in {Elapsed}", visitCount, labCount, watch.Elapsed);
        return new DemoClinicalHistorySummary(visitCount, labCount, allergies, problems, watch.Elapsed);
    }
}
