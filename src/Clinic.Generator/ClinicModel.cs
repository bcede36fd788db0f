using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The generated clinic: a deterministic Bogus model (every stream has its own <see cref="Randomizer"/> seeded from
/// <see cref="GeneratorSettings.Seed"/>, and every date is counted from <see cref="GeneratorSettings.Today"/>), so the
/// same settings give the same rows. Each kind of row is an enumeration in the column order of its CSV file
/// (<see cref="ImportFormats"/>), produced one row at a time: two million appointments never sit in memory.
/// <list type="bullet">
/// <item>facilities: departments, specialisations with appointment lengths and fees, a consulting room per doctor
/// (created through the screens' procedures before an import: the import has no kind for them);</item>
/// <item>staff: doctors of every specialisation (General Practice the most), nurses, receptionists, pharmacists and
/// billing clerks, with Ugandan names, 07XXXXXXXX phones and work emails, each doctor linked to a sign-in account dr.s00001, ...
/// (created by the loader before the staff file, like the facilities); working hours Monday to Friday
/// 08:00-13:00 and 14:00-17:00, every third doctor also Saturday 08:00-12:00;</item>
/// <item>patients: names from the lists in Data/, a young population (about 40% under 15) with more women than men,
/// districts of Uganda, phones with the two big networks' prefixes (070, 074-079), emails made from the names on the
/// reserved example domains, emergency contacts (a parent for every child), blood groups;</item>
/// <item>appointments: on each doctor's slots in the window (past days before today, future days after it; today
/// is left out), the past completed, cancelled or no-show, the future booked; a patient always sees the same doctor,
/// so no patient is in two places at once, and children see no obstetrician and are never booked before birth;</item>
/// <item>visits: the clinical record of every completed appointment (vitals by age, a SOAP note from the reason,
/// ICD-10 diagnoses of the starter code list), see ClinicModel.Visits.cs;</item>
/// <item>the walk-in queue of the past weekdays: registered patients and a few unregistered walk-ins, morning peak,
/// waits, those who left, urgent and emergency cases, see ClinicModel.Queue.cs;</item>
/// <item>lab orders: the tests the visits' conditions call for, with results for the patient's sex and age, mostly verified,
/// see ClinicModel.Lab.cs;</item>
/// <item>the pharmacy catalogue, stock lots with batch numbers, expiries and suppliers, and the price list;</item>
/// <item>prescriptions: the medications of each visit's condition and how they were dispensed, with the supply lots
/// that hold them, see ClinicModel.Prescriptions.cs;</item>
/// <item>invoices: the bill of every visit with its payments (mobile money most often), see ClinicModel.Billing.cs.</item>
/// </list>
/// </summary>
public sealed partial class ClinicModel
{
    public sealed record Specialisation(string Name, string Department, int Minutes, int Fee, float Weight, string[] Reasons);

    public sealed record Room(string Name, string RoomType, string Department);

    public sealed record Doctor(int Index, string ExternalId, string GivenName, string FamilyName, Specialisation Specialisation, string Room, bool Saturday)
    {
        /// <summary>The doctor's sign-in account (created by the loader before the staff file, which links it): dr. + the external id.</summary>
        public string Username => "dr." + ExternalId.ToLowerInvariant();
    }

    public static readonly IReadOnlyList<Specialisation> Specialisations =
    [
        new("General Practice", "General Medicine", 15, 30_000, 40,
            ["Fever and headache", "Cough for two weeks", "Malaria test follow-up", "Abdominal pain", "Back pain", "Skin rash",
             "General check-up", "Painful urination", "Follow-up visit", "Medical examination for work"]),
        new("Internal Medicine", "General Medicine", 30, 60_000, 15,
            ["Hypertension review", "Diabetes review", "Chest pain follow-up", "Kidney function results", "Asthma review", "Heart failure review"]),
        new("Paediatrics", "Paediatrics", 20, 40_000, 15,
            ["Immunisation", "Fever", "Diarrhoea", "Growth monitoring", "Cough and cold", "Ear infection", "Skin rash"]),
        new("Obstetrics & Gynaecology", "Obstetrics & Gynaecology", 30, 50_000, 12,
            ["Antenatal visit", "Family planning", "Postnatal check", "Pelvic pain", "Ultrasound scan review", "Cervical screening"]),
        new("Dentistry", "Dental", 30, 45_000, 8,
            ["Toothache", "Dental cleaning", "Filling", "Tooth extraction", "Bleeding gums", "Braces review"]),
        new("General Surgery", "Surgery", 30, 70_000, 5,
            ["Hernia review", "Lump in the breast", "Wound review", "Post-operative review", "Abscess"]),
        new("Ophthalmology", "Eye Clinic", 20, 50_000, 5,
            ["Red eye", "Blurred vision", "Eye test for glasses", "Cataract review", "Eye injury"]),
    ];

    public static readonly IReadOnlyList<string> Departments =
        [.. Specialisations.Select(s => s.Department).Distinct(), "Laboratory", "Pharmacy"];

    private static readonly string[] CancelReasons =
    [
        "Patient travelled upcountry", "Patient felt better", "Rescheduled by phone", "Transport problems", "Doctor called to an emergency",
        "Patient admitted at another hospital", "School exams", "Clash with work", "Funeral in the village",
    ];

    private static readonly string[] Suppliers =
    [
        "National Medical Stores", "Joint Medical Store", "Quality Chemical Industries", "Abacus Pharma (A) Ltd", "Surgipharm Uganda",
        "Kampala Pharmaceutical Industries", "Cipla Quality Chemicals", "Medipharm Industries",
    ];

    private static readonly (string Code, string Name, string Category, int Price)[] Services =
    [
        ("PROC-DRESS", "Wound dressing", "procedure", 15_000), ("PROC-SUTURE", "Suturing of a minor wound", "procedure", 40_000),
        ("PROC-ID", "Incision and drainage of an abscess", "procedure", 50_000), ("PROC-NEB", "Nebulisation", "procedure", 20_000),
        ("PROC-IV", "IV cannulation and infusion", "procedure", 25_000), ("PROC-ECG", "Electrocardiogram (ECG)", "procedure", 50_000),
        ("PROC-USS-OB", "Obstetric ultrasound scan", "procedure", 60_000), ("PROC-EXTRACT", "Tooth extraction", "procedure", 35_000),
        ("PROC-FILL", "Dental filling", "procedure", 80_000), ("PROC-CIRC", "Male circumcision", "procedure", 100_000),
        ("OTH-CARD", "Patient card (registration)", "other", 5_000), ("OTH-CERT", "Medical certificate", "other", 10_000),
        ("OTH-REPORT", "Medical report", "other", 30_000), ("OTH-AMB", "Ambulance within the district", "other", 100_000),
    ];

    private static readonly string[] BloodGroups = ["O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"];
    private static readonly float[] BloodGroupWeights = [0.46f, 0.26f, 0.20f, 0.04f, 0.02f, 0.01f, 0.008f, 0.002f];

    /// <summary>Age bands (years, inclusive) and their share of the patients: a young population, many children.</summary>
    public static readonly IReadOnlyList<(int From, int To, float Share)> AgeBands =
    [
        (0, 4, 0.18f), (5, 14, 0.22f), (15, 24, 0.17f), (25, 44, 0.26f), (45, 64, 0.12f), (65, 90, 0.05f),
    ];

    /// <summary>The share of female patients.</summary>
    public const double FemaleShare = 0.54;

    private static readonly string[] RoleNames = ["nurse", "receptionist", "pharmacist", "billing_clerk"];
    private static readonly float[] RoleWeights = [0.45f, 0.2f, 0.15f, 0.2f];

    private readonly GeneratorSettings _settings;
    private readonly Lazy<IReadOnlyList<Doctor>> _doctors;
    private readonly int _phoneOffset;

    public ClinicModel(GeneratorSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _doctors = new Lazy<IReadOnlyList<Doctor>>(MakeDoctors);
        _phoneOffset = (int)((uint)Mix(settings.Seed, 99) % 10_000_000);
    }

    public GeneratorSettings Settings => _settings;

    public IReadOnlyList<Doctor> Doctors => _doctors.Value;

    /// <summary>A consulting room per doctor, in the doctor's department.</summary>
    public IEnumerable<Room> Rooms => Doctors.Select(d => new Room(d.Room, "consultation", d.Specialisation.Department));

    /// <summary>The specialisations the doctors have.</summary>
    public IEnumerable<Specialisation> UsedSpecialisations => Doctors.Select(d => d.Specialisation).Distinct();

    /// <summary>The first day of the appointments (today minus the past days, more when the doctors' hours need them).</summary>
    public DateOnly FirstDay => _settings.Today.AddDays(-PastDaysNeeded());

    public IEnumerable<string?[]> Rows(ImportFormats.Format format) => format.Kind switch
    {
        "patient" => Patients(),
        "staff" => Staff(),
        "working_hours" => WorkingHours(),
        "appointment" => Appointments(),
        "visit" => Visits(),
        "queue_entry" => QueueEntries(),
        "lab_order" => LabOrders(),
        "prescription" => Prescriptions(),
        "medication" => Medications(),
        "stock_lot" => StockLots(),
        "price_list" => PriceList(),
        "invoice" => Invoices(),
        _ => throw new ArgumentException($"unknown kind {format.Kind}"),
    };

    /// <summary>Writes every CSV file into <paramref name="directory"/>; returns the rows written per file.</summary>
    public IReadOnlyList<(string File, long Rows)> WriteCsvFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<(string, long)>();
        foreach (var format in ImportFormats.All)
            written.Add((format.FileName, CsvFileWriter.Write(Path.Combine(directory, format.FileName), format.Columns, Rows(format))));
        return written;
    }

    // ---- staff -------------------------------------------------------------------------------------------------

    private IReadOnlyList<Doctor> MakeDoctors()
    {
        var rng = Stream(1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var weights = Specialisations.Select(s => s.Weight / Specialisations.Sum(t => t.Weight)).ToArray(); // Bogus wants weights summing to 1
        var doctors = new List<Doctor>(_settings.Doctors);
        for (var i = 0; i < _settings.Doctors; i++)
        {
            // The first doctors cover the specialisations in order; then they follow the weights.
            var specialisation = i < Math.Min(5, _settings.Doctors / 2 + 1) ? Specialisations[i] : rng.WeightedRandom(Specialisations.ToArray(), weights);
            var (given, family) = UniqueName(rng, names, rng.Bool(0.5f));
            doctors.Add(new Doctor(i, StaffId(i), given, family, specialisation, $"Consulting Room {i + 1}", i % 3 == 1));
        }
        return doctors;
    }

    public IEnumerable<string?[]> Staff()
    {
        foreach (var d in Doctors)
            yield return
            [
                d.ExternalId, d.GivenName, d.FamilyName, "doctor", d.Specialisation.Department, d.Specialisation.Name,
                Money(d.Specialisation.Fee), Phone(9_000_000 + d.Index, d.Index), WorkEmail(d.GivenName, d.FamilyName, d.Index), d.Username,
            ];
        var rng = Stream(2);
        var names = new HashSet<string>(Doctors.Select(d => $"{d.GivenName} {d.FamilyName}"), StringComparer.Ordinal);
        var clinical = Specialisations.Select(s => s.Department).Distinct().ToArray();
        for (var j = 0; j < _settings.OtherStaff; j++)
        {
            var index = _settings.Doctors + j;
            var role = j < RoleNames.Length ? RoleNames[j] : rng.WeightedRandom(RoleNames, RoleWeights);
            var (given, family) = UniqueName(rng, names, rng.Bool(role == "nurse" ? 0.8f : 0.55f));
            var department = role switch
            {
                "nurse" => rng.ArrayElement(clinical),
                "pharmacist" => "Pharmacy",
                _ => null,
            };
            yield return [StaffId(index), given, family, role, department, null, null, Phone(9_000_000 + index, index), WorkEmail(given, family, index), null];
        }
    }

    public IEnumerable<string?[]> WorkingHours()
    {
        foreach (var d in Doctors)
            foreach (var (weekday, from, to) in Blocks(d))
                yield return [d.ExternalId, weekday.ToString(CultureInfo.InvariantCulture), Time(from), Time(to)];
    }

    /// <summary>Monday to Friday 08:00-13:00 and 14:00-17:00; the Saturday doctors also 08:00-12:00 on Saturday (weekday 1 = Monday).</summary>
    private static IEnumerable<(int Weekday, TimeOnly From, TimeOnly To)> Blocks(Doctor doctor)
    {
        for (var day = 1; day <= 5; day++)
        {
            yield return (day, new TimeOnly(8, 0), new TimeOnly(13, 0));
            yield return (day, new TimeOnly(14, 0), new TimeOnly(17, 0));
        }
        if (doctor.Saturday)
            yield return (6, new TimeOnly(8, 0), new TimeOnly(12, 0));
    }

    // ---- patients ----------------------------------------------------------------------------------------------

    private readonly record struct PatientRow(string?[] Cells, DateOnly DateOfBirth, bool Female);

    public IEnumerable<string?[]> Patients() => PatientRows().Select(p => p.Cells);

    private IEnumerable<PatientRow> PatientRows()
    {
        var rng = Stream(3);
        var bandWeights = AgeBands.Select(b => b.Share).ToArray();
        var bands = Enumerable.Range(0, AgeBands.Count).ToArray();
        var today = _settings.Today;
        // The register's duplicate rule (name_similar in db/functions): one date of birth never holds two patients whose
        // family names sound alike (SOUNDEX), or whose given and family names sound alike swapped; the import would
        // refuse the second as "looks like the patient on line N". Such a birthday moves a day earlier.
        var soundsTaken = new HashSet<(int Day, string Family)>();
        var pairsTaken = new HashSet<(int Day, string Given, string Family)>();
        for (var i = 0; i < _settings.Patients; i++)
        {
            var female = rng.Bool((float)FemaleShare);
            var given = Pick(rng, female ? ReferenceData.FemaleGivenNames : ReferenceData.MaleGivenNames);
            var family = Pick(rng, ReferenceData.FamilyNames);
            var band = AgeBands[rng.WeightedRandom(bands, bandWeights)];
            var age = rng.Number(band.From, band.To);
            var dateOfBirth = today.AddYears(-age).AddDays(-rng.Number(1, 364));
            var givenSound = Soundex(given);
            var familySound = Soundex(family);
            while (soundsTaken.Contains((dateOfBirth.DayNumber, familySound))
                   || pairsTaken.Contains((dateOfBirth.DayNumber, familySound, givenSound)))
                dateOfBirth = dateOfBirth.AddDays(-1);
            soundsTaken.Add((dateOfBirth.DayNumber, familySound));
            pairsTaken.Add((dateOfBirth.DayNumber, givenSound, familySound));
            var child = age < 16;
            var phone = !child && rng.Bool(0.9f) ? Phone(2L * i, i) : null;
            var email = phone is not null && rng.Bool(0.25f) ? $"{Slug(given)}.{Slug(family)}{rng.Number(1, 99)}@{rng.ArrayElement(EmailDomains)}" : null;
            var district = Pick(rng, ReferenceData.Districts);
            var address = rng.Number(0, 2) switch
            {
                0 => $"Plot {rng.Number(1, 400)}",
                1 => $"House {rng.Number(1, 150)}",
                _ => $"P.O. Box {rng.Number(1, 9_999)}",
            };
            var contact = child || rng.Bool(0.5f);
            string? contactName = null;
            if (contact)
            {
                var contactFemale = rng.Bool(child ? 0.7f : 0.5f);
                contactName = $"{Pick(rng, contactFemale ? ReferenceData.FemaleGivenNames : ReferenceData.MaleGivenNames)} {(child ? family : Pick(rng, ReferenceData.FamilyNames))}";
            }
            var bloodGroup = rng.Bool(0.35f) ? rng.WeightedRandom(BloodGroups, BloodGroupWeights) : null;
            yield return new PatientRow(
            [
                PatientId(i), given, family, female ? "female" : "male", Date(dateOfBirth), phone, email, address, district,
                contactName, contact ? Phone(2L * i + 1, i) : null, bloodGroup, null,
            ], dateOfBirth, female);
        }
    }

    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];

    // ---- appointments ------------------------------------------------------------------------------------------

    /// <summary>
    /// Appointments on the doctors' slots from <see cref="FirstDay"/> to today + future days (today left out), chosen by
    /// selection sampling so that exactly the asked number is made (unless the slots run out), in time order.
    /// </summary>
    public IEnumerable<string?[]> Appointments()
    {
        if (_settings.Appointments == 0)
            yield break;
        var patients = PatientRows().Select(p => (p.DateOfBirth, p.Female)).ToArray();
        var rng = Stream(4);
        var doctors = Doctors;
        var first = FirstDay;
        var last = _settings.Today.AddDays(_settings.FutureDays);
        long remainingSlots = CountSlots(first, last);
        long wanted = Math.Min(_settings.Appointments, remainingSlots);
        var made = 0L;
        for (var day = first; day <= last && wanted > 0; day = day.AddDays(1))
        {
            if (day == _settings.Today)
                continue;
            var past = day < _settings.Today;
            foreach (var doctor in doctors)
            {
                foreach (var start in Slots(doctor, day))
                {
                    var take = rng.Number(0, int.MaxValue - 1) % remainingSlots < wanted;
                    remainingSlots--;
                    if (!take)
                        continue;
                    var patient = PickPatient(rng, patients, doctor, day);
                    if (patient < 0)
                        continue; // nobody of this doctor's patients fits; a later slot takes the appointment
                    wanted--;
                    made++;
                    string status;
                    string? cancelReason = null;
                    if (!past)
                        status = "booked";
                    else
                    {
                        var roll = rng.Double();
                        status = roll < 0.74 ? "completed" : roll < 0.88 ? "cancelled" : "no_show";
                        if (status == "cancelled")
                            cancelReason = rng.ArrayElement(CancelReasons);
                    }
                    yield return
                    [
                        $"A{made:D8}", PatientId(patient), doctor.ExternalId, doctor.Room, Date(day), Time(start),
                        doctor.Specialisation.Minutes.ToString(CultureInfo.InvariantCulture), status,
                        rng.ArrayElement(doctor.Specialisation.Reasons), cancelReason,
                    ];
                    if (wanted == 0)
                        yield break;
                }
            }
        }
    }

    /// <summary>One of the doctor's own patients (index = doctor index modulo the number of doctors) who fits: born by then, and a child for the paediatrician, a woman for the obstetrician, an adult elsewhere but general practice.</summary>
    private int PickPatient(Randomizer rng, (DateOnly DateOfBirth, bool Female)[] patients, Doctor doctor, DateOnly day)
    {
        var doctorCount = _settings.Doctors;
        var poolSize = (patients.Length - doctor.Index + doctorCount - 1) / doctorCount;
        var fallback = -1;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = doctor.Index + doctorCount * rng.Number(0, poolSize - 1);
            var (born, female) = patients[candidate];
            if (born >= day)
                continue;
            fallback = candidate;
            var age = day.Year - born.Year;
            var fits = doctor.Specialisation.Name switch
            {
                "Paediatrics" => age < 16,
                "Obstetrics & Gynaecology" => female && age is >= 15 and < 60,
                "General Practice" or "Dentistry" => true,
                _ => age >= 16,
            };
            if (fits)
                return candidate;
        }
        return fallback;
    }

    private IEnumerable<TimeOnly> Slots(Doctor doctor, DateOnly day)
    {
        var weekday = ((int)day.DayOfWeek + 6) % 7 + 1;
        var minutes = doctor.Specialisation.Minutes;
        foreach (var (blockDay, from, to) in Blocks(doctor))
        {
            if (blockDay != weekday)
                continue;
            for (var t = from; t.AddMinutes(minutes) <= to && t.AddMinutes(minutes) > t; t = t.AddMinutes(minutes))
                yield return t;
        }
    }

    private long CountSlots(DateOnly first, DateOnly last)
    {
        long slots = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
            if (day != _settings.Today)
                foreach (var doctor in Doctors)
                    slots += Slots(doctor, day).Count();
        return slots;
    }

    /// <summary>The past days asked for, or more (in steps of four weeks) until the doctors' slots can hold the appointments at most 85% full.</summary>
    private int PastDaysNeeded()
    {
        var past = _settings.PastDays;
        var perWeek = Doctors.Sum(d => Enumerable.Range(0, 7).Sum(k => Slots(d, new DateOnly(2024, 1, 1).AddDays(k)).Count()));
        while (past < 36_500 && (long)(perWeek * ((past + _settings.FutureDays) / 7.0) * 0.85) < _settings.Appointments)
            past += 28;
        return past;
    }

    // ---- pharmacy and price list -------------------------------------------------------------------------------

    public IEnumerable<string?[]> Medications()
    {
        for (var i = 0; i < _settings.Medications; i++)
        {
            var m = ReferenceData.Medications[i];
            yield return [MedicationId(i), m.Name, m.Substance, m.Form, m.Strength, Money(m.UnitPrice), m.ReorderLevel.ToString(CultureInfo.InvariantCulture)];
        }
    }

    /// <summary>The lots of the stock generator (Stream(5)), then the supply lots that hold what the prescriptions dispense (ClinicModel.Prescriptions.cs).</summary>
    public IEnumerable<string?[]> StockLots() => ShelfLots().Concat(SupplyLots());

    private IEnumerable<string?[]> ShelfLots()
    {
        var rng = Stream(5);
        for (var i = 0; i < _settings.StockLots; i++)
        {
            var medication = i % _settings.Medications;
            var m = ReferenceData.Medications[medication];
            var received = _settings.Today.AddDays(-rng.Number(0, Math.Min(_settings.PastDays, 300)));
            var expiry = _settings.Today.AddDays(rng.Number(45, 1_000));
            var packs = m.Form is "tablet" or "capsule" or "dispersible tablet" ? rng.Number(5, 100) * 100 : rng.Number(10, 200);
            var cost = Math.Max(1, (int)Math.Round(m.UnitPrice * (0.55 + 0.2 * rng.Double())));
            yield return
            [
                $"L{i + 1:D7}", MedicationId(medication), $"{rng.Replace("??").ToUpperInvariant()}{rng.Number(10, 99)}-{i + 1:D6}", Date(expiry),
                packs.ToString(CultureInfo.InvariantCulture), Money(cost), Date(received), rng.ArrayElement(Suppliers),
            ];
        }
    }

    public IEnumerable<string?[]> PriceList()
    {
        var from = Date(FirstDay);
        foreach (var s in UsedSpecialisations.OrderBy(s => Specialisations.ToList().IndexOf(s)))
            yield return [$"CONS-{Code(s.Name)}", $"Consultation, {s.Name}", "consultation", Money(s.Fee), from];
        foreach (var (code, name, category, price) in Services)
            yield return [code, name, category, Money(price), from];
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static string Pick(Randomizer rng, IReadOnlyList<string> items) => items[rng.Number(0, items.Count - 1)];

    /// <summary>
    /// SOUNDEX as MySQL and MariaDB compute it: the first letter, then the codes of the following letters, leaving out
    /// vowels, H, W and Y and a code equal to the last one kept, padded to four characters and never cut short.
    /// </summary>
    public static string Soundex(string name)
    {
        const string codes = "01230120022455012623010202";
        var result = new System.Text.StringBuilder();
        var last = '0';
        foreach (var c in name.ToUpperInvariant())
        {
            if (c is < 'A' or > 'Z')
                continue;
            var code = codes[c - 'A'];
            if (result.Length == 0)
            {
                result.Append(c);
                last = code;
            }
            else if (code != '0' && code != last)
            {
                result.Append(code);
                last = code;
            }
        }
        while (result.Length is > 0 and < 4)
            result.Append('0');
        return result.ToString();
    }

    private Randomizer Stream(int stream) => new(Mix(_settings.Seed, stream));

    private static int Mix(int seed, int stream) => unchecked((int)(((uint)seed * 2_654_435_761u) ^ ((uint)stream * 40_503u + 0x9E37u)));

    /// <summary>
    /// A unique 07XXXXXXXX number for every index: the seven digits are a bijection of the index (modulo 10^7), the
    /// third digit one of the real mobile prefixes.
    /// </summary>
    private string Phone(long index, int salt)
    {
        var digits = (index * 7_654_321L + _phoneOffset) % 10_000_000L;
        var prefix = ReferenceData.MobilePrefixDigits[(int)((uint)Mix(salt, (int)(index & 0x7fffffff)) % (uint)ReferenceData.MobilePrefixDigits.Count)];
        return $"07{prefix}{digits:D7}";
    }

    private static (string Given, string Family) UniqueName(Randomizer rng, HashSet<string> taken, bool female)
    {
        for (var attempt = 0; ; attempt++)
        {
            var given = Pick(rng, female ? ReferenceData.FemaleGivenNames : ReferenceData.MaleGivenNames);
            var family = Pick(rng, ReferenceData.FamilyNames);
            if (taken.Add($"{given} {family}") || attempt > 50)
                return (given, family);
        }
    }

    private static string WorkEmail(string given, string family, int index) => $"{Slug(given)}.{Slug(family)}{index + 1}@clinic.example.org";

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    private static string Code(string name) => name switch
    {
        "General Practice" => "GP",
        "Internal Medicine" => "IM",
        "Paediatrics" => "PAED",
        "Obstetrics & Gynaecology" => "OBGYN",
        "Dentistry" => "DENT",
        "General Surgery" => "SURG",
        "Ophthalmology" => "EYE",
        _ => Slug(name).ToUpperInvariant(),
    };

    public static string PatientId(int index) => $"P{index + 1:D7}";
    public static string StaffId(int index) => $"S{index + 1:D5}";
    public static string MedicationId(int index) => $"M{index + 1:D4}";
    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
    private static string Money(int amount) => amount.ToString(CultureInfo.InvariantCulture);
}
