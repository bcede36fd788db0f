using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Data.Queue;
using Clinic.Data.Staff;

namespace Clinic.Demo;

/// <summary>What one run of <see cref="DemoPharmacy.SeedAsync"/> loaded; <see cref="AlreadyLoaded"/> when it found the catalogue and added nothing.</summary>
public sealed record DemoPharmacySummary(bool AlreadyLoaded, int Medications, int Lots, int Prescriptions, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: the pharmacy of the demo clinic, through the stored procedures as the demo
/// administrator (catalogue and stock) and the demo doctors and pharmacist (prescriptions):
/// <list type="bullet">
/// <item>a catalogue of 42 common drugs in a Ugandan clinic (generic substances, forms, strengths, prices in UGX, reorder levels);</item>
/// <item>one to three lots per drug with different expiries and suppliers: some expiring within the alert window
/// (pharmacy.expiry_alert_days, 90 days by default), two already expired with stock (recorded as opening stock),
/// five drugs below their reorder level, and one damaged-stock write-off;</item>
/// <item>when today's queue has open visits (<see cref="DemoClinic"/> makes three), prescriptions from them in every
/// status: issued (pending at the pharmacy), partially dispensed, dispensed and cancelled.</item>
/// </list>
/// Idempotent: when the medication <see cref="MarkerMedication"/> exists, nothing is added.
/// </summary>
public static class DemoPharmacy
{
    public const string MarkerMedication = "Paracetamol 500 mg tablets";

    private enum Stock { Normal, ExpiringSoon, BelowReorder, WithExpired }

    private sealed record Drug(string Name, string Substance, string Form, string Strength, decimal Price, int Reorder, Stock Stock = Stock.Normal);

    private static readonly Drug[] Drugs =
    [
        new(MarkerMedication, "paracetamol", "tablet", "500 mg", 100m, 1000, Stock.ExpiringSoon),
        new("Paracetamol 120 mg/5 ml syrup", "paracetamol", "syrup", "120 mg/5 ml, 100 ml", 3_000m, 30),
        new("Amoxicillin 500 mg capsules", "amoxicillin", "capsule", "500 mg", 300m, 500),
        new("Amoxicillin 125 mg/5 ml suspension", "amoxicillin", "suspension", "125 mg/5 ml, 100 ml", 4_500m, 20, Stock.BelowReorder),
        new("Artemether/Lumefantrine 20/120 mg tablets", "artemether/lumefantrine", "tablet", "20 mg/120 mg", 500m, 600, Stock.ExpiringSoon),
        new("Artesunate 60 mg injection", "artesunate", "injection", "60 mg vial", 12_000m, 20, Stock.BelowReorder),
        new("Quinine 300 mg tablets", "quinine", "tablet", "300 mg", 300m, 200, Stock.WithExpired),
        new("Metformin 500 mg tablets", "metformin", "tablet", "500 mg", 150m, 500),
        new("Glibenclamide 5 mg tablets", "glibenclamide", "tablet", "5 mg", 100m, 200),
        new("Soluble insulin 100 IU/ml", "insulin (soluble)", "injection", "100 IU/ml, 10 ml vial", 25_000m, 10, Stock.BelowReorder),
        new("Amlodipine 5 mg tablets", "amlodipine", "tablet", "5 mg", 200m, 300),
        new("Losartan 50 mg tablets", "losartan", "tablet", "50 mg", 300m, 200),
        new("Enalapril 10 mg tablets", "enalapril", "tablet", "10 mg", 200m, 200),
        new("Hydrochlorothiazide 25 mg tablets", "hydrochlorothiazide", "tablet", "25 mg", 100m, 200, Stock.ExpiringSoon),
        new("Atenolol 50 mg tablets", "atenolol", "tablet", "50 mg", 200m, 200),
        new("Ciprofloxacin 500 mg tablets", "ciprofloxacin", "tablet", "500 mg", 400m, 300),
        new("Cotrimoxazole 960 mg tablets", "sulfamethoxazole/trimethoprim", "tablet", "800 mg/160 mg", 150m, 500),
        new("Doxycycline 100 mg capsules", "doxycycline", "capsule", "100 mg", 300m, 200),
        new("Azithromycin 500 mg tablets", "azithromycin", "tablet", "500 mg", 1_500m, 100),
        new("Metronidazole 400 mg tablets", "metronidazole", "tablet", "400 mg", 150m, 500),
        new("Nitrofurantoin 100 mg tablets", "nitrofurantoin", "tablet", "100 mg", 200m, 100),
        new("Ceftriaxone 1 g injection", "ceftriaxone", "injection", "1 g vial", 5_000m, 50, Stock.BelowReorder),
        new("Gentamicin 80 mg/2 ml injection", "gentamicin", "injection", "80 mg/2 ml ampoule", 1_500m, 50),
        new("Benzathine benzylpenicillin 2.4 MU injection", "benzathine benzylpenicillin", "injection", "2.4 MU vial", 4_000m, 20),
        new("Fluconazole 150 mg capsules", "fluconazole", "capsule", "150 mg", 1_000m, 50),
        new("Clotrimazole 1% cream", "clotrimazole", "cream", "1%, 20 g tube", 3_000m, 20),
        new("Albendazole 400 mg tablets", "albendazole", "tablet", "400 mg", 500m, 100),
        new("Oral rehydration salts", "oral rehydration salts", "sachet", "20.5 g for 1 litre", 500m, 200),
        new("Zinc sulphate 20 mg dispersible tablets", "zinc sulphate", "dispersible tablet", "20 mg", 100m, 300),
        new("Omeprazole 20 mg capsules", "omeprazole", "capsule", "20 mg", 250m, 300),
        new("Magnesium trisilicate tablets", "magnesium trisilicate", "tablet", "250 mg", 50m, 300),
        new("Salbutamol 100 mcg inhaler", "salbutamol", "inhaler", "100 mcg/dose, 200 doses", 15_000m, 10, Stock.BelowReorder),
        new("Salbutamol 4 mg tablets", "salbutamol", "tablet", "4 mg", 50m, 200),
        new("Prednisolone 5 mg tablets", "prednisolone", "tablet", "5 mg", 100m, 200),
        new("Cetirizine 10 mg tablets", "cetirizine", "tablet", "10 mg", 200m, 200),
        new("Chlorphenamine 4 mg tablets", "chlorphenamine", "tablet", "4 mg", 50m, 300),
        new("Ibuprofen 400 mg tablets", "ibuprofen", "tablet", "400 mg", 150m, 500, Stock.ExpiringSoon),
        new("Diclofenac 50 mg tablets", "diclofenac", "tablet", "50 mg", 100m, 300),
        new("Ferrous sulphate/folic acid tablets", "ferrous sulphate/folic acid", "tablet", "200 mg/0.4 mg", 50m, 500),
        new("Folic acid 5 mg tablets", "folic acid", "tablet", "5 mg", 50m, 300),
        new("Oxytocin 10 IU/ml injection", "oxytocin", "injection", "10 IU/ml ampoule", 2_000m, 20),
        new("Tetracycline 1% eye ointment", "tetracycline", "eye ointment", "1%, 3.5 g tube", 2_500m, 20, Stock.WithExpired),
    ];

    private static readonly string[] Suppliers = ["Joint Medical Store", "National Medical Stores", "Surgipharm Uganda", "Abacus Pharma (A) Ltd"];

    /// <summary>
    /// Loads the pharmacy once. <paramref name="admin"/> adds the catalogue and stock; <paramref name="pharmacist"/>
    /// dispenses the demo prescriptions; the doctors sign in through <paramref name="sessions"/> to prescribe.
    /// </summary>
    public static async Task<DemoPharmacySummary> SeedAsync(ProcedureRunner runner, ISessionAccessor admin, ISessionAccessor pharmacist, DemoSessions sessions, ClinicPasswordHasher hasher, ILogger logger,
        CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var catalogue = new MedicationProcedures(runner, admin);
        if ((await catalogue.ListAsync(MarkerMedication, null, 0, 5, ct)).Any(m => m.Name == MarkerMedication))
            return new DemoPharmacySummary(true, 0, 0, 0, watch.Elapsed);

        var today = DateTime.Today;
        var stock = new StockProcedures(runner, admin);
        var ids = new Dictionary<string, int>();
        var lots = 0;
        for (var i = 0; i < Drugs.Length; i++)
        {
            var drug = Drugs[i];
            var id = await catalogue.CreateAsync(new MedicationInput
            {
                Name = drug.Name, GenericSubstance = drug.Substance, Form = drug.Form, Strength = drug.Strength, UnitPrice = drug.Price,
                ReorderLevel = drug.Reorder,
            }, ct);
            ids[drug.Name] = id;
            var cost = Math.Round(drug.Price * 0.6m, 2);
            var prefix = new string(drug.Name.Where(char.IsLetter).Take(3).ToArray()).ToUpperInvariant();
            Task<int> Receive(int lot, int quantity, int expiresInDays, int receivedDaysAgo) =>
                stock.ReceiveAsync(new StockLotReceiveInput
                {
                    MedicationId = id, BatchNumber = $"{prefix}{today.AddDays(-receivedDaysAgo):yyMM}-{lot:D2}{i:D2}",
                    ExpiryDate = today.AddDays(expiresInDays), Quantity = quantity, UnitCost = cost,
                    ReceivedDate = today.AddDays(-receivedDaysAgo), Supplier = Suppliers[(i + lot) % Suppliers.Length],
                }, ct);

            if (drug.Stock == Stock.BelowReorder)
            {
                await Receive(1, Math.Max(drug.Reorder / 3, 2), 200 + i * 7 % 300, 20 + i % 30);
                lots++;
                continue;
            }
            if (drug.Stock == Stock.WithExpired)
            {
                await stock.RecordOpeningAsync(new StockLotReceiveInput
                {
                    MedicationId = id, BatchNumber = $"{prefix}-OLD{i:D2}", ExpiryDate = today.AddDays(-(12 + i % 30)),
                    Quantity = Math.Max(drug.Reorder / 2, 15), UnitCost = cost, ReceivedDate = today.AddDays(-400), Supplier = Suppliers[0],
                }, ct);
                lots++;
            }
            var first = await Receive(1, Math.Max(drug.Reorder, 20) * 2, drug.Stock == Stock.ExpiringSoon ? 20 + i : 120 + i * 37 % 400, 45 + i % 60);
            await Receive(2, Math.Max(drug.Reorder, 20), 420 + i * 53 % 300, 5 + i % 20);
            lots += 2;
            if (drug.Name == MarkerMedication)
                await stock.AdjustAsync(first, -20, StockAdjustmentReason.Damaged, "Water damage in the store room", ct);
        }

        var prescriptions = await SeedPrescriptionsAsync(runner, admin, pharmacist, sessions, hasher, ids, today, logger, ct);
        logger.LogInformation("Demo pharmacy: {Medications} medications, {Lots} lots, {Prescriptions} prescriptions in {Seconds:0.0} s",
            Drugs.Length, lots, prescriptions, watch.Elapsed.TotalSeconds);
        return new DemoPharmacySummary(false, Drugs.Length, lots, prescriptions, watch.Elapsed);
    }

    /// <summary>
    /// Prescriptions from today's open queue visits, by their doctors: one stays issued, one is dispensed, one
    /// partially dispensed, and one is cancelled. A visit that cannot take one (closed, a recorded allergy) is skipped.
    /// </summary>
    private static async Task<int> SeedPrescriptionsAsync(ProcedureRunner runner, ISessionAccessor admin, ISessionAccessor pharmacist,
        DemoSessions sessions, ClinicPasswordHasher hasher, Dictionary<string, int> ids,
        DateTime today, ILogger logger, CancellationToken ct)
    {
        var visits = (await new QueueProcedures(runner, admin).ListAsync(null, null, false, null, 0, 100, ct))
            .Where(q => q.VisitId is not null && q.StaffId is not null)
            .OrderBy(q => q.QueueNumber)
            .ToList();
        var doctors = (await new StaffProcedures(runner, admin).ListAsync("doctor", null, true, 0, 100, ct))
            .Where(s => s.UserAccountId is not null)
            .ToDictionary(s => s.StaffId, s => s.UserAccountId!.Value);
        var dispensing = new DispensingProcedures(runner, pharmacist);
        var adminAccounts = new UserAccountProcedures(runner, admin, hasher);

        PrescriptionItemInput Item(string drug, string dose, string frequency, int days, int quantity, string? instructions = null) => new()
        {
            MedicationId = ids[drug], Dose = dose, Route = drug.Contains("injection") ? PrescriptionRoute.Intramuscular : PrescriptionRoute.Oral,
            Frequency = frequency, DurationDays = days, Quantity = quantity, Instructions = instructions, StartDate = today,
        };
        (string Plan, PrescriptionItemInput[] Items)[] plans =
        [
            ("issued",
            [
                Item("Amoxicillin 500 mg capsules", "500 mg", "three times a day", 7, 21, "Complete the full course"),
                Item(MarkerMedication, "1 g", "every 8 hours when needed", 3, 18, "Not more than 8 tablets a day"),
            ]),
            ("dispensed",
            [
                Item("Cotrimoxazole 960 mg tablets", "960 mg", "twice a day", 5, 10),
                Item("Ibuprofen 400 mg tablets", "400 mg", "three times a day after meals", 5, 15, "Take with food"),
            ]),
            ("partial",
            [
                Item("Artemether/Lumefantrine 20/120 mg tablets", "4 tablets", "twice a day", 3, 24, "Take with fatty food or milk"),
                Item("Zinc sulphate 20 mg dispersible tablets", "20 mg", "once a day", 10, 10),
            ]),
            ("cancelled", [Item("Omeprazole 20 mg capsules", "20 mg", "once a day before breakfast", 14, 14)]),
        ];

        var issued = 0;
        for (var i = 0; i < plans.Length && visits.Count > 0; i++)
        {
            var visit = visits[i % visits.Count];
            if (!doctors.TryGetValue(visit.StaffId!.Value, out var doctorAccount))
                continue;
            var doctor = new PrescriptionProcedures(runner, await sessions.ForAccountAsync(adminAccounts, doctorAccount, ct));
            try
            {
                var id = await doctor.IssueAsync(visit.VisitId!.Value, plans[i].Items, "Demo prescription", ct);
                issued++;
                switch (plans[i].Plan)
                {
                    case "dispensed":
                        await dispensing.DispenseAsync(id, null, ct);
                        break;
                    case "partial":
                        var items = (await doctor.GetAsync(id, ct))!.Items;
                        await dispensing.DispenseAsync(id, [new DispenseItemInput(items[0].PrescriptionItemId, items[0].Quantity)], ct);
                        break;
                    case "cancelled":
                        await doctor.CancelAsync(id, "Patient already takes omeprazole bought at a pharmacy", ct);
                        break;
                }
            }
            catch (ClinicRuleException ex)
            {
                logger.LogInformation("Demo pharmacy: skipped the {Plan} prescription for visit {VisitId}: {Message}", plans[i].Plan, visit.VisitId, ex.Message);
            }
        }
        return issued;
    }
}
