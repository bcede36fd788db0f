using System.Diagnostics;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;

namespace Clinic.Demo;

/// <summary>What one run of <see cref="DemoClinic.SeedAsync"/> loaded; <see cref="AlreadyLoaded"/> when it found the demo clinic and added nothing.</summary>
public sealed record DemoClinicSummary(bool AlreadyLoaded, int Doctors, int Patients, int Appointments, int Skipped, TimeSpan Elapsed);

/// <summary>
/// Demo mode only: a believable small clinic in Kampala — departments, specialisations, rooms, doctors
/// with sign-in accounts and weekly hours, leave, staff records for the demo accounts, 300 patients, and
/// appointments from three weeks ago to three weeks ahead in every status, plus recurring series.
/// Everything goes through the stored procedures as the demo administrator, so every rule and the
/// audit trail apply. The past is recorded with appointment_record_past (appointments that already
/// happened); today and the future go through booking, check-in, start and cancel as at the front desk.
/// Idempotent and cheap to detect: when the department "General Medicine" exists, nothing is added.
/// Deterministic apart from the date: fixed random seeds, and each doctor's diary is filled by its own
/// task (doctors, rooms and patients never overlap between tasks, so they never wait for each other).
/// </summary>
public sealed class DemoClinic(ProcedureRunner runner, ISessionAccessor admin, DemoSessions sessions, ClinicPasswordHasher hasher, ILogger logger)
{
    public const string MarkerDepartment = "General Medicine";
    public const int PatientCount = 300;
    public const string DoctorPassword = "doctor123";
    private const int Seed = 256_2024;

    private sealed record DoctorPlan(string Username, string GivenName, string FamilyName, string Department, string Specialisation,
        decimal Fee, string Room, string Phone, bool SaturdayMorning, string[] Reasons);

    /// <summary>The existing demo account "doctor" is the first: its "My day" shows the busiest general practice diary.</summary>
    private static readonly DoctorPlan[] Doctors =
    [
        new("doctor", "Sarah", "Okello", MarkerDepartment, "General Practice", 30_000m, "Consulting Room 1", "0752100201", false,
            ["Fever and headache", "Cough for two weeks", "Malaria test follow-up", "Blood pressure review", "Abdominal pain", "Back pain",
             "Skin rash", "General check-up", "Diabetes review", "Follow-up visit"]),
        new("dr.mugerwa", "James", "Mugerwa", MarkerDepartment, "General Practice", 30_000m, "Consulting Room 2", "0752100202", true,
            ["Fever and joint pains", "Cough and chest pain", "Typhoid follow-up", "Medical examination for work", "Painful urination",
             "Headache", "Follow-up visit", "Wound review"]),
        new("dr.odongo", "Patrick", "Odongo", MarkerDepartment, "Internal Medicine", 60_000m, "Consulting Room 3", "0782100203", false,
            ["Hypertension review", "Diabetes review", "Chest pain follow-up", "Kidney function results", "Asthma review", "Heart failure review"]),
        new("dr.nansubuga", "Harriet", "Nansubuga", "Paediatrics", "Paediatrics", 40_000m, "Paediatrics Room", "0782100204", false,
            ["Immunisation", "Fever", "Diarrhoea", "Growth monitoring", "Cough and cold", "Ear infection", "Skin rash"]),
        new("dr.kato", "Moses", "Kato", "Obstetrics & Gynaecology", "Obstetrics & Gynaecology", 50_000m, "Antenatal Clinic", "0703100205", false,
            ["Antenatal visit", "Family planning", "Postnatal check", "Pelvic pain", "Ultrasound scan review", "Cervical screening"]),
        new("dr.atuhaire", "Brenda", "Atuhaire", "Dental", "Dentistry", 45_000m, "Dental Surgery", "0703100206", false,
            ["Toothache", "Dental cleaning", "Filling", "Tooth extraction", "Bleeding gums", "Braces review"]),
    ];

    /// <summary>Sign-in names of the demo doctors other than "doctor" (password <see cref="DoctorPassword"/>).</summary>
    public static IEnumerable<string> OtherDoctorUsernames => Doctors.Skip(1).Select(d => d.Username);

    private static readonly (string Name, int Minutes)[] Specialisations =
    [
        ("General Practice", 15), ("Internal Medicine", 30), ("Paediatrics", 20), ("Obstetrics & Gynaecology", 30), ("Dentistry", 30),
    ];

    private static readonly string[] Departments = [MarkerDepartment, "Paediatrics", "Obstetrics & Gynaecology", "Dental", "Laboratory", "Pharmacy"];

