using Dapper;
using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Data.Patients;

namespace Clinic.Database.Tests.Integration;

/// <summary>Patient registration, validation, MRN, duplicates and search (db/procedures/patient_*.sql).</summary>
public class PatientTests
{
    /// <summary>The numbers 0 to 1999 as rows of one column n (no recursive CTE: the same on both engines).</summary>
    private const string Numbers0To1999 = """
        SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d AS n
          FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS a
          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS b
          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS c
          CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) AS e
        """;

    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>A patient unlikely to look like any other: random name, random date of birth, no phone.</summary>
    internal static PatientInput NewInput(string? family = null, string? given = null) => new()
    {
        GivenName = given ?? "G" + Letters(7),
        FamilyName = family ?? "F" + Letters(8),
        Sex = "female",
        DateOfBirth = new DateTime(1930, 1, 1).AddDays(Random.Shared.Next(0, 30_000)),
    };

    internal static string Letters(int n) =>
        new(Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    internal static string NewPhone() => "07" + Random.Shared.Next(10_000_000, 99_999_999);

    private static async Task<PatientProcedures> ReceptionAsync() => Db.PatientsAs((await Db.NewAccountAsync("receptionist")).Id);

    [TestCase("0772123456", "+256772123456")]
    [TestCase("+256 772 123 456", "+256772123456")]
    [TestCase("256772123456", "+256772123456")]
    [TestCase("(0772) 123-456", "+256772123456")]
    [TestCase("00256772123456", "+256772123456")]
    [TestCase("772123456", "+256772123456")]
    [TestCase("0414 123456", "+256414123456")]
    [TestCase("", null)]
    [TestCase("   ", null)]
    public async Task Phones_are_stored_in_one_format(string typed, string? stored)
    {
        var patients = await ReceptionAsync();
        var registered = await patients.RegisterAsync(NewInput() with { Phone = typed }, confirmDuplicate: true);
        var row = await patients.GetAsync(registered.PatientId);
        Assert.That(row!.Phone, Is.EqualTo(stored));
        if (stored is not null)
            Assert.That(row.PhoneLocal, Is.EqualTo("0" + stored[4..]));
    }

    [TestCase("12345")]
    [TestCase("07721234567")]
    [TestCase("077212345")]
    [TestCase("+44 7700 900123")]
    [TestCase("0072123456x")]
    [TestCase("call me")]
    [TestCase("00772123456")]
    [TestCase("07-72+123456")]
    public async Task What_cannot_be_a_phone_number_is_refused(string typed)
    {
        var patients = await ReceptionAsync();
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { Phone = typed }, true));
        Assert.That(ex!.Code, Is.EqualTo(50204));
        Assert.That(ex.Message, Is.EqualTo("That phone number does not look right. Use 0XXXXXXXXX or +256XXXXXXXXX."));
        var emergency = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { EmergencyContactPhone = typed }, true));
        Assert.That(emergency!.Code, Is.EqualTo(50204));
    }

    [Test]
    public async Task The_phone_format_follows_the_clinic_settings()
    {
        var admin = await Db.AdminIdAsync();
        var settings = Db.SettingsAs(admin);
        try
        {
            await settings.SetAsync("phone.country_code", "254");
            var patients = Db.PatientsAs(admin);
            var registered = await patients.RegisterAsync(NewInput() with { Phone = "0712 345 678" }, true);
            Assert.That((await patients.GetAsync(registered.PatientId))!.Phone, Is.EqualTo("+254712345678"));
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { Phone = "+256772123456" }, true));
            Assert.That(ex!.Message, Does.Contain("+254XXXXXXXXX"));
        }
        finally
        {
            await settings.SetAsync("phone.country_code", "256");
        }
    }

    [TestCase("", "Nakato", 50201)]
    [TestCase("Mary", "  ", 50201)]
    public async Task Names_are_required(string given, string family, int code)
    {
        var patients = await ReceptionAsync();
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { GivenName = given, FamilyName = family }, true));
        Assert.That(ex!.Code, Is.EqualTo(code));
        Assert.That(ex.Message.Length, Is.InRange(10, 128));
    }

    [Test]
    public async Task Date_of_birth_is_required_not_in_the_future_and_at_most_130_years_ago()
    {
        var patients = await ReceptionAsync();
        var missing = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { DateOfBirth = null }, true));
        Assert.That(missing!.Code, Is.EqualTo(50202));
        var future = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { DateOfBirth = DateTime.Today.AddDays(2) }, true));
        Assert.That(future!.Code, Is.EqualTo(50202));
        var ancient = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { DateOfBirth = DateTime.Today.AddYears(-130).AddDays(-2) }, true));
        Assert.That(ancient!.Code, Is.EqualTo(50203));

        await patients.RegisterAsync(NewInput() with { DateOfBirth = DateTime.Today.AddDays(-1) }, true);
        await patients.RegisterAsync(NewInput() with { DateOfBirth = DateTime.Today.AddYears(-130).AddDays(2) }, true);
    }

    [TestCase("not-an-email")]
    [TestCase("a@b")]
    [TestCase("a b@example.com")]
    [TestCase("@example.com")]
    public async Task Email_shape_is_checked(string email)
    {
        var patients = await ReceptionAsync();
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { Email = email }, true));
        Assert.That(ex!.Code, Is.EqualTo(50205));
    }

    [Test]
    public async Task Sex_and_blood_group_come_from_fixed_lists()
    {
        var patients = await ReceptionAsync();
        var sex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { Sex = "yes" }, true));
        Assert.That(sex!.Code, Is.EqualTo(50206));
        var blood = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { BloodGroup = "C+" }, true));
        Assert.That(blood!.Code, Is.EqualTo(50207));

        var ok = await patients.RegisterAsync(NewInput() with { Sex = null, BloodGroup = "ab-", Email = "Mary.N@Example.org" }, true);
        var row = await patients.GetAsync(ok.PatientId);
        Assert.That(row!.Sex, Is.EqualTo("unknown"));
        Assert.That(row.BloodGroup, Is.EqualTo("AB-"));
        Assert.That(row.Email, Is.EqualTo("mary.n@example.org"));
    }

    [Test]
    public async Task The_database_issues_the_MRN_in_the_configured_format()
    {
        var patients = await ReceptionAsync();
        var first = await patients.RegisterAsync(NewInput(), true);
        var second = await patients.RegisterAsync(NewInput(), true);
        Assert.That(first.Mrn, Does.Match(@"^HMS/\d{6}$"));
        Assert.That(int.Parse(second.Mrn[4..]), Is.EqualTo(int.Parse(first.Mrn[4..]) + 1));
        Assert.That((await patients.GetAsync(first.PatientId))!.Mrn, Is.EqualTo(first.Mrn));

        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        try
        {
            await settings.SetAsync("patient.mrn_prefix", "KLA-");
            await settings.SetAsync("patient.mrn_digits", "8");
            var third = await patients.RegisterAsync(NewInput(), true);
            Assert.That(third.Mrn, Is.EqualTo("KLA-" + (int.Parse(second.Mrn[4..]) + 1).ToString("D8")));
        }
        finally
        {
            await settings.SetAsync("patient.mrn_prefix", "HMS/");
            await settings.SetAsync("patient.mrn_digits", "6");
        }
    }

    [Test]
    public async Task Concurrent_registrations_get_distinct_gap_free_MRNs()
    {
        var patients = await ReceptionAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => patients.RegisterAsync(NewInput(), true))));
        var numbers = results.Select(r => int.Parse(r.Mrn[4..])).Order().ToList();
        Assert.That(numbers, Is.Unique);
        Assert.That(numbers[^1] - numbers[0], Is.EqualTo(31), "no gaps");
        Assert.That(results.Select(r => r.PatientId), Is.Unique);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE mrn IN @mrns", new { mrns = results.Select(r => r.Mrn).ToArray() }), Is.EqualTo(32));
    }

    [Test]
    public async Task A_refused_registration_does_not_use_up_an_MRN()
    {
        var patients = await ReceptionAsync();
        var before = await patients.RegisterAsync(NewInput(), true);
        await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(NewInput() with { Email = "bad" }, true));
        var after = await patients.RegisterAsync(NewInput(), true);
        Assert.That(int.Parse(after.Mrn[4..]), Is.EqualTo(int.Parse(before.Mrn[4..]) + 1));
    }

    [Test]
    public async Task A_possible_duplicate_by_birth_date_and_similar_name_needs_confirmation()
    {
        var patients = await ReceptionAsync();
        var family = "Nakat" + Letters(6);
        var original = await patients.RegisterAsync(NewInput(family, "Mary"), true);
        var dob = (await patients.GetAsync(original.PatientId))!.DateOfBirth;

        var similar = NewInput(family, "Maria") with { DateOfBirth = dob };
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(similar));
        Assert.That(ex!.Code, Is.EqualTo(PatientProcedures.PossibleDuplicate));
        Assert.That(ex.Message, Is.EqualTo("This may be a patient who is already registered. Check the matches and confirm to register anyway."));

        var candidates = await patients.DuplicateCandidatesAsync("Maria", family, dob, null);
        Assert.That(candidates.Select(c => c.PatientId), Does.Contain(original.PatientId));
        Assert.That(candidates.Single(c => c.PatientId == original.PatientId).SimilarName, Is.True);

        var confirmed = await patients.RegisterAsync(similar, confirmDuplicate: true);
        Assert.That(confirmed.PatientId, Is.Not.EqualTo(original.PatientId));

        // Same name, other birth date: not a duplicate.
        await patients.RegisterAsync(NewInput(family, "Mary") with { DateOfBirth = dob.AddYears(-1) });
    }

    [Test]
    public async Task A_possible_duplicate_by_phone_needs_confirmation()
    {
        var patients = await ReceptionAsync();
        var phone = NewPhone();
        var original = await patients.RegisterAsync(NewInput() with { Phone = phone }, true);
        var other = NewInput() with { Phone = "+256 " + phone[1..] };
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(other));
        Assert.That(ex!.Code, Is.EqualTo(50208));
        var candidates = await patients.DuplicateCandidatesAsync(other.GivenName, other.FamilyName, other.DateOfBirth, other.Phone);
        Assert.That(candidates.Single().PatientId, Is.EqualTo(original.PatientId));
        Assert.That(candidates.Single().SamePhone, Is.True);
        Assert.That(candidates.Single().PhoneLocal, Is.EqualTo(phone));
        await patients.RegisterAsync(other, true);
    }

    [Test]
    public async Task Updates_are_validated_and_change_the_record()
    {
        var patients = await ReceptionAsync();
        var registered = await patients.RegisterAsync(NewInput(), true);
        var input = NewInput() with { Phone = "0701 000 111", BloodGroup = "O+", MedicalHistory = "Asthma" };
        await patients.UpdateAsync(registered.PatientId, input);
        var row = await patients.GetAsync(registered.PatientId);
        Assert.That(row!.FamilyName, Is.EqualTo(input.FamilyName));
        Assert.That(row.Phone, Is.EqualTo("+256701000111"));
        Assert.That(row.Mrn, Is.EqualTo(registered.Mrn), "the MRN never changes");

        var bad = await Assert.CatchAsync<ClinicRuleException>(() => patients.UpdateAsync(registered.PatientId, input with { DateOfBirth = DateTime.Today.AddDays(1) }));
        Assert.That(bad!.Code, Is.EqualTo(50202));
        var missing = await Assert.CatchAsync<ClinicRuleException>(() => patients.UpdateAsync(int.MaxValue, input));
        Assert.That(missing!.Code, Is.EqualTo(50209));
        var get = await Assert.CatchAsync<ClinicRuleException>(() => patients.GetAsync(int.MaxValue));
        Assert.That(get!.Code, Is.EqualTo(50209));
    }

    [Test]
    public async Task Registration_writes_one_audit_row_with_the_acting_receptionist()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var registered = await Db.PatientsAs(receptionist).RegisterAsync(NewInput() with { Phone = NewPhone() }, true);
        var rows = await Db.QueryAsync<(string Table, string RowKey, string Action, int? Actor, string NewRow)>(
            "SELECT table_name, row_key, action, actor_user_id, new_row FROM audit_trail WHERE audit_log_id > @before AND table_name <> 'user_session'",
            new { before });
        Assert.That(rows, Has.Count.EqualTo(1), "one row for the patient (the receptionist's sign-in session has its own)");
        Assert.That(rows[0].Table, Is.EqualTo("patient"));
        Assert.That(rows[0].RowKey, Is.EqualTo(registered.PatientId.ToString()));
        Assert.That(rows[0].Action, Is.EqualTo("INSERT"));
        Assert.That(rows[0].Actor, Is.EqualTo(receptionist));
        using var json = JsonDocument.Parse(rows[0].NewRow);
        Assert.That(json.RootElement.GetProperty("mrn").GetString(), Is.EqualTo(registered.Mrn));
    }

    [Test]
    public async Task Roles_that_do_not_register_patients_are_refused()
    {
        foreach (var role in new[] { "pharmacist", "billing_clerk", "patient" })
        {
            var (id, _) = await Db.NewAccountAsync(role);
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => Db.PatientsAs(id).RegisterAsync(NewInput(), true));
            Assert.That(ex!.Code, Is.EqualTo(50102), role);
        }
        var (patientAccount, _) = await Db.NewAccountAsync("patient");
        var search = await Assert.CatchAsync<ClinicRuleException>(() => Db.PatientsAs(patientAccount).SearchAsync("a", 0, 10));
        Assert.That(search!.Code, Is.EqualTo(50102));
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await Db.PatientsAs(pharmacist).SearchAsync("zzzzzz", 0, 10), Is.Empty, "pharmacists look patients up");
        foreach (var role in new[] { "nurse", "doctor", "admin" })
            await Db.PatientsAs((await Db.NewAccountAsync(role)).Id).RegisterAsync(NewInput(), true);
    }

    [Test]
    public async Task Search_finds_by_name_prefix_any_word_phone_email_and_MRN()
    {
        var patients = await ReceptionAsync();
        var family = "Srch" + Letters(8);
        var phone = NewPhone();
        var email = $"{Letters(10)}@example.com";
        var mary = await patients.RegisterAsync(NewInput(family, "Mary Jane") with { Phone = phone, Email = email }, true);
        var john = await patients.RegisterAsync(NewInput(family, "John"), true);
        var other = await patients.RegisterAsync(NewInput("Other" + Letters(6), "Jane" + family), true);

        async Task<int[]> Ids(string q) => (await patients.SearchAsync(q, 0, 100)).Select(r => r.PatientId).ToArray();

        Assert.That(await Ids(family[..8]), Is.EquivalentTo(new[] { mary.PatientId, john.PatientId }), "family name prefix");
        Assert.That(await Ids(family.ToUpperInvariant()), Is.EquivalentTo(new[] { mary.PatientId, john.PatientId }), "case-insensitive");
        Assert.That(await Ids("jane " + family), Is.EqualTo(new[] { mary.PatientId }), "any word: the second given name");
        Assert.That(await Ids(family + ", mar"), Is.EqualTo(new[] { mary.PatientId }), "family, given");
        Assert.That(await Ids("jane" + family[..6]), Is.EqualTo(new[] { other.PatientId }), "given name prefix");
        Assert.That(await Ids(phone), Is.EqualTo(new[] { mary.PatientId }), "local phone");
        Assert.That(await Ids("+256 " + phone[1..4] + " " + phone[4..]), Is.EqualTo(new[] { mary.PatientId }), "international phone");
        Assert.That(await Ids(email.ToUpperInvariant()), Is.EqualTo(new[] { mary.PatientId }), "email");
        Assert.That(await Ids(email[..6] + "@"), Is.Empty, "email prefix needs the start of the address");
        Assert.That(await Ids(john.Mrn), Is.EqualTo(new[] { john.PatientId }), "MRN");
        Assert.That(await Ids(int.Parse(john.Mrn[4..]).ToString()), Is.EqualTo(new[] { john.PatientId }), "MRN number");
        Assert.That((await Ids(john.Mrn[..^1])), Does.Contain(john.PatientId), "MRN prefix");
        Assert.That(await Ids(""), Is.Empty);
        Assert.That(await Ids("ary"), Does.Not.Contain(mary.PatientId), "a word must match from its start");
    }

    [Test]
    public async Task Search_pages_with_a_total_count_and_never_returns_more_than_100()
    {
        var patients = await ReceptionAsync();
        var family = "Page" + Letters(8);
        for (var i = 0; i < 7; i++)
            await patients.RegisterAsync(NewInput(family, $"Given{(char)('a' + i)}"), true);
        var page = await patients.SearchAsync(family, 2, 3);
        Assert.That(page.Select(r => r.GivenName), Is.EqualTo(new[] { "Givenc", "Givend", "Givene" }));
        Assert.That(page.All(r => r.TotalCount == 7), Is.True);
        Assert.That(await patients.SearchAsync(family, 6, 3), Has.Count.EqualTo(1));

        for (var i = 0; i < 101; i++)
            await patients.RegisterAsync(NewInput(family), true);
        Assert.That(await patients.SearchAsync(family, 0, 100_000), Has.Count.EqualTo(100));
    }

    [Test]
    public async Task A_broad_name_search_pages_in_index_order_without_counting_every_match()
    {
        // 1,100 patients share a family name: more than the 1,000 name words the search will count.
        var patients = await ReceptionAsync();
        var family = "Bulk" + Letters(8);
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            var first = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(patient_id), 0) FROM patient");
            await connection.ExecuteAsync($$"""
                INSERT INTO patient (mrn, given_name, family_name, date_of_birth)
                SELECT CONCAT('BULK/', @family, '/', n), CONCAT('Given', n), @family, '1990-01-01'
                  FROM ({{Numbers0To1999}}) AS numbers
                 WHERE n < 1100
                """, new { family });
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE patient_id > @first AND family_name = @family", new { first, family }), Is.EqualTo(1100));
        }

        var page = await patients.SearchAsync(family, 0, 25);
        Assert.That(page, Has.Count.EqualTo(25));
        Assert.That(page.All(r => !r.TotalIsExact && r.TotalCount == 26), Is.True, "more rows exist: offset + rows + 1");
        Assert.That(page.Select(r => r.PatientId), Is.Ordered, "index order: the same word, then registration order");

        var next = await patients.SearchAsync(family, 25, 25);
        Assert.That(next, Has.Count.EqualTo(25));
        Assert.That(next[0].PatientId, Is.GreaterThan(page[^1].PatientId), "the next page continues where the last stopped");
        Assert.That(next.All(r => r.TotalCount == 51), Is.True);

        var last = await patients.SearchAsync(family, 1075, 100);
        Assert.That(last, Has.Count.EqualTo(25));
        Assert.That(last.All(r => r.TotalCount == 1100), Is.True, "the last page knows the total");
    }
    [Test]
    public async Task A_search_of_several_words_finds_the_patients_with_every_word_wherever_the_rare_word_stands()
    {
        var patients = await ReceptionAsync();
        var family = "Inter" + Letters(8);
        var rare = "Rare" + Letters(6);
        var dup = "Dup" + Letters(6);
        var page = "Pg" + Letters(6);
        for (var i = 0; i < 10; i++)
            await patients.RegisterAsync(NewInput(family), true);
        var ann = await patients.RegisterAsync(NewInput(family, "Ann " + rare), true);
        await patients.RegisterAsync(NewInput("Other" + Letters(6), rare), true);
        var twice = await patients.RegisterAsync(NewInput(family, $"{dup}a {dup}b"), true);
        var paged = new List<int>();
        for (var i = 0; i < 3; i++)
            paged.Add((await patients.RegisterAsync(NewInput(family, page), true)).PatientId);

        async Task<int[]> Ids(string q) => (await patients.SearchAsync(q, 0, 100)).Select(r => r.PatientId).ToArray();

        Assert.That(await Ids($"{family} {rare}"), Is.EqualTo(new[] { ann.PatientId }), "the rare word second");
        Assert.That(await Ids($"{rare} {family}"), Is.EqualTo(new[] { ann.PatientId }), "the rare word first");
        Assert.That(await Ids($"{family[..7]} {rare[..6]}"), Is.EqualTo(new[] { ann.PatientId }), "prefixes");
        Assert.That(await Ids($"ann {family} {rare}"), Is.EqualTo(new[] { ann.PatientId }), "three words, the rare one last");
        Assert.That(await Ids($"{family} ann"), Does.Contain(ann.PatientId), "a word shared with other patients");
        Assert.That(await Ids($"{family} {rare}x"), Is.Empty, "every word must match");
        Assert.That(await Ids($"{dup} {family}"), Is.EqualTo(new[] { twice.PatientId }), "a patient two of whose words match comes once");

        var result = await patients.SearchAsync($"{family} {page}", 1, 1);
        Assert.That(result.Select(r => r.PatientId), Is.EqualTo(new[] { paged[1] }), "registration order within the same word");
        Assert.That(result.Single().TotalCount, Is.EqualTo(3));
        Assert.That(result.Single().TotalIsExact, Is.True);
        Assert.That(await patients.SearchAsync($"{family} {page}", 3, 10), Is.Empty, "past the last match");
    }

    [Test]
    public async Task Two_names_are_found_as_a_pair_of_words_which_follows_a_rename_and_counts_exactly()
    {
        var patients = await ReceptionAsync();
        var family = "Pair" + Letters(8);
        var given = "Grace" + Letters(5);
        var grace = await patients.RegisterAsync(NewInput(family, given + " Mary"), true);
        var other = await patients.RegisterAsync(NewInput(family, given + "x"), true);    // a longer word starting with the given name
        await patients.RegisterAsync(NewInput(family, "Joan"), true);
        await patients.RegisterAsync(NewInput("Else" + Letters(6), given), true);

        async Task<int[]> Ids(string q) => (await patients.SearchAsync(q, 0, 100)).Select(r => r.PatientId).ToArray();
        // three words, every ordered pair of two different ones
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_name_pair WHERE patient_id = @id", new { id = grace.PatientId }), Is.EqualTo(6));

        var found = await patients.SearchAsync($"{given} {family}", 0, 100);
        Assert.That(found.Select(r => r.PatientId), Is.EqualTo(new[] { grace.PatientId, other.PatientId }),
            "the word itself, then the longer word that starts with it");
        Assert.That(found.All(r => r.TotalIsExact && r.TotalCount == 2), Is.True);
        Assert.That(await Ids($"{family} {given}"), Is.EqualTo(new[] { grace.PatientId, other.PatientId }), "either order");
        Assert.That(await Ids($"{family[..6]} {given[..6]}"), Is.EquivalentTo(new[] { grace.PatientId, other.PatientId }), "prefixes");
        Assert.That(await Ids($"{given} {family} mar"), Is.EqualTo(new[] { grace.PatientId }), "a third word");
        Assert.That(await Ids($"{given} {given}x"), Is.EqualTo(new[] { other.PatientId }),
            "one the start of the other: not a pair, and one word of the name matches both, as a search of one word would");

        await patients.UpdateAsync(grace.PatientId, NewInput("Renamed" + Letters(6), given + " Mary"));
        Assert.That(await Ids($"{given} {family}"), Is.EqualTo(new[] { other.PatientId }), "the old pair is gone");
        Assert.That(await Ids($"mary {given}"), Is.EqualTo(new[] { grace.PatientId }), "the new name's pairs are there");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient_name_pair WHERE patient_id = @id", new { id = grace.PatientId }), Is.EqualTo(6));
    }

    [Test]
    public async Task A_search_of_two_broad_words_pages_without_counting_every_match()
    {
        // 1,100 patients share a given and a family name: more than the 1,000 name words the search counts.
        var patients = await ReceptionAsync();
        var family = "Both" + Letters(8);
        var given = "Giv" + Letters(8);
        await using (var connection = await Db.OpenAsync(Db.Migrator))
        {
            await connection.ExecuteAsync($$"""
                INSERT INTO patient (mrn, given_name, family_name, date_of_birth)
                SELECT CONCAT('BOTH/', @family, '/', n), @given, @family, '1990-01-01'
                  FROM ({{Numbers0To1999}}) AS numbers
                 WHERE n < 1100
                """, new { family, given });
        }
        var loneName = "Lone" + Letters(6);
        var lone = await patients.RegisterAsync(NewInput(family, loneName), true);

        var page = await patients.SearchAsync($"{given} {family}", 0, 25);
        Assert.That(page, Has.Count.EqualTo(25));
        Assert.That(page.All(r => !r.TotalIsExact && r.TotalCount == 26), Is.True, "more rows exist: offset + rows + 1");
        Assert.That(page.Select(r => r.PatientId), Is.Ordered);
        Assert.That(page.Select(r => r.PatientId), Does.Not.Contain(lone.PatientId));

        var next = await patients.SearchAsync($"{family} {given}", 25, 25);
        Assert.That(next[0].PatientId, Is.GreaterThan(page[^1].PatientId), "the next page continues where the last stopped");
        Assert.That(next.All(r => r.TotalCount == 51), Is.True);
        var last = await patients.SearchAsync($"{given} {family}", 1075, 100);
        Assert.That(last, Has.Count.EqualTo(25));
        Assert.That(last.All(r => r.TotalCount == 1100), Is.True, "the last page knows the total");

        var found = await patients.SearchAsync($"{family} {loneName}", 0, 25);
        Assert.That(found.Select(r => r.PatientId), Is.EqualTo(new[] { lone.PatientId }), "the rare word second, the broad word first");
        Assert.That(found.Single().TotalIsExact, Is.True);
    }
}
