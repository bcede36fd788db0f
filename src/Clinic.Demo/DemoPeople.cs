using Clinic.Data.Patients;

namespace Clinic.Demo;

/// <summary>
/// Demo patients with Ugandan names, local phone numbers (07XXXXXXXX, which the clinic's phone setting
/// normalises to +256...), addresses around Kampala, and a believable spread of ages. Deterministic for
/// a given seed and date. Phone numbers are unique and never start with 0772 (the browser tests make
/// up 0772 numbers, and the duplicate check compares phones).
/// </summary>
public static class DemoPeople
{
    private static readonly string[] FemaleNames =
    [
        "Mary", "Grace", "Sarah", "Esther", "Ruth", "Florence", "Harriet", "Prossy", "Sylvia", "Brenda", "Agnes", "Juliet", "Rebecca", "Doreen",
        "Annet", "Irene", "Patience", "Joy", "Winnie", "Betty", "Christine", "Lydia", "Rose", "Susan", "Immaculate", "Scovia", "Proscovia",
        "Aisha", "Mariam", "Hadijah", "Zaituni", "Nalongo", "Shamim", "Gloria", "Peace", "Faith", "Hope", "Charity", "Allen", "Stella",
    ];

    private static readonly string[] MaleNames =
    [
        "John", "Joseph", "Moses", "Patrick", "Peter", "David", "Samuel", "Isaac", "Emmanuel", "Ivan", "Ronald", "Robert", "Denis", "Henry",
        "Brian", "Godfrey", "Paul", "Charles", "Geoffrey", "Francis", "Simon", "Richard", "Julius", "Kenneth", "Andrew", "Daniel", "Edward",
        "Hassan", "Ali", "Musa", "Yusuf", "Abdul", "Frank", "Fred", "Herbert", "Innocent", "Martin", "Vincent", "Arthur", "Timothy",
    ];

    private static readonly string[] FamilyNames =
    [
        "Nakato", "Babirye", "Nansubuga", "Namubiru", "Nakamya", "Nalwoga", "Namutebi", "Nabukenya", "Nassali", "Nakimuli", "Kato", "Waswa",
        "Mugerwa", "Ssempala", "Ssekandi", "Kiggundu", "Lubega", "Mukasa", "Ssali", "Kawooya", "Sserwadda", "Mugisha", "Tumusiime", "Byaruhanga",
        "Atuhaire", "Ainembabazi", "Kyomuhendo", "Tumwine", "Mwesigwa", "Asiimwe", "Okello", "Odongo", "Ocen", "Opio", "Akello", "Atim",
        "Apio", "Auma", "Adong", "Ouma", "Wandera", "Wafula", "Namono", "Nabwire", "Mutesi", "Kisakye", "Nsubuga", "Kabuye", "Lwanga",
        "Ochieng", "Oryem", "Anyango", "Acheng", "Ejiet", "Okiror", "Echodu", "Amongin", "Aluku", "Drani", "Bako",
    ];

    private static readonly string[] Areas =
    [
        "Ntinda", "Kireka", "Bukoto", "Kawempe", "Nansana", "Mukono", "Kira", "Najjera", "Kansanga", "Makindye", "Mengo", "Nateete",
        "Kisaasi", "Bweyogerere", "Kyanja", "Namugongo", "Wandegeya", "Kamwokya", "Kabalagala", "Seeta", "Entebbe", "Wakiso",
    ];

    private static readonly string[] BloodGroups = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];

    private static readonly string[] Histories =
    [
        "Hypertension, on amlodipine.", "Type 2 diabetes.", "Asthma since childhood.", "Sickle cell disease.", "Penicillin allergy.",
        "Peptic ulcer disease.", "Treated for malaria last month.", "Previous caesarean section.", "Epilepsy, well controlled.",
    ];

    /// <summary>Mobile prefixes after the leading 07 (MTN and Airtel ranges), leaving out 0772.</summary>
    private static readonly string[] Prefixes = ["01", "03", "04", "05", "52", "53", "54", "56", "57", "58", "59", "82", "83", "84", "85", "89"];

    /// <summary><paramref name="count"/> patients; the first is Mary Nakato, the name of the demo patient account.</summary>
    public static IReadOnlyList<PatientInput> Generate(int count, int seed, DateTime today)
    {
        var rng = new Random(seed);
        var phones = new HashSet<string>();
        string Phone()
        {
            string phone;
            do
                phone = "07" + Prefixes[rng.Next(Prefixes.Length)] + rng.Next(0, 1_000_000).ToString("D6");
            while (!phones.Add(phone));
            return phone;
        }
        T Pick<T>(T[] items) => items[rng.Next(items.Length)];

        var people = new List<PatientInput>(count);
        for (var i = 0; i < count; i++)
        {
            var female = i == 0 || rng.NextDouble() < 0.56;
            var given = i == 0 ? "Mary" : Pick(female ? FemaleNames : MaleNames);
            var family = i == 0 ? "Nakato" : Pick(FamilyNames);
            var ageRoll = rng.NextDouble();
            var age = i == 0 ? 34 : ageRoll < 0.24 ? rng.Next(0, 14) : ageRoll < 0.86 ? rng.Next(14, 60) : rng.Next(60, 88);
            var dateOfBirth = today.AddYears(-age).AddDays(-rng.Next(1, 365));
            var child = age < 16;
            var hasPhone = !child && rng.NextDouble() < 0.92;
            var hasContact = child || rng.NextDouble() < 0.5;
            var contactGiven = Pick(rng.Next(2) == 0 ? FemaleNames : MaleNames);
            people.Add(new PatientInput
            {
                GivenName = given,
                FamilyName = family,
                Sex = female ? "female" : "male",
                DateOfBirth = dateOfBirth,
                Phone = hasPhone ? Phone() : null,
                Email = hasPhone && rng.NextDouble() < 0.28 ? $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}{rng.Next(1, 99)}@example.com" : null,
                Address = $"{(rng.Next(2) == 0 ? "Plot" : "House")} {rng.Next(1, 240)}, {Pick(Areas)}",
                EmergencyContactName = hasContact ? $"{contactGiven} {(child ? family : Pick(FamilyNames))}" : null,
                EmergencyContactPhone = hasContact ? Phone() : null,
                BloodGroup = rng.NextDouble() < 0.4 ? Pick(BloodGroups) : null,
                MedicalHistory = rng.NextDouble() < 0.15 ? Pick(Histories) : null,
            });
        }
        return people;
    }
}