    private static readonly (string Name, string Type, string? Department)[] Rooms =
    [
        ("Consulting Room 1", "consultation", MarkerDepartment), ("Consulting Room 2", "consultation", MarkerDepartment),
        ("Consulting Room 3", "consultation", MarkerDepartment), ("Triage", "examination", MarkerDepartment),
        ("Minor Theatre", "procedure", MarkerDepartment), ("Paediatrics Room", "consultation", "Paediatrics"),
        ("Antenatal Clinic", "examination", "Obstetrics & Gynaecology"), ("Dental Surgery", "procedure", "Dental"),
        ("Laboratory", "laboratory", "Laboratory"), ("Pharmacy", "pharmacy", "Pharmacy"),
    ];

    /// <summary>Staff records for the other demo accounts (and one nurse without an account).</summary>
    private static readonly (string? Username, string GivenName, string FamilyName, string Role, string? Department, string Phone)[] OtherStaff =
    [
        ("nurse", "Peter", "Mugisha", "nurse", MarkerDepartment, "0756100301"),
        ("pharmacist", "Joan", "Atim", "pharmacist", "Pharmacy", "0756100302"),
        ("reception", "Grace", "Namubiru", "receptionist", null, "0756100303"),
        ("billing", "David", "Ssempala", "billing_clerk", null, "0756100304"),
        (null, "Rose", "Apio", "nurse", "Paediatrics", "0756100305"),
    ];

    private static readonly string[] CancelReasons =
    [
        "Patient travelled upcountry", "Patient felt better", "Rescheduled by phone", "Transport problems", "Doctor called to an emergency",
        "Patient admitted at another hospital", "School exams", "Clash with work",
    ];

    private AppointmentProcedures Appointments => new(runner, admin);

    /// <summary>Loads the demo clinic unless it is there already.</summary>
    public async Task<DemoClinicSummary> SeedAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var actor = admin;
        var facilities = new FacilityProcedures(runner, actor);
        if ((await facilities.ListDepartmentsAsync(includeInactive: true, ct)).Any(d => d.Name == MarkerDepartment))
            return new DemoClinicSummary(true, 0, 0, 0, 0, watch.Elapsed);

        var now = DateTime.Now;
        var today = now.Date;

        // Facilities.
        var departmentIds = new Dictionary<string, int>();
        foreach (var name in Departments)
            departmentIds[name] = await facilities.CreateDepartmentAsync(name, ct);
        var specialisationIds = new Dictionary<string, (int Id, int Minutes)>();
        foreach (var (name, minutes) in Specialisations)
            specialisationIds[name] = (await facilities.CreateSpecialisationAsync(name, minutes, ct), minutes);
        var roomIds = new Dictionary<string, int>();
        foreach (var (name, type, department) in Rooms)
            roomIds[name] = await facilities.CreateRoomAsync(name, type, department is null ? null : departmentIds[department], ct);

        // Staff: doctors (with sign-in accounts) and the other demo accounts.
        var accounts = new UserAccountProcedures(runner, actor, hasher);
        var staff = new StaffProcedures(runner, actor);
        var hours = new WorkingHoursProcedures(runner, actor);
        var doctorIds = new int[Doctors.Length];
        for (var i = 0; i < Doctors.Length; i++)
        {
            var plan = Doctors[i];
            var accountId = await AccountIdAsync(accounts, plan.Username, $"Dr. {plan.GivenName} {plan.FamilyName}", "doctor", DoctorPassword, ct);
            sessions.Know(plan.Username, DoctorPassword);
            await sessions.ForAsync(plan.Username, ct); // turns the temporary password into the demo password
            doctorIds[i] = await staff.CreateAsync(new StaffInput
            {
                UserAccountId = accountId, GivenName = plan.GivenName, FamilyName = plan.FamilyName, StaffRole = "doctor",
                DepartmentId = departmentIds[plan.Department], SpecialisationId = specialisationIds[plan.Specialisation].Id,
                ConsultationFee = plan.Fee, Phone = plan.Phone,
                Email = $"{plan.GivenName.ToLowerInvariant()}.{plan.FamilyName.ToLowerInvariant()}@clinic.example.com",
            }, ct);
            foreach (var (weekday, from, to) in WeeklyHours(plan))
                await hours.AddBlockAsync(doctorIds[i], weekday, from, to, ct);
        }
        foreach (var other in OtherStaff)
        {
            var accountId = other.Username is null ? (int?)null : (await accounts.ListAsync(other.Username, 0, 5, ct))
                .FirstOrDefault(a => a.Username == other.Username)?.UserAccountId;
            await staff.CreateAsync(new StaffInput
            {
                UserAccountId = accountId, GivenName = other.GivenName, FamilyName = other.FamilyName, StaffRole = other.Role,
                DepartmentId = other.Department is null ? null : departmentIds[other.Department], Phone = other.Phone,
            }, ct);
        }

