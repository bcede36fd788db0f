using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Clinic.Generator;

namespace Clinic.Database.Tests.Generator;

/// <summary>The generated clinic (src/Clinic.Generator) and clinic-db generate --out: no database needed.</summary>
public class GeneratorTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    /// <summary>The columns of each kind as agreed for the CSV import (issue 14), copied here so that a change on either side shows.</summary>
    private static readonly Dictionary<string, string> ExpectedHeaders = new()
    {
        ["patients.csv"] = "external_id,given_name,family_name,sex,date_of_birth,phone,email,address,district,emergency_contact_name,emergency_contact_phone,blood_group,mrn",
        ["staff.csv"] = "external_id,given_name,family_name,staff_role,department,specialisation,consultation_fee,phone,email,username",
        ["working_hours.csv"] = "doctor,weekday,starts_at,ends_at",
        ["appointments.csv"] = "external_id,patient,doctor,room,date,start_time,duration_minutes,status,reason,cancel_reason",
        ["visits.csv"] = "external_id,appointment,systolic_mmhg,diastolic_mmhg,pulse_bpm,temperature_c,respiratory_rate,spo2_pct,weight_kg,height_cm,subjective,objective,assessment,plan,diagnoses",
        ["queue.csv"] = "external_id,clinic_day,queue_number,patient,walk_in_name,walk_in_phone,priority,doctor,arrived_time,started_time,completed_time,cancelled_time,status,reason,cancel_reason",
        ["lab_orders.csv"] = "external_id,appointment,test,status,ordered_at,collected_at,resulted_at,verified_at,cancelled_at,result,cancel_reason,verified_by,clinical_note",
        ["medications.csv"] = "external_id,name,generic_substance,form,strength,unit_price,reorder_level",
        ["stock_lots.csv"] = "external_id,medication,batch_number,expiry_date,quantity,unit_cost,received_date,supplier",
        ["price_list.csv"] = "service_code,name,category,price,valid_from",
        ["invoices.csv"] = "invoice,visit,service_code,quantity,amount_paid,method,provider,reference,paid_on",
        ["prescriptions.csv"] = "external_id,visit,medication,dose,route,frequency,duration_days,quantity,instructions,quantity_dispensed,dispensed_at",
    };

    private string _root = "";

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("clinic-generate-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_root, recursive: true);

    private async Task<string> GenerateAsync(string name, params string[] options)
    {
        var folder = Path.Combine(_root, name);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(["generate", "--out", folder, "--today", "2026-12-04", .. options], output, error);
        Assert.That(code, Is.Zero, $"{output}\n{error}");
        return folder;
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Test]
    public async Task The_same_seed_gives_the_same_bytes_and_another_seed_other_data()
    {
        var first = Hashes(await GenerateAsync("a", "--size", "clinic", "--seed", "7", "--patients", "3000", "--appointments", "9000"));
        var again = Hashes(await GenerateAsync("b", "--size", "clinic", "--seed", "7", "--patients", "3000", "--appointments", "9000"));
        var other = Hashes(await GenerateAsync("c", "--size", "clinic", "--seed", "8", "--patients", "3000", "--appointments", "9000"));

        Assert.That(first.Keys, Is.EquivalentTo(ExpectedHeaders.Keys));
        Assert.That(again, Is.EqualTo(first));
        foreach (var file in new[] { "patients.csv", "staff.csv", "appointments.csv", "visits.csv", "stock_lots.csv", "prescriptions.csv" })
            Assert.That(other[file], Is.Not.EqualTo(first[file]), file);
    }

    [Test]
    public async Task Every_file_has_the_import_header_and_as_many_cells_as_columns()
    {
        var folder = await GenerateAsync("demo", "--size", "demo");
        foreach (var (file, header) in ExpectedHeaders)
        {
            var lines = File.ReadAllLines(Path.Combine(folder, file));
            Assert.That(lines[0], Is.EqualTo(header), file);
            Assert.That(lines, Has.Length.GreaterThan(1), file);
            var columns = header.Split(',').Length;
            Assert.That(lines.Skip(1).Select(l => Cells(l).Length).Distinct(), Is.EqualTo(new[] { columns }), file);
        }
        Assert.That(ImportFormats.All.ToDictionary(f => f.FileName, f => string.Join(',', f.Columns)), Is.EquivalentTo(ExpectedHeaders));
        // The demo size's counts: what demo mode loads.
        Assert.That(File.ReadLines(Path.Combine(folder, "patients.csv")).Count() - 1, Is.EqualTo(300));
        Assert.That(File.ReadLines(Path.Combine(folder, "appointments.csv")).Count() - 1, Is.EqualTo(700));
        Assert.That(File.ReadLines(Path.Combine(folder, "staff.csv")).Count(l => l.Contains(",doctor,", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [Test]
    public void The_lists_are_long_enough_for_a_real_register()
    {
        Assert.That(ReferenceData.FemaleGivenNames.Count + ReferenceData.MaleGivenNames.Count, Is.GreaterThanOrEqualTo(150));
        Assert.That(ReferenceData.FamilyNames, Has.Count.GreaterThanOrEqualTo(150));
        Assert.That(ReferenceData.Districts, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(ReferenceData.FamilyNames, Is.Unique);
        Assert.That(ReferenceData.Districts, Is.Unique);
        Assert.That(ReferenceData.Districts, Does.Contain("Kampala").And.Contain("Gulu").And.Contain("Arua").And.Contain("Mbarara"));
    }

    [Test]
    public void Patients_have_listed_names_Ugandan_mobiles_and_a_young_population_with_more_women()
    {
        var settings = GeneratorSettings.For(ClinicSize.Clinic, Today, seed: 11) with { Patients = 20_000 };
        var patients = new ClinicModel(settings).Patients().ToList();
        Assert.That(patients, Has.Count.EqualTo(20_000));

        var given = ReferenceData.FemaleGivenNames.Concat(ReferenceData.MaleGivenNames).ToHashSet();
        var family = ReferenceData.FamilyNames.ToHashSet();
        var districts = ReferenceData.Districts.ToHashSet();
        var mobile = new Regex("^07[045-9][0-9]{7}$");
        var phones = new HashSet<string>();
        foreach (var p in patients)
        {
            Assert.That(given, Does.Contain(p[1]));
            Assert.That(family, Does.Contain(p[2]));
            Assert.That(p[3], Is.EqualTo("female").Or.EqualTo("male"));
            Assert.That(districts, Does.Contain(p[8]));
            foreach (var phone in new[] { p[5], p[10] }.OfType<string>())
            {
                Assert.That(phone, Does.Match(mobile));
                Assert.That(phones.Add(phone), Is.True, $"phone {phone} twice");
            }
            if (p[6] is { } email)
                Assert.That(email, Does.StartWith($"{p[1]!.ToLowerInvariant()}.{p[2]!.ToLowerInvariant()}").And.Match("@example\\.(com|org|net)$"));
        }
        Assert.That(phones.Select(phone => phone[..3]).Distinct().Order(), Is.EqualTo(new[] { "070", "074", "075", "076", "077", "078", "079" }),
            "every mobile prefix is drawn, 074 too");

        var ages = patients.Select(p => Age(DateOnly.ParseExact(p[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        double Share(Func<int, bool> band) => ages.Count(band) / (double)ages.Count;
        Assert.That(ages.Min(), Is.GreaterThanOrEqualTo(0));
        Assert.That(ages.Max(), Is.LessThanOrEqualTo(91));
        Assert.That(Share(a => a < 5), Is.InRange(0.15, 0.21), "under five");
        Assert.That(Share(a => a < 15), Is.InRange(0.36, 0.44), "children under 15");
        Assert.That(Share(a => a >= 65), Is.InRange(0.03, 0.07), "65 and over");
        Assert.That(patients.Count(p => p[3] == "female") / (double)patients.Count, Is.InRange(0.52, 0.56));
        // Children have no phone of their own but a contact; most adults have a phone.
        Assert.That(patients.Where((p, i) => ages[i] < 15).All(p => p[5] is null && p[10] is not null), Is.True);
        Assert.That(patients.Where((p, i) => ages[i] >= 18).Count(p => p[5] is not null) / (double)ages.Count(a => a >= 18), Is.GreaterThan(0.85));
        Assert.That(patients.Select(p => p[0]).Distinct().Count(), Is.EqualTo(patients.Count));
    }

    [Test]
    public void Appointments_fit_the_doctors_hours_never_overlap_and_follow_time()
    {
        var settings = GeneratorSettings.For(ClinicSize.Clinic, Today, seed: 3) with { Patients = 4_000, Appointments = 20_000 };
        var model = new ClinicModel(settings);
        var appointments = model.Appointments().ToList();
        Assert.That(appointments, Has.Count.EqualTo(20_000));

        var born = model.Patients().ToDictionary(p => p[0]!, p => DateOnly.ParseExact(p[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var doctors = model.Doctors.ToDictionary(d => d.ExternalId);
        var hours = model.WorkingHours().GroupBy(h => (h[0]!, int.Parse(h[1]!, CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => g.Select(h => (From: TimeOnly.Parse(h[2]!, CultureInfo.InvariantCulture), To: TimeOnly.Parse(h[3]!, CultureInfo.InvariantCulture))).ToList());
        var doctorBusy = new HashSet<(string, DateOnly, TimeOnly)>();
        var patientBusy = new Dictionary<(string, DateOnly), List<(TimeOnly, TimeOnly)>>();
        var statuses = new Dictionary<string, int>();
        foreach (var a in appointments)
        {
            var date = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var start = TimeOnly.ParseExact(a[5]!, "HH:mm", CultureInfo.InvariantCulture);
            var end = start.AddMinutes(int.Parse(a[6]!, CultureInfo.InvariantCulture));
            Assert.That(date, Is.Not.EqualTo(Today));
            Assert.That(date, Is.InRange(model.FirstDay, Today.AddDays(settings.FutureDays)));
            Assert.That(born[a[1]!], Is.LessThan(date), "a patient is born before the appointment");
            Assert.That(int.Parse(a[6]!, CultureInfo.InvariantCulture), Is.EqualTo(doctors[a[2]!].Specialisation.Minutes));
            Assert.That(a[3], Is.EqualTo(doctors[a[2]!].Room));
            var weekday = ((int)date.DayOfWeek + 6) % 7 + 1;
            Assert.That(hours.TryGetValue((a[2]!, weekday), out var blocks) && blocks.Any(b => b.From <= start && end <= b.To), Is.True,
                $"{a[0]} {a[4]} {a[5]} is inside {a[2]}'s hours");
            Assert.That(doctorBusy.Add((a[2]!, date, start)), Is.True, $"{a[2]} twice at {a[4]} {a[5]}");
            var day = patientBusy.TryGetValue((a[1]!, date), out var list) ? list : patientBusy[(a[1]!, date)] = [];
            Assert.That(day.Any(b => start < b.Item2 && b.Item1 < end), Is.False, $"{a[1]} in two places at {a[4]} {a[5]}");
            day.Add((start, end));
            Assert.That(date < Today ? new[] { "completed", "cancelled", "no_show" } : ["booked"], Does.Contain(a[7]));
            Assert.That(a[9] is null, Is.EqualTo(a[7] != "cancelled"), "a cancel reason exactly for cancelled ones");
            statuses[a[7]!] = statuses.GetValueOrDefault(a[7]!) + 1;
        }
        Assert.That(statuses["completed"], Is.GreaterThan(statuses["cancelled"] + statuses["no_show"]));
        Assert.That(statuses["booked"], Is.GreaterThan(0));
        Assert.That(appointments.Select(a => a[0]).Distinct().Count(), Is.EqualTo(appointments.Count));
    }

    [Test]
    public void Invoices_bill_every_visit_from_the_price_list_and_are_paid_like_a_Ugandan_clinic()
    {
        var settings = GeneratorSettings.For(ClinicSize.Demo, Today) with { Seed = 11, Patients = 1_500, Appointments = 4_000 };
        var model = new ClinicModel(settings);
        var visits = model.Visits().Select(v => v[0]!).ToList();
        var lines = model.Invoices().ToList();
        var prices = model.PriceList().ToDictionary(p => p[0]!, p => (Price: int.Parse(p[3]!, CultureInfo.InvariantCulture), From: p[4]!));
        var dayOf = model.Appointments().ToDictionary(a => "V" + a[0]![1..], a => DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.That(lines.Select(l => l.Length).Distinct(), Is.EqualTo(new[] { ImportFormats.Invoice.Columns.Count }));
        Assert.That(new ClinicModel(settings).Invoices().Select(l => string.Join('|', l)), Is.EqualTo(lines.Select(l => string.Join('|', l))),
            "deterministic");
        // One invoice per visit, in visit order, its lines together, its id B + the visit's number; the first line a consultation.
        var invoices = lines.Select((l, i) => (Line: l, Index: i)).GroupBy(x => x.Line[1]!).ToList();
        Assert.That(invoices.Select(g => g.Key), Is.EqualTo(visits));
        Assert.That(invoices.All(g => g.Last().Index - g.First().Index == g.Count() - 1), Is.True, "the lines of an invoice come together");
        Assert.That(invoices.All(g => g.All(x => x.Line[0] == "B" + g.Key[1..])), Is.True);
        Assert.That(invoices.All(g => g.First().Line[2]!.StartsWith("CONS-", StringComparison.Ordinal)), Is.True);
        Assert.That(lines.All(l => prices.ContainsKey(l[2]!) && l[3] == "1"), Is.True, "every service is in the price list");
        Assert.That(lines.Count, Is.GreaterThan(invoices.Count), "some visits have more than the consultation");

        // Paid in full, in part or not at all; never more than the total, never before the visit or after today.
        var status = new Dictionary<string, int> { ["paid"] = 0, ["part"] = 0, ["unpaid"] = 0 };
        foreach (var g in invoices)
        {
            var total = g.Sum(x => prices[x.Line[2]!].Price);
            var paid = g.Where(x => x.Line[4] is not null).Sum(x => int.Parse(x.Line[4]!, CultureInfo.InvariantCulture));
            Assert.That(paid, Is.LessThanOrEqualTo(total), g.Key);
            status[paid == total ? "paid" : paid > 0 ? "part" : "unpaid"]++;
            foreach (var x in g.Where(x => x.Line[4] is not null))
            {
                var on = DateOnly.ParseExact(x.Line[8]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.That(on, Is.InRange(dayOf[g.Key], Today), g.Key);
                Assert.That(string.CompareOrdinal(prices[x.Line[2]!].From, dayOf[g.Key].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    Is.LessThanOrEqualTo(0), "priced on the visit's day");
            }
        }
        Assert.That(status["paid"], Is.GreaterThan(invoices.Count * 0.7));
        Assert.That(status["part"], Is.GreaterThan(0));
        Assert.That(status["unpaid"], Is.GreaterThan(0));
        var methods = lines.Where(l => l[5] is not null).GroupBy(l => l[5]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(methods.Keys, Is.EquivalentTo(new[] { "mobile_money", "cash", "card", "bank_transfer" }));
        Assert.That(methods.MaxBy(m => m.Value).Key, Is.EqualTo("mobile_money"), "mobile money is the most common");
        var mobile = lines.Where(l => l[5] == "mobile_money").ToList();
        Assert.That(mobile.All(l => l[6] is "MTN Mobile Money" or "Airtel Money" && l[7] is not null), Is.True);
        Assert.That(mobile.Select(l => (l[6], l[7])).Distinct().Count(), Is.EqualTo(mobile.Count), "a reference once per provider");
        Assert.That(lines.Where(l => l[5] == "card").All(l => l[7] is not null), Is.True);
    }

    [Test]
    public void Visits_are_the_completed_appointments_with_vitals_for_the_age_and_codes_of_the_starter_list()
    {
        var settings = GeneratorSettings.For(ClinicSize.Demo, Today) with { Seed = 11, Patients = 1_500, Appointments = 4_000 };
        var model = new ClinicModel(settings);
        var appointments = model.Appointments().ToList();
        var visits = model.Visits().ToList();
        var completed = appointments.Where(a => a[7] == "completed").ToList();

        Assert.That(visits.Select(v => v[1]), Is.EqualTo(completed.Select(a => a[0])), "one visit per completed appointment, in their order");
        Assert.That(visits.Select(v => v[0]), Is.EqualTo(completed.Select(a => "V" + a[0]![1..])));
        Assert.That(visits.Select(v => v.Length).Distinct(), Is.EqualTo(new[] { ImportFormats.Visit.Columns.Count }));
        Assert.That(new ClinicModel(settings).Visits().Select(v => string.Join('|', v)), Is.EqualTo(visits.Select(v => string.Join('|', v))),
            "deterministic");

        // Every code is in the ICD-10 starter list (0041) and every reason has its conditions.
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Clinic.sln")))
            root = root.Parent!;
        var starter = File.ReadAllText(Path.Combine(root.FullName, "db", "migrations", "0041_icd10_starter.sql"));
        foreach (var code in ClinicModel.VisitCodes)
            Assert.That(starter, Does.Contain($"('{code}', "), code);
        Assert.That(ClinicModel.Specialisations.SelectMany(s => s.Reasons).Distinct().Where(r => !ClinicModel.ReasonConditions.ContainsKey(r)), Is.Empty);
        var codes = visits.SelectMany(v => v[14]!.Split(';')).ToList();
        Assert.That(codes.Distinct(), Is.SubsetOf(ClinicModel.VisitCodes));
        Assert.That(codes, Does.Contain("B54").And.Contain("J06.9"));

        // Vitals in the ranges of vital_sign_record, fitting the age: young children light, short, fast pulse, no blood pressure.
        var born = model.Patients().ToDictionary(p => p[0]!, p => DateOnly.ParseExact(p[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var byId = completed.ToDictionary(a => a[0]!);
        static double? D(string? cell) => cell is null ? null : double.Parse(cell, CultureInfo.InvariantCulture);
        var rows = visits.Select(v =>
        {
            var a = byId[v[1]!];
            var day = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var age = (day.DayNumber - born[a[1]!].DayNumber) / 365.25;
            return (Age: age, Sys: D(v[2]), Dia: D(v[3]), Pulse: D(v[4]), Temp: D(v[5]), Rr: D(v[6]), Spo2: D(v[7]), Weight: D(v[8]), Height: D(v[9]));
        }).ToList();
        Assert.That(rows.All(r => r.Sys is null || (r.Sys is >= 40 and <= 300 && r.Dia is >= 20 and <= 200 && r.Dia < r.Sys)));
        Assert.That(rows.All(r => r.Pulse is >= 20 and <= 300 && r.Temp is >= 25 and <= 45 && r.Weight is >= 0.3 and <= 500));
        Assert.That(rows.All(r => (r.Rr is null or >= 2 and <= 80) && (r.Spo2 is null or >= 40 and <= 100) && (r.Height is null or >= 20 and <= 260)));
        var small = rows.Where(r => r.Age < 5).ToList();
        var adults = rows.Where(r => r.Age >= 20).ToList();
        Assert.That(small, Has.Count.GreaterThan(50));
        Assert.That(small.All(r => r.Sys is null && r.Height is not null && r.Weight < 30));
        Assert.That(small.Average(r => r.Pulse!.Value), Is.GreaterThan(adults.Average(r => r.Pulse!.Value) + 20));
        Assert.That(adults.Average(r => r.Weight!.Value), Is.InRange(55, 80));
        Assert.That(adults.Count(r => r.Sys is not null), Is.EqualTo(adults.Count));
    }

    [Test]
    public void The_walk_in_queue_fills_the_past_weekdays_with_a_morning_peak_waits_those_who_left_and_a_few_emergencies()
    {
        var settings = GeneratorSettings.For(ClinicSize.Clinic, Today) with { Seed = 12, Patients = 3_000, Appointments = 9_000 };
        var model = new ClinicModel(settings);
        var rows = model.QueueEntries().ToList();
        Assert.That(new ClinicModel(settings).QueueEntries().Select(r => string.Join('|', r)), Is.EqualTo(rows.Select(r => string.Join('|', r))),
            "deterministic");
        Assert.That(rows.Select(r => r.Length).Distinct(), Is.EqualTo(new[] { ImportFormats.QueueEntry.Columns.Count }));
        Assert.That(rows.Select(r => r[0]).Distinct().Count(), Is.EqualTo(rows.Count));
        static DateOnly Day(string?[] r) => DateOnly.ParseExact(r[1]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        static int? Minutes(string? cell) => cell is null ? null : TimeOnly.ParseExact(cell, "HH:mm", CultureInfo.InvariantCulture) is var t ? t.Hour * 60 + t.Minute : null;

        // Every past weekday of the window, none today or at a weekend; tens a day for a 10-doctor clinic.
        var days = rows.GroupBy(Day).ToDictionary(g => g.Key, g => g.ToList());
        var weekdays = Enumerable.Range(0, Today.DayNumber - model.FirstDay.DayNumber).Select(i => model.FirstDay.AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        Assert.That(days.Keys, Is.EquivalentTo(weekdays));
        Assert.That(days.Values.Average(d => d.Count), Is.InRange(22, 40));
        // Numbered 1, 2, ... each day in arrival order; a patient at most once a day; registered ones born by then.
        foreach (var (day, entries) in days)
        {
            Assert.That(entries.Select(e => int.Parse(e[2]!, CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(1, entries.Count)));
            Assert.That(entries.Select(e => Minutes(e[8])!.Value), Is.Ordered);
            var registered = entries.Where(e => e[3] is not null).Select(e => e[3]).ToList();
            Assert.That(registered.Distinct().Count(), Is.EqualTo(registered.Count), $"{day}");
        }
        var born = model.Patients().ToDictionary(p => p[0]!, p => DateOnly.ParseExact(p[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.That(rows.Where(r => r[3] is not null).All(r => born[r[3]!] < Day(r)), Is.True);

        // The rules of the import: completed = called in after arriving and ended after that, by a doctor, for a registered
        // patient; cancelled = left after arriving, with a reason, never called in; an unregistered walk-in has a name and phone.
        var doctors = model.Doctors.Select(d => d.ExternalId).ToHashSet();
        foreach (var r in rows)
        {
            var (arrived, started, completed, cancelled) = (Minutes(r[8])!.Value, Minutes(r[9]), Minutes(r[10]), Minutes(r[11]));
            Assert.That(r[6], Is.AnyOf("normal", "urgent", "emergency"));
            Assert.That(r[3] is not null || (r[4] is not null && r[5] is not null), Is.True);
            Assert.That(r[7] is null || doctors.Contains(r[7]!), Is.True);
            if (r[12] == "completed")
                Assert.That(r[3] is not null && r[7] is not null && started >= arrived && completed >= started && cancelled is null && r[14] is null, Is.True,
                    string.Join(',', r));
            else
                Assert.That(r[12] == "cancelled" && started is null && completed is null && cancelled >= arrived && r[14] is not null, Is.True,
                    string.Join(',', r));
        }

        // Realistic: mostly registered, a few unregistered; a morning peak; waits of minutes to two hours; some left; a few emergencies.
        double Share(Func<string?[], bool> f) => rows.Count(f) / (double)rows.Count;
        Assert.That(Share(r => r[3] is null), Is.InRange(0.02, 0.08));
        Assert.That(Share(r => Minutes(r[8]) < 11 * 60), Is.InRange(0.6, 0.8), "most arrive in the morning");
        Assert.That(Share(r => r[12] == "cancelled"), Is.InRange(0.07, 0.16));
        Assert.That(Share(r => r[6] == "emergency"), Is.InRange(0.01, 0.06));
        Assert.That(Share(r => r[6] == "urgent"), Is.InRange(0.05, 0.14));
        var waits = rows.Where(r => r[12] == "completed").Select(r => Minutes(r[9])!.Value - Minutes(r[8])!.Value).ToList();
        Assert.That(waits.Max(), Is.InRange(100, 130));
        Assert.That(waits.Average(), Is.InRange(20, 60));
        var emergencyWaits = rows.Where(r => r[12] == "completed" && r[6] == "emergency").Select(r => Minutes(r[9])!.Value - Minutes(r[8])!.Value);
        Assert.That(emergencyWaits.Max(), Is.LessThanOrEqualTo(5));
    }

    [Test]
    public void Doctors_of_every_specialisation_general_practice_the_most_and_staff_in_every_role()
    {
        var model = new ClinicModel(GeneratorSettings.For(ClinicSize.Large, Today));
        var bySpecialisation = model.Doctors.GroupBy(d => d.Specialisation.Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(bySpecialisation.Keys, Is.EquivalentTo(ClinicModel.Specialisations.Select(s => s.Name)));
        Assert.That(bySpecialisation["General Practice"], Is.InRange(45, 90), "about 40% of 160");
        Assert.That(bySpecialisation["Paediatrics"], Is.InRange(12, 40));
        var roles = model.Staff().GroupBy(s => s[3]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.That(roles.Keys, Is.EquivalentTo(new[] { "doctor", "nurse", "receptionist", "pharmacist", "billing_clerk" }));
        Assert.That(roles["nurse"], Is.GreaterThan(roles["pharmacist"]));
        Assert.That(model.Staff().Select(s => $"{s[1]} {s[2]}").Distinct().Count(), Is.EqualTo(400), "staff names are unique");
    }

    [Test]
    public void The_large_size_streams_its_rows()
    {
        var model = new ClinicModel(GeneratorSettings.For(ClinicSize.Large, Today));
        Assert.That((model.Settings.Patients, model.Settings.Appointments), Is.EqualTo((200_000, 2_000_000)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = model.Appointments().Take(3).ToList();
        Assert.That(first, Has.Count.EqualTo(3));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the first rows come before all two million are made");
        Assert.That(first[0][0], Is.EqualTo("A00000001"));
        watch.Restart();
        var visits = model.Visits().Take(3).ToList();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the visits stream too");
        Assert.That(visits.Select(v => v[0]![1..]), Is.EqualTo(visits.Select(v => v[1]![1..])), "V + the number of a completed appointment");
    }

    [Test]
    public void Prescriptions_fit_the_visits_and_the_stock_lots_hold_every_dispensing_first_expiry_first_out()
    {
        var settings = GeneratorSettings.For(ClinicSize.Clinic, Today) with { Seed = 5, Patients = 3_000, Appointments = 9_000, StockLots = 30 };
        var model = new ClinicModel(settings);
        var visits = model.Visits().ToDictionary(v => v[0]!, v => v);
        var appointments = model.Appointments().ToDictionary(a => a[0]!, a => a);
        var medications = model.Medications().ToDictionary(m => m[0]!, m => m[1]!);
        var rows = model.Prescriptions().ToList();
        Assert.That(rows, Has.Count.GreaterThan(visits.Count / 3), "most visits with a treatable condition have a prescription");
        Assert.That(rows.Select(r => r.Length).Distinct(), Is.EqualTo(new[] { ImportFormats.Prescription.Columns.Count }));
        Assert.That(rows.Select(r => r[0]).Distinct().Count(), Is.EqualTo(rows.Count), "unique external ids");
        Assert.That(new ClinicModel(settings).Prescriptions().Select(r => string.Join('|', r)), Is.EqualTo(rows.Select(r => string.Join('|', r))),
            "deterministic");
        Assert.That(ClinicModel.PrescribedMedications, Is.SubsetOf(ReferenceData.Medications.Select(m => m.Name)));
        var names = rows.Select(r => medications[r[2]!]).ToList();
        Assert.That(names, Does.Contain("Artemether/Lumefantrine 20/120 mg tablets").And.Contain("Amoxicillin 500 mg capsules")
            .And.Contain("Paracetamol 500 mg tablets").And.Contain("Omeprazole 20 mg capsules").And.Contain("Metformin 500 mg tablets")
            .And.Contain("Amlodipine 5 mg tablets"));
        foreach (var visitRows in rows.GroupBy(r => r[1]))
        {
            var visit = visits[visitRows.Key!];
            Assert.That(visitRows.Select(r => r[2]).Distinct().Count(), Is.EqualTo(visitRows.Count()), "each medication once a visit");
            if (visit[13]!.StartsWith("Artemether", StringComparison.Ordinal))
                Assert.That(visitRows.Select(r => medications[r[2]!]), Does.Contain("Artemether/Lumefantrine 20/120 mg tablets"));
            var a = appointments[visit[1]!];
            var ended = DateTime.ParseExact($"{a[4]} {a[5]}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddMinutes(int.Parse(a[6]!, CultureInfo.InvariantCulture));
            foreach (var r in visitRows)
            {
                Assert.That(int.Parse(r[7]!, CultureInfo.InvariantCulture), Is.InRange(1, 100), r[0]);
                Assert.That(r[4], Is.AnyOf("oral", "inhaled", "ophthalmic"), r[0]);
                if (r[9] is null)
                    continue;
                Assert.That(int.Parse(r[9]!, CultureInfo.InvariantCulture), Is.InRange(1, int.Parse(r[7]!, CultureInfo.InvariantCulture)), r[0]);
                var at = DateTime.ParseExact(r[10]!, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                Assert.That(at, Is.GreaterThanOrEqualTo(ended).And.LessThan(Today.ToDateTime(TimeOnly.MinValue)), r[0]);
            }
        }
        var dispensed = rows.Where(r => r[9] is not null).ToList();
        var sameDay = dispensed.Count(r => r[10]![..10] == appointments[visits[r[1]!][1]!][4]);
        Assert.That(sameDay, Is.GreaterThan(dispensed.Count * 8 / 10), "most are dispensed on the visit day");
        Assert.That(dispensed.Count, Is.LessThan(rows.Count), "some never are");

        // The lots of the file, taken as the import takes them: received that day or earlier, not expired, FEFO.
        var lots = model.StockLots().Select(l => (Medication: l[1]!, Expiry: DateOnly.Parse(l[3]!, CultureInfo.InvariantCulture),
            Received: DateOnly.Parse(l[6]!, CultureInfo.InvariantCulture), Left: new[] { int.Parse(l[4]!, CultureInfo.InvariantCulture) })).ToList();
        Assert.That(lots.Count, Is.GreaterThan(30), "the supply lots come after the 30 others");
        Assert.That(lots.Select(l => (l.Medication, l.Received, l.Expiry)).Where(l => l.Expiry <= l.Received || l.Received >= Today), Is.Empty);
        foreach (var r in dispensed.OrderBy(r => r[10], StringComparer.Ordinal))
        {
            var day = DateOnly.ParseExact(r[10]![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var want = int.Parse(r[9]!, CultureInfo.InvariantCulture);
            var usable = lots.Where(l => l.Medication == r[2] && l.Received <= day && l.Expiry >= day && l.Left[0] > 0).OrderBy(l => l.Expiry).ToList();
            Assert.That(usable.Sum(l => l.Left[0]), Is.GreaterThanOrEqualTo(want), $"{r[0]} on {day}");
            foreach (var l in usable)
            {
                var take = Math.Min(want, l.Left[0]);
                l.Left[0] -= take;
                want -= take;
            }
        }
    }

    [Test]
    public async Task Usage_errors_are_refused_and_loading_through_the_import_needs_an_administrator()
    {
        var error = new StringWriter();
        Assert.That(await Cli.RunAsync(["generate", "--size", "huge", "--out", _root], TextWriter.Null, error), Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("demo, clinic or large"));
        Assert.That(await Cli.RunAsync(["generate", "--size", "demo", "--out", _root, "--patients", "many"], TextWriter.Null, TextWriter.Null), Is.EqualTo(1));
        Assert.That(await Cli.RunAsync(["generate", "--size", "demo", "--out", _root, "--today", "4/12/2026"], TextWriter.Null, TextWriter.Null), Is.EqualTo(1));
        Assert.That(await Cli.RunAsync(["generate", "--size", "demo", "--out", _root, "--colour", "red"], TextWriter.Null, TextWriter.Null), Is.EqualTo(1));
        // The clinic and large sizes load through the import, signed in as an administrator: --username is needed.
        error = new StringWriter();
        Assert.That(await Cli.RunAsync(["generate", "--size", "clinic", "--connection", "Server=127.0.0.1;Port=1;Database=none"], TextWriter.Null, error),
            Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("--username"));
    }

    private static int Age(DateOnly born)
    {
        var age = Today.Year - born.Year;
        return born > Today.AddYears(-age) ? age - 1 : age;
    }

    private static string[] Cells(string line) => [.. CsvLine.Parse(line)];

    [Test]
    public void The_lab_orders_fit_the_visits_conditions_the_catalogue_and_the_patients()
    {
        var model = new ClinicModel(GeneratorSettings.For(ClinicSize.Clinic, Today) with { Patients = 3000, Appointments = 9000, Doctors = 6 });
        var visits = model.Visits().ToDictionary(v => v[1]!, v => v[14]!.Split(';')[0]);
        var appointments = model.Appointments().Where(a => a[7] == "completed").ToDictionary(a => a[0]!);
        var orders = model.LabOrders().ToList();
        Assert.That(orders, Has.Count.GreaterThan(visits.Count / 10), "a good share of the visits has lab work");
        Assert.That(orders.Select(o => o[0]).Distinct().Count(), Is.EqualTo(orders.Count), "external ids are unique");
        var catalogue = ClinicModel.LabCatalogue.ToDictionary(t => t.Code);
        Assert.That(ClinicModel.LabCodesUsed, Is.SubsetOf(catalogue.Keys));
        foreach (var o in orders)
        {
            Assert.That(visits.ContainsKey(o[1]!), Is.True, "a lab order belongs to a completed appointment's visit");
            var a = appointments[o[1]!];
            var start = DateTime.ParseExact($"{a[4]} {a[5]}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var ordered = DateTime.ParseExact(o[4]!, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            Assert.That(ordered, Is.InRange(start, start.AddMinutes(int.Parse(a[6]!, CultureInfo.InvariantCulture))), "ordered during the visit");
            var times = new[] { o[5], o[6], o[7], o[8] }.Where(t => t is not null)
                .Select(t => DateTime.ParseExact(t!, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Prepend(ordered).ToList();
            Assert.That(times, Is.Ordered, "each step after the one before");
            Assert.That(times[^1].Date, Is.EqualTo(ordered.Date), "all on the visit's day, so never in the future when loaded");
            Assert.That(o[3], Is.AnyOf("verified", "resulted", "cancelled"));
            Assert.That(o[10] is not null, Is.EqualTo(o[3] == "cancelled"), "a reason exactly for a cancelled test");
            Assert.That(o[9] is not null, Is.EqualTo(o[3] != "cancelled"), "a result unless cancelled");
            if (o[9] is not null && catalogue[o[2]!].Bands.Length > 0)
                Assert.That(decimal.TryParse(o[9], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _), Is.True, $"{o[2]} {o[9]}");
            else if (o[9] is not null)
                Assert.That(catalogue[o[2]!].Texts, Does.Contain(o[9]), "a text result is one of the catalogue's usual answers (the demo's too)");
        }
        var byStatus = orders.GroupBy(o => o[3]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.That(byStatus["verified"], Is.GreaterThan(orders.Count * 3 / 4), "mostly verified");
        Assert.That(byStatus["cancelled"], Is.GreaterThan(0));
        // The tests fit the condition: malaria visits get a malaria test, diabetes visits glucose or HbA1c, UTIs a urinalysis.
        var testsOf = orders.GroupBy(o => o[1]!).ToDictionary(g => g.Key, g => g.Select(o => o[2]!).ToHashSet());
        double Share(string code, params string[] tests)
        {
            var withCode = visits.Where(v => v.Value == code).Select(v => v.Key).ToList();
            return (double)withCode.Count(v => testsOf.TryGetValue(v, out var t) && t.Overlaps(tests)) / Math.Max(1, withCode.Count);
        }
        Assert.That(Share("B54", "MRDT", "BS"), Is.GreaterThan(0.7));
        Assert.That(Share("E11.9", "RBG", "FBG", "HBA1C"), Is.GreaterThan(0.7));
        Assert.That(Share("N39.0", "URINE"), Is.GreaterThan(0.7));
        Assert.That(Share("K02.9", ClinicModel.LabCodesUsed.ToArray()), Is.Zero, "no lab work for dental caries");
        // Malaria RDTs of malaria visits are mostly positive; diabetics' HbA1c mostly high.
        var malariaRdt = orders.Where(o => o[2] == "MRDT" && visits[o[1]!] == "B54" && o[9] is not null).ToList();
        Assert.That(malariaRdt.Count(o => o[9]!.StartsWith("Positive", StringComparison.Ordinal)), Is.GreaterThan(malariaRdt.Count / 2));
        var hba1c = orders.Where(o => o[2] == "HBA1C" && o[9] is not null).Select(o => decimal.Parse(o[9]!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(hba1c.Count(v => v > 5.6m), Is.GreaterThan(hba1c.Count / 2));
    }
}
