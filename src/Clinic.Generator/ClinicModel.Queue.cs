using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The walk-in queue of the generated clinic (import kind queue_entry, queue.csv): the walk-ins of every past weekday
/// of the window (<see cref="FirstDay"/> to yesterday), in day and arrival order, numbered 1, 2, ... each day. A day has
/// about three walk-ins per doctor (tens a day for the clinic size; at most 120 on average however many doctors: the
/// large size), more on Mondays and fewer on Fridays. Arrivals peak in the morning (07:30-11:00, most around 09:00),
/// fewer until 16:00. Most are registered patients (born by then, each at most once a day, a child for the
/// paediatrician when there is one, else a general practitioner or any doctor); a few are not registered (a name and a
/// phone) and leave before being seen, since only a registered patient is called in. Waits run from minutes to an
/// hour or two (longer in the morning peak, short for urgent and emergency); some patients leave before being seen
/// (cancelled, with a reason); a few are urgent or emergencies; a consultation lasts 5 to 30 minutes. Its own random
/// stream, so adding the queue changed none of the other files.
/// </summary>
public sealed partial class ClinicModel
{
    private static readonly string[] WalkInReasons =
    [
        "Fever", "Fever and headache", "Cough", "Abdominal pain", "Diarrhoea", "Body weakness", "Malaria test", "Skin rash",
        "Back pain", "Painful urination", "Toothache", "Red eye", "Blood pressure check", "Prescription refill",
    ];

    private static readonly string[] UrgentReasons =
    [
        "High fever", "Vomiting and diarrhoea", "Difficulty in breathing", "Severe abdominal pain", "Deep cut on the hand",
        "Road traffic injury", "Convulsions", "Burn", "Dog bite", "Heavy bleeding",
    ];

    private static readonly string[] LeftReasons =
    [
        "Left before being seen", "Left before being seen", "Left before being seen", "Referred to the hospital",
        "Booked an appointment instead", "Went to the pharmacy only", "Could not wait any longer",
    ];

    /// <summary>The average walk-ins of a weekday: three per doctor, at most 120.</summary>
    public double WalkInsPerDay => 3.0 * Math.Min(_settings.Doctors, 40);

    /// <summary>
    /// One row per walk-in, in day and arrival order: external id Q + a running number, the day, the day's queue number,
    /// the patient's external id or a walk-in's name and phone, priority, doctor, the times, the status (completed or
    /// cancelled), the reason and the cancel reason.
    /// </summary>
    public IEnumerable<string?[]> QueueEntries()
    {
        var patients = PatientRows().Select(p => p.DateOfBirth).ToArray();
        var rng = Stream(10);
        var general = Doctors.Where(d => d.Specialisation.Name == "General Practice").ToArray();
        if (general.Length == 0)
            general = [.. Doctors];
        var paediatricians = Doctors.Where(d => d.Specialisation.Name == "Paediatrics").ToArray();
        var made = 0L;
        for (var day = FirstDay; day < _settings.Today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                continue;
            var weekday = day.DayOfWeek switch { DayOfWeek.Monday => 1.25, DayOfWeek.Friday => 0.85, _ => 1.0 };
            var count = Math.Max(1, (int)Math.Round(WalkInsPerDay * weekday * (0.75 + 0.5 * rng.Double())));
            var arrivals = new int[count];
            for (var i = 0; i < count; i++)
                arrivals[i] = rng.Bool(0.7f)
                    ? 450 + (int)((rng.Double() + rng.Double()) / 2 * 210) // 07:30-11:00, most around 09:15
                    : 660 + rng.Number(0, 300); // 11:00-16:00
            Array.Sort(arrivals);
            var today = new HashSet<int>();
            for (var i = 0; i < count; i++)
            {
                made++;
                var arrived = arrivals[i];
                var roll = rng.Double();
                var priority = roll < 0.03 ? "emergency" : roll < 0.12 ? "urgent" : "normal";
                var patient = -1;
                if (priority != "normal" || rng.Bool(0.95f))
                {
                    for (var attempt = 0; attempt < 10 && patient < 0; attempt++)
                    {
                        var candidate = rng.Number(0, patients.Length - 1);
                        if (patients[candidate] < day && !today.Contains(candidate))
                            patient = candidate;
                    }
                    if (patient >= 0)
                        today.Add(patient);
                }
                var child = patient >= 0 && day.Year - patients[patient].Year < 16;
                var doctor = child && paediatricians.Length > 0 ? rng.ArrayElement(paediatricians) : rng.ArrayElement(general);
                var reason = priority == "normal" ? rng.ArrayElement(WalkInReasons) : rng.ArrayElement(UrgentReasons);

                // The wait: minutes for an emergency, up to half an hour when urgent, up to two hours in the morning peak.
                var wait = priority switch
                {
                    "emergency" => rng.Number(0, 5),
                    "urgent" => rng.Number(2, 25),
                    _ => arrived < 630 ? 10 + (int)(110 * Math.Pow(rng.Double(), 1.3)) : 3 + (int)(57 * Math.Pow(rng.Double(), 1.3)),
                };
                var left = patient < 0 || (priority == "normal" && rng.Bool(0.07f));
                string?[] row =
                [
                    $"Q{made:D8}", Date(day), (i + 1).ToString(CultureInfo.InvariantCulture), null, null, null, priority, null,
                    Clock(arrived), null, null, null, left ? "cancelled" : "completed", reason, null,
                ];
                if (patient >= 0)
                    row[3] = PatientId(patient);
                else
                {
                    var female = rng.Bool(0.55f);
                    row[4] = $"{Pick(rng, female ? ReferenceData.FemaleGivenNames : ReferenceData.MaleGivenNames)} {Pick(rng, ReferenceData.FamilyNames)}";
                    row[5] = Phone(5_000_000 + made, (int)(made & 0x7fffffff));
                }
                if (left)
                {
                    // Gone after waiting a while (a doctor already assigned to some of them).
                    if (patient >= 0 && rng.Bool(0.4f))
                        row[7] = doctor.ExternalId;
                    row[11] = Clock(arrived + Math.Max(wait, 15) + rng.Number(0, 30));
                    row[14] = patient < 0 ? LeftReasons[0] : rng.ArrayElement(LeftReasons);
                }
                else
                {
                    var started = arrived + wait;
                    row[7] = doctor.ExternalId;
                    row[9] = Clock(started);
                    row[10] = Clock(started + rng.Number(5, 30));
                }
                yield return row;
            }
        }
    }

    private static string Clock(int minutes) => Time(new TimeOnly(minutes / 60, minutes % 60));
}