        // Leave: Dr. Kato was at a conference last Thursday and Friday and takes leave in the week after next
        // (Wednesday to Friday); Dr. Nansubuga runs an extra immunisation session next Saturday morning.
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var kato = Array.FindIndex(Doctors, d => d.Username == "dr.kato");
        var leave = new List<(int Doctor, DateTime From, DateTime To)>
        {
            (kato, thisMonday.AddDays(-4), thisMonday.AddDays(-2)),
            (kato, thisMonday.AddDays(16), thisMonday.AddDays(19)),
        };
        await hours.AddExceptionAsync(doctorIds[kato], "leave", leave[0].From, leave[0].To, "Medical conference in Mbarara", ct);
        await hours.AddExceptionAsync(doctorIds[kato], "leave", leave[1].From, leave[1].To, "Annual leave", ct);
        var nansubuga = Array.FindIndex(Doctors, d => d.Username == "dr.nansubuga");
        await hours.AddExceptionAsync(doctorIds[nansubuga], "extra_session", thisMonday.AddDays(12).AddHours(9), thisMonday.AddDays(12).AddHours(12),
            "Saturday immunisation clinic", ct);

        // Patients, registered four at a time; patientIds[i] is the i-th generated patient whatever the MRN order.
        var people = DemoPeople.Generate(PatientCount, Seed, today);
        var patients = new PatientProcedures(runner, actor);
        var patientIds = new int[people.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) => patientIds[i] = (await patients.RegisterAsync(people[i], confirmDuplicate: true, token)).PatientId);

        // Each doctor gets its own patients (children see the paediatrician, women of child-bearing age the
        // obstetrician), so that no patient is ever wanted by two diaries at once.
        var pools = PatientPools(people, today, patientIds);

        await SeedQueueAsync(doctorIds, pools, ct);

        var diaries = await Task.WhenAll(Enumerable.Range(0, Doctors.Length).Select(i => Task.Run(() => FillDiaryAsync(
            Doctors[i], doctorIds[i], roomIds[Doctors[i].Room], specialisationIds[Doctors[i].Specialisation].Minutes, pools[i],
            leave.Where(l => l.Doctor == i).Select(l => (l.From, l.To)).ToList(), now, new Random(Seed + i), ct), ct)));

        var summary = new DemoClinicSummary(false, Doctors.Length, patientIds.Length, diaries.Sum(d => d.Made), diaries.Sum(d => d.Skipped), watch.Elapsed);
        logger.LogInformation("DEMO MODE: demo clinic loaded in {Seconds:0.0} s: {Doctors} doctors, {Patients} patients, {Appointments} appointments ({Skipped} skipped).",
            summary.Elapsed.TotalSeconds, summary.Doctors, summary.Patients, summary.Appointments, summary.Skipped);
        return summary;
    }

    private static async Task<int> AccountIdAsync(UserAccountProcedures accounts, string username, string displayName, string role, string password, CancellationToken ct)
    {
        var existing = (await accounts.ListAsync(username, 0, 5, ct)).FirstOrDefault(a => a.Username == username);
        return existing?.UserAccountId ?? await accounts.CreateAsync(username, displayName, role, password, ct);
    }

    /// <summary>Mon–Fri 08:00–13:00 and 14:00–17:00; the doctor who does Saturdays also works 08:00–12:00 then.</summary>
    private static IEnumerable<(int Weekday, TimeSpan From, TimeSpan To)> WeeklyHours(DoctorPlan plan)
    {
        for (var day = 1; day <= 5; day++)
        {
            yield return (day, TimeSpan.FromHours(8), TimeSpan.FromHours(13));
            yield return (day, TimeSpan.FromHours(14), TimeSpan.FromHours(17));
        }
        if (plan.SaturdayMorning)
            yield return (6, TimeSpan.FromHours(8), TimeSpan.FromHours(12));
    }

    /// <summary>
    /// Today's walk-in queue, through the queue procedures: two consultations done, one with a doctor, one
    /// patient who left, and five waiting (an urgent one, an anonymous walk-in, some unassigned).
    /// The patients come from the end of the pools, which the diaries use last.
    /// </summary>
    private async Task SeedQueueAsync(int[] doctorIds, List<int>[] pools, CancellationToken ct)
    {
        var queue = new QueueProcedures(runner, admin);
        int Doctor(string username) => doctorIds[Array.FindIndex(Doctors, d => d.Username == username)];
        var general = pools[Array.FindIndex(Doctors, d => d.Username == "doctor")];
        var taken = new HashSet<int>();
        int Patient(int fromEnd)
        {
            var id = general[general.Count - 1 - fromEnd];
            taken.Add(id);
            return id;
        }

        async Task<int> Add(int? patient, string priority, int? doctor, string reason, string? walkInName = null, string? walkInPhone = null) =>
            (await queue.AddAsync(new QueueAddInput
            {
                PatientId = patient, WalkInName = walkInName, WalkInPhone = walkInPhone, Priority = priority, StaffId = doctor, Reason = reason,
            }, ct)).QueueEntryId;

        var done1 = await Add(Patient(0), QueuePriority.Normal, Doctor("doctor"), "Cough for a week");
        await queue.StartAsync(done1, ct);
        await queue.CompleteAsync(done1, ct);
        var done2 = await Add(Patient(1), QueuePriority.Urgent, Doctor("dr.mugerwa"), "Deep cut on the hand");
        await queue.StartAsync(done2, ct);
        await queue.CompleteAsync(done2, ct);
        var left = await Add(Patient(2), QueuePriority.Normal, null, "Headache");
        await queue.CancelAsync(left, "Left before being seen", ct);
        var withDoctor = await Add(Patient(3), QueuePriority.Normal, Doctor("dr.odongo"), "Follow-up of malaria treatment");
        await queue.StartAsync(withDoctor, ct);
        await Add(Patient(4), QueuePriority.Normal, Doctor("doctor"), "Blood pressure check");
        await Add(Patient(5), QueuePriority.Normal, null, "Skin rash");
        await Add(null, QueuePriority.Normal, null, "Fever and chills", "Moses Okot", "0789 456 123");
        await Add(Patient(6), QueuePriority.Urgent, Doctor("doctor"), "Difficulty breathing");
        await Add(Patient(7), QueuePriority.Normal, null, "Vaccination card");
        // The diaries must not book these patients today: they are already at the clinic.
        general.RemoveAll(taken.Contains);
    }

    private static List<int>[] PatientPools(IReadOnlyList<PatientInput> people, DateTime today, int[] patientIds)
    {
        var pools = Doctors.Select(_ => new List<int>()).ToArray();
        int Index(string username) => Array.FindIndex(Doctors, d => d.Username == username);
        int[] general = [Index("doctor"), Index("dr.mugerwa"), Index("dr.odongo"), Index("dr.atuhaire")];
        var rng = new Random(Seed + 100);
        for (var i = 0; i < people.Count; i++)
        {
            var age = today.Year - people[i].DateOfBirth!.Value.Year;
            var pool = age < 14 ? Index("dr.nansubuga")
                : people[i].Sex == "female" && age is >= 18 and <= 42 && rng.Next(2) == 0 ? Index("dr.kato")
                : general[rng.Next(general.Length)];
            pools[pool].Add(patientIds[i]);
        }
        return pools;
    }

    /// <summary>
    /// One doctor's diary from three weeks ago to three weeks ahead: a recurring series first, then about
    /// seven appointments a working day (fewer further ahead). Finished ones are recorded as history; later
    /// ones are booked, the first upcoming ones checked in or started, a few cancelled.
    /// </summary>
    private async Task<(int Made, int Skipped)> FillDiaryAsync(DoctorPlan plan, int staffId, int roomId, int minutes, List<int> pool,
        List<(DateTime From, DateTime To)> leave, DateTime now, Random rng, CancellationToken ct)
    {
        var appointments = Appointments;
        var made = 0;
        var skipped = 0;
        var taken = new List<(DateTime From, DateTime To)>();
        var today = now.Date;
        var bookable = now.AddMinutes(10);

        // A recurring series: antenatal visits every two weeks, or a weekly review for the demo doctor.
        var seriesEvery = plan.Username switch { "dr.kato" => 2, "doctor" => 1, _ => 0 };
        if (seriesEvery > 0 && pool.Count > 0)
        {
            var weekday = plan.Username == "dr.kato" ? DayOfWeek.Tuesday : DayOfWeek.Thursday;
            var first = today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7 + 7).AddHours(10);
            const int occurrences = 4;
            try
            {
                await appointments.BookSeriesAsync(new AppointmentInput
                {
                    PatientId = pool[0], StaffId = staffId, RoomId = roomId, StartsAt = first, Minutes = minutes,
                    Reason = plan.Username == "dr.kato" ? "Antenatal visit (series)" : "Blood pressure review (weekly)",
                }, seriesEvery, occurrences, ct);
                for (var k = 0; k < occurrences; k++)
                    taken.Add((first.AddDays(7 * seriesEvery * k), first.AddDays(7 * seriesEvery * k).AddMinutes(minutes)));
                made += occurrences;
            }
            catch (ClinicRuleException ex)
            {
                skipped += occurrences;
                logger.LogDebug("Demo series for {Doctor} skipped: {Message}", plan.Username, ex.Message);
            }
        }

        var upcoming = 0;
        for (var day = today.AddDays(-21); day <= today.AddDays(21); day = day.AddDays(1))
        {
            var slots = Slots(plan, day, minutes)
                .Where(s => !leave.Any(l => s < l.To && s.AddMinutes(minutes) > l.From))
                .Where(s => !taken.Any(t => s < t.To && s.AddMinutes(minutes) > t.From))
                .ToList();
            if (slots.Count == 0)
                continue;
            var distance = (day - today).Days;
            var wanted = distance <= 0 ? rng.Next(6, 10) : Math.Max(1, rng.Next(6, 10) - distance / 3);
            foreach (var start in slots.OrderBy(_ => rng.Next()).Take(wanted).Order())
            {
                var patient = pool[rng.Next(pool.Count)];
                var reason = plan.Reasons[rng.Next(plan.Reasons.Length)];
                var end = start.AddMinutes(minutes);
                try
                {
                    if (end <= now.AddMinutes(-1))
                        await appointments.RecordPastAsync(History(patient, staffId, roomId, start, minutes, reason, now, rng), ct);
                    else if (start >= bookable)
                    {
                        var id = await appointments.BookAsync(new AppointmentInput
                        {
                            PatientId = patient, StaffId = staffId, RoomId = roomId, StartsAt = start, Minutes = minutes, Reason = reason,
                        }, ct);
                        // The first upcoming appointments are under way at the front desk: one in the consulting
                        // room, two waiting; a few later ones were cancelled by phone.
                        upcoming++;
                        if (upcoming <= 3)
                        {
                            await appointments.CheckInAsync(id, ct);
                            if (upcoming == 1)
                                await appointments.StartAsync(id, ct);
                        }
                        else if (rng.NextDouble() < 0.07)
                            await appointments.CancelAsync(id, CancelReasons[rng.Next(CancelReasons.Length)], ct);
                    }
                    else
                        continue; // under way right now: neither history nor bookable
                    made++;
                }
                catch (ClinicRuleException ex)
                {
                    skipped++;
                    logger.LogDebug("Demo appointment for {Doctor} at {Start} skipped: {Message}", plan.Username, start, ex.Message);
                }
            }
        }
        return (made, skipped);
    }

    /// <summary>A finished appointment: mostly completed with believable times, some no-shows and cancellations.</summary>
    private static PastAppointmentInput History(int patient, int staffId, int roomId, DateTime start, int minutes, string reason, DateTime now, Random rng)
    {
        var input = new PastAppointmentInput { PatientId = patient, StaffId = staffId, RoomId = roomId, StartsAt = start, Minutes = minutes, Reason = reason };
        var roll = rng.NextDouble();
        if (roll < 0.12)
            return input with { Status = "no_show" };
        if (roll < 0.27)
            return input with
            {
                Status = "cancelled", CancelReason = CancelReasons[rng.Next(CancelReasons.Length)],
                CancelledAt = start.AddHours(-rng.Next(2, 72)).AddMinutes(-rng.Next(0, 60)),
            };
        var checkedIn = start.AddMinutes(-rng.Next(0, 25));
        var started = start.AddMinutes(rng.Next(-3, 15));
        if (started < checkedIn)
            started = checkedIn;
        var completed = started.AddMinutes(Math.Max(5, minutes + rng.Next(-5, 10)));
        return completed <= now.AddMinutes(-1)
            ? input with { Status = "completed", CheckedInAt = checkedIn, StartedAt = started, CompletedAt = completed }
            : input with { Status = "completed" };
    }

    /// <summary>The doctor's slots on one day, on a grid of the appointment length inside each working-hours block.</summary>
    private static IEnumerable<DateTime> Slots(DoctorPlan plan, DateTime day, int minutes)
    {
        var weekday = ((int)day.DayOfWeek + 6) % 7 + 1;
        foreach (var (blockDay, from, to) in WeeklyHours(plan))
        {
            if (blockDay != weekday)
                continue;
            for (var t = from; t + TimeSpan.FromMinutes(minutes) <= to; t += TimeSpan.FromMinutes(minutes))
                yield return day + t;
        }
    }
}
