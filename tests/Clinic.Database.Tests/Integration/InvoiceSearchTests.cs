using Clinic.Data.Billing;
using Clinic.Data.Patients;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// invoice_search, one test per path: exact invoice number, exact MRN, name word prefixes (one word, two words,
/// few patients and many patients), the status filter, today's unpaid, and paging with the capped total.
/// </summary>
public class InvoiceSearchTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>A patient with the given names and <paramref name="invoices"/> issued invoices (oldest first); returns (patient, MRN, invoice ids).</summary>
    private static async Task<(int PatientId, string Mrn, List<int> Invoices)> PatientWithInvoicesAsync(string given, string family, int invoices)
    {
        var admin = await Db.AdminIdAsync();
        var patientId = (await Db.PatientsAs(admin).RegisterAsync(new PatientInput
        {
            GivenName = given, FamilyName = family, Sex = "female", DateOfBirth = new DateTime(1985, 3, 4),
        }, confirmDuplicate: true)).PatientId;
        var ids = new List<int>();
        for (var i = 0; i < invoices; i++)
        {
            var id = await Db.NewDraftInvoiceForAsync(patientId, 1_000m + i);
            await Db.InvoicesAs(admin).IssueAsync(id);
            ids.Add(id);
        }
        var mrn = await Db.ScalarAsync<string>("SELECT mrn FROM patient WHERE patient_id = @patientId", new { patientId });
        return (patientId, mrn, ids);
    }

    private static void AssertNewestFirst(IReadOnlyList<InvoiceSearchRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
            Assert.That((rows[i - 1].CreatedAt, rows[i - 1].InvoiceId), Is.GreaterThan((rows[i].CreatedAt, rows[i].InvoiceId)), "newest first");
    }

    private static string Tag() => new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray()).PadRight(5, 'q');

    private static async Task<InvoiceProcedures> ReaderAsync() => Db.InvoicesAs(await Db.NewClerkAsync());

    private static async Task<List<InvoiceSearchRow>> AllAsync(InvoiceProcedures reader, InvoiceSearchFilter filter)
    {
        var all = new List<InvoiceSearchRow>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await reader.SearchAsync(filter, offset, 100);
            all.AddRange(page);
            if (page.Count < 100)
                return all;
        }
    }

    [Test]
    public async Task An_invoice_number_finds_that_invoice_only()
    {
        var reader = await ReaderAsync();
        var (id, number) = await Db.NewIssuedInvoiceAsync(2_000m);
        var rows = await reader.SearchAsync(new InvoiceSearchFilter { Query = " " + number + " " });
        Assert.That(rows.Select(x => (x.InvoiceId, x.InvoiceNumber, x.TotalCount)), Is.EqualTo(new[] { (id, number, 1L) }));
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = number, Status = "paid" }), Is.Empty);
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = number + "9" }), Is.Empty);
    }

    [Test]
    public async Task An_mrn_finds_the_patients_invoices_newest_first()
    {
        var reader = await ReaderAsync();
        var tag = Tag();
        var (_, mrn, ids) = await PatientWithInvoicesAsync("Mrn" + tag, "Case" + tag, 3);
        var other = await PatientWithInvoicesAsync("Mrn" + tag, "Other" + tag, 1);
        var rows = await reader.SearchAsync(new InvoiceSearchFilter { Query = mrn });
        Assert.That(rows.Select(x => x.InvoiceId), Is.EqualTo(ids.AsEnumerable().Reverse()));
        Assert.That(rows.Select(x => x.Mrn), Is.All.EqualTo(mrn));
        Assert.That(rows.Select(x => x.TotalCount), Is.All.EqualTo(3L));
        Assert.That(rows.Select(x => x.InvoiceId), Does.Not.Contain(other.Invoices[0]));
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = mrn, Status = "paid" }), Is.Empty);
    }

    [Test]
    public async Task A_name_word_prefix_finds_the_invoices_of_every_patient_with_such_a_word_and_only_a_prefix()
    {
        var reader = await ReaderAsync();
        var tag = Tag();
        var a = await PatientWithInvoicesAsync("Anna" + tag, "Wo" + tag + "kuru", 2);
        var b = await PatientWithInvoicesAsync("Bea" + tag, "Wo" + tag + "kuru", 1);
        var c = await PatientWithInvoicesAsync("Cara" + tag, "Mu" + tag + "wo", 1);

        var rows = await reader.SearchAsync(new InvoiceSearchFilter { Query = "wo" + tag.ToUpperInvariant() });
        Assert.That(rows.Select(x => x.InvoiceId), Is.EquivalentTo(a.Invoices.Concat(b.Invoices)));
        Assert.That(rows.Select(x => x.TotalCount), Is.All.EqualTo(3L));
        AssertNewestFirst(rows);
        Assert.That(rows.First(x => x.InvoiceId == b.Invoices[0]).PatientName, Is.EqualTo($"Bea{tag} Wo{tag}kuru"));
        // Inside a word is not a match (no leading-wildcard search).
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = tag + "kuru" }), Is.Empty);
        Assert.That((await reader.SearchAsync(new InvoiceSearchFilter { Query = "mu" + tag })).Select(x => x.InvoiceId), Is.EqualTo(c.Invoices));
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = "%" + tag }), Is.Empty);
        // A status filter takes the few-patients path's own statement.
        var draft = await Db.NewDraftInvoiceForAsync(a.PatientId, 80m);
        Assert.That((await reader.SearchAsync(new InvoiceSearchFilter { Query = "wo" + tag, Status = "draft" })).Select(x => (x.InvoiceId, x.TotalCount)),
            Is.EqualTo(new[] { (draft, 1L) }));
        Assert.That((await reader.SearchAsync(new InvoiceSearchFilter { Query = "wo" + tag })).Select(x => x.InvoiceId).First(), Is.EqualTo(draft));
    }

    [Test]
    public async Task Every_word_of_the_query_must_start_a_word_of_the_name()
    {
        var reader = await ReaderAsync();
        var tag = Tag();
        var a = await PatientWithInvoicesAsync("Mary" + tag + " Jane", "Nak" + tag + "ato", 2);
        await PatientWithInvoicesAsync("John" + tag, "Nak" + tag + "ato", 1);
        await PatientWithInvoicesAsync("Mary" + tag, "Other" + tag, 1);

        var both = await reader.SearchAsync(new InvoiceSearchFilter { Query = $"mary{tag} nak{tag}" });
        Assert.That(both.Select(x => x.InvoiceId), Is.EquivalentTo(a.Invoices));
        Assert.That(both.Select(x => x.TotalCount), Is.All.EqualTo(2L));
        var reversed = await reader.SearchAsync(new InvoiceSearchFilter { Query = $"Nak{tag}, Mary{tag}" });
        Assert.That(reversed.Select(x => x.InvoiceId), Is.EquivalentTo(a.Invoices));
        var three = await reader.SearchAsync(new InvoiceSearchFilter { Query = $"mary{tag} ja nak{tag}" });
        Assert.That(three.Select(x => x.InvoiceId), Is.EquivalentTo(a.Invoices));
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = $"mary{tag} nobody{tag}" }), Is.Empty);
    }

    [Test]
    public async Task A_name_word_shared_by_many_patients_reads_the_newest_invoices_and_checks_each()
    {
        // More than 1000 name words start with the prefix (entries of the derived word table for patients
        // without invoices), so the search walks the newest invoices instead of the patients.
        var reader = await ReaderAsync();
        var tag = Tag();
        var a = await PatientWithInvoicesAsync("Many" + tag + "real", "Zed" + tag, 2);
        var b = await PatientWithInvoicesAsync("Many" + tag + "also", "Yod" + tag, 1);
        var word = "many" + tag;
        await Db.ScalarAsync<long>(
            """
            INSERT INTO patient_name_word (word, patient_id)
            SELECT CONCAT(@word, 'x', n), 2000000000 + n
              FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d AS n
                      FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS a
                     CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS b
                     CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS c
                     CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1) AS e) AS numbers
             WHERE n < 1200;
            SELECT 1
            """, new { word });
        var rows = await reader.SearchAsync(new InvoiceSearchFilter { Query = word });
        Assert.That(rows.Select(x => x.InvoiceId), Is.EqualTo(a.Invoices.Concat(b.Invoices).OrderByDescending(x => x)));
        Assert.That(rows.Select(x => x.TotalCount), Is.All.EqualTo(3L));
        var two = await reader.SearchAsync(new InvoiceSearchFilter { Query = $"{word} zed{tag}" });
        Assert.That(two.Select(x => x.InvoiceId), Is.EquivalentTo(a.Invoices));
        var paged = await reader.SearchAsync(new InvoiceSearchFilter { Query = word }, 1, 1);
        Assert.That(paged.Select(x => (x.InvoiceId, x.TotalCount)), Is.EqualTo(new[] { (rows[1].InvoiceId, 3L) }));
        // With a status filter the walk takes its own statement (the index-only one cannot see the status).
        var draft = await Db.NewDraftInvoiceForAsync(b.PatientId, 90m);
        var drafts = await reader.SearchAsync(new InvoiceSearchFilter { Query = word, Status = "draft" });
        Assert.That(drafts.Select(x => (x.InvoiceId, x.TotalCount)), Is.EqualTo(new[] { (draft, 1L) }));
        var issued = await reader.SearchAsync(new InvoiceSearchFilter { Query = word, Status = "issued" });
        Assert.That(issued.Select(x => x.InvoiceId), Is.EqualTo(a.Invoices.Concat(b.Invoices).OrderByDescending(x => x)));
        var unfiltered = await reader.SearchAsync(new InvoiceSearchFilter { Query = word });
        Assert.That(unfiltered.Select(x => (x.InvoiceId, x.TotalCount)).First(), Is.EqualTo((draft, 4L)));
    }

    [Test]
    public async Task The_status_filter_lists_that_status_newest_first()
    {
        var reader = await ReaderAsync();
        var (id, _) = await Db.NewIssuedInvoiceAsync(1_500m);
        var draft = await Db.NewDraftInvoiceAsync(700m);
        var issued = await reader.SearchAsync(new InvoiceSearchFilter { Status = "issued" }, 0, 100);
        Assert.That(issued.Select(x => x.Status), Is.All.EqualTo("issued"));
        Assert.That(issued.Select(x => x.InvoiceId), Does.Contain(id).And.Not.Contain(draft));
        AssertNewestFirst(issued);
        var drafts = await reader.SearchAsync(new InvoiceSearchFilter { Status = "draft" }, 0, 100);
        Assert.That(drafts.Select(x => x.Status), Is.All.EqualTo("draft"));
        Assert.That(drafts.Select(x => x.InvoiceId), Does.Contain(draft).And.Not.Contain(id));
        var any = await reader.SearchAsync(new InvoiceSearchFilter(), 0, 100);
        Assert.That(any.Select(x => x.InvoiceId), Does.Contain(id).And.Contain(draft));
        AssertNewestFirst(any);
    }

    [Test]
    public async Task Todays_unpaid_are_issued_today_and_owing_and_combine_with_a_query()
    {
        var reader = await ReaderAsync();
        var tag = Tag();
        var a = await PatientWithInvoicesAsync("Owes" + tag, "Today" + tag, 2);
        // One of them was issued yesterday: not today's.
        await Db.ScalarAsync<long>("UPDATE invoice SET issued_at = issued_at - INTERVAL 1 DAY WHERE invoice_id = @id; SELECT 1", new { id = a.Invoices[0] });
        var draft = await Db.NewDraftInvoiceForAsync(a.PatientId, 50m);
        var all = await AllAsync(reader, new InvoiceSearchFilter { UnpaidToday = true });
        Assert.That(all.Select(x => x.InvoiceId), Does.Contain(a.Invoices[1]).And.Not.Contain(a.Invoices[0]).And.Not.Contain(draft));
        Assert.That(all.Select(x => x.Status), Is.All.AnyOf("issued", "partially_paid"));
        Assert.That(all.Select(x => x.IssuedAt!.Value.Date), Is.All.EqualTo(all[0].IssuedAt!.Value.Date));
        var byName = await reader.SearchAsync(new InvoiceSearchFilter { Query = "owes" + tag, UnpaidToday = true });
        Assert.That(byName.Select(x => (x.InvoiceId, x.TotalCount)), Is.EqualTo(new[] { (a.Invoices[1], 1L) }));
        var byMrn = await reader.SearchAsync(new InvoiceSearchFilter { Query = a.Mrn, UnpaidToday = true });
        Assert.That(byMrn.Select(x => x.InvoiceId), Is.EqualTo(new[] { a.Invoices[1] }));
        Assert.That((await reader.SearchAsync(new InvoiceSearchFilter { Query = a.Mrn })), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Pages_cover_every_match_once_and_the_total_is_capped_at_1000_past_the_offset()
    {
        var reader = await ReaderAsync();
        var tag = Tag();
        var a = await PatientWithInvoicesAsync("Page" + tag, "One" + tag, 3);
        var b = await PatientWithInvoicesAsync("Page" + tag, "Two" + tag, 2);
        var seen = new List<InvoiceSearchRow>();
        for (var offset = 0; offset < 5; offset++)
        {
            var page = await reader.SearchAsync(new InvoiceSearchFilter { Query = "page" + tag }, offset, 1);
            Assert.That(page, Has.Count.EqualTo(1));
            Assert.That(page[0].TotalCount, Is.EqualTo(5L));
            seen.AddRange(page);
        }
        Assert.That(seen.Select(x => x.InvoiceId), Is.EqualTo(a.Invoices.Concat(b.Invoices).OrderByDescending(x => x)));
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = "page" + tag }, 5, 1), Is.Empty);
        Assert.That(await reader.SearchAsync(new InvoiceSearchFilter { Query = "page" + tag }, 0, 500), Has.Count.EqualTo(5));

        // The count stops at offset + 1000.
        var invoices = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice");
        var first = await reader.SearchAsync(new InvoiceSearchFilter(), 0, 10);
        Assert.That(first, Has.Count.EqualTo(10));
        Assert.That(first[0].TotalCount, Is.InRange(Math.Min(invoices, 1000L), 1000L));
        var later = await reader.SearchAsync(new InvoiceSearchFilter(), 3, 10);
        Assert.That(later[0].TotalCount, Is.InRange(Math.Min(invoices, 1003L), 1003L));
    }
}
