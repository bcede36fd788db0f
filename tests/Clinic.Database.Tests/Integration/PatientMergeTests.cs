using Clinic.Data.Common;
using Dapper;
using static Clinic.Database.Tests.Integration.PatientTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>patient_merge: every foreign-key reference moves, the merged record stays.</summary>
public class PatientMergeTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task Merge_moves_every_foreign_key_reference_found_in_the_schema_and_keeps_the_merged_row()
    {
        var adminId = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(adminId);
        var survivor = await patients.RegisterAsync(NewInput(), true);
        var merged = await patients.RegisterAsync(NewInput(), true);
        var earlier = await patients.RegisterAsync(NewInput(), true);
        await patients.MergeAsync(merged.PatientId, earlier.PatientId, "Registered twice");

        // A table the merge procedure has never heard of: the merge must find it in the catalogue.
        var probe = "merge_probe_" + Letters(6);
        await using var owner = await Db.OpenAsync(Db.Migrator);
        await owner.ExecuteAsync($"""
            CREATE TABLE {probe} (
                {probe}_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                patient_id INT UNSIGNED NOT NULL,
                referred_by_patient_id INT UNSIGNED NULL,
                CONSTRAINT fk_{probe}_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
                CONSTRAINT fk_{probe}_referred FOREIGN KEY (referred_by_patient_id) REFERENCES patient (patient_id)
            ) ENGINE = InnoDB
            """);
        try
        {
            await owner.ExecuteAsync($"INSERT INTO {probe} (patient_id, referred_by_patient_id) VALUES (@m, @m), (@m, NULL), (@s, @m)",
                new { m = merged.PatientId, s = survivor.PatientId });

            await patients.MergeAsync(survivor.PatientId, merged.PatientId, "Same person, registered twice");

            // Every foreign key that references patient, read from the schema: none may still point at the merged record.
            var references = await Db.QueryAsync<(string Table, string Column)>("""
                SELECT table_name, column_name FROM information_schema.key_column_usage
                 WHERE table_schema = DATABASE() AND referenced_table_schema = DATABASE() AND referenced_table_name = 'patient'
                """);
            Assert.That(references, Does.Contain((probe, "patient_id")).And.Contain((probe, "referred_by_patient_id")));
            foreach (var (table, column) in references.Where(r => !(r.Table == "patient" && r.Column == "merged_into_patient_id")))
                Assert.That(await Db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{table}` WHERE `{column}` = @id", new { id = merged.PatientId }),
                    Is.EqualTo(0), $"{table}.{column} still references the merged patient: the merge does not cover it");
            Assert.That(await Db.ScalarAsync<long>($"SELECT COUNT(*) FROM {probe} WHERE patient_id = @id", new { id = survivor.PatientId }), Is.EqualTo(3));
            Assert.That(await Db.ScalarAsync<long>($"SELECT COUNT(*) FROM {probe} WHERE referred_by_patient_id = @id", new { id = survivor.PatientId }), Is.EqualTo(2));
        }
        finally
        {
            await owner.ExecuteAsync($"DROP TABLE IF EXISTS {probe}");
        }

        var row = await patients.GetAsync(merged.PatientId);
        Assert.That(row!.Status, Is.EqualTo("merged"));
        Assert.That(row.MergedIntoPatientId, Is.EqualTo(survivor.PatientId));
        Assert.That(row.MergedIntoMrn, Is.EqualTo(survivor.Mrn));
        Assert.That(row.MergeReason, Is.EqualTo("Same person, registered twice"));
        Assert.That((await patients.GetAsync(earlier.PatientId))!.MergedIntoPatientId, Is.EqualTo(survivor.PatientId), "chains stay one step long");

        var audit = await Db.QueryAsync<(string Action, int? Actor)>(
            "SELECT action, actor_user_id FROM audit_trail WHERE table_name = 'patient' AND row_key = @id ORDER BY audit_log_id DESC LIMIT 1",
            new { id = merged.PatientId.ToString() });
        Assert.That(audit[0], Is.EqualTo(("UPDATE", (int?)adminId)));
    }

    [Test]
    public async Task Merged_records_leave_search_and_cannot_be_edited_or_merged_again()
    {
        var adminId = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(adminId);
        var family = "Mrg" + Letters(8);
        var survivor = await patients.RegisterAsync(NewInput(family), true);
        var merged = await patients.RegisterAsync(NewInput(family), true);
        await patients.MergeAsync(survivor.PatientId, merged.PatientId, "Duplicate");

        Assert.That((await patients.SearchAsync(family, 0, 10)).Select(r => r.PatientId), Is.EqualTo(new[] { survivor.PatientId }));
        var edit = await Assert.CatchAsync<ClinicRuleException>(() => patients.UpdateAsync(merged.PatientId, NewInput()));
        Assert.That(edit!.Code, Is.EqualTo(50210));
        var again = await Assert.CatchAsync<ClinicRuleException>(() => patients.MergeAsync(survivor.PatientId, merged.PatientId, "Again"));
        Assert.That(again!.Code, Is.EqualTo(50210));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM patient WHERE patient_id = @id", new { id = merged.PatientId }), Is.EqualTo(1), "never deleted");
    }

    [Test]
    public async Task Merge_is_for_administrators_with_a_reason_and_two_different_records()
    {
        var adminId = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(adminId);
        var a = await patients.RegisterAsync(NewInput(), true);
        var b = await patients.RegisterAsync(NewInput(), true);

        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var role = await Assert.CatchAsync<ClinicRuleException>(() => Db.PatientsAs(receptionist).MergeAsync(a.PatientId, b.PatientId, "x"));
        Assert.That(role!.Code, Is.EqualTo(50102));
        var same = await Assert.CatchAsync<ClinicRuleException>(() => patients.MergeAsync(a.PatientId, a.PatientId, "x"));
        Assert.That(same!.Code, Is.EqualTo(50211));
        var reason = await Assert.CatchAsync<ClinicRuleException>(() => patients.MergeAsync(a.PatientId, b.PatientId, "  "));
        Assert.That(reason!.Code, Is.EqualTo(50212));
        var missing = await Assert.CatchAsync<ClinicRuleException>(() => patients.MergeAsync(a.PatientId, int.MaxValue, "x"));
        Assert.That(missing!.Code, Is.EqualTo(50209));
        Assert.That((await patients.GetAsync(b.PatientId))!.Status, Is.EqualTo("active"));
    }

    [Test]
    public async Task A_unique_reference_on_both_records_refuses_the_whole_merge()
    {
        var adminId = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(adminId);
        var a = await patients.RegisterAsync(NewInput(), true);
        var b = await patients.RegisterAsync(NewInput(), true);
        var probe = "merge_unique_" + Letters(6);
        await using var owner = await Db.OpenAsync(Db.Migrator);
        await owner.ExecuteAsync($"""
            CREATE TABLE {probe} (
                patient_id INT UNSIGNED NOT NULL PRIMARY KEY,
                CONSTRAINT fk_{probe}_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id)
            ) ENGINE = InnoDB
            """);
        try
        {
            await owner.ExecuteAsync($"INSERT INTO {probe} (patient_id) VALUES (@a), (@b)", new { a = a.PatientId, b = b.PatientId });
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => patients.MergeAsync(a.PatientId, b.PatientId, "Duplicate"));
            Assert.That(ex!.Code, Is.EqualTo(50213));
            Assert.That((await patients.GetAsync(b.PatientId))!.Status, Is.EqualTo("active"), "rolled back");
        }
        finally
        {
            await owner.ExecuteAsync($"DROP TABLE IF EXISTS {probe}");
        }
    }

    [Test]
    public async Task Merge_joins_the_two_records_drafts_without_a_visit_into_the_survivors_draft()
    {
        var adminId = await Db.AdminIdAsync();
        var patients = Db.PatientsAs(adminId);
        var survivor = await patients.RegisterAsync(NewInput(), true);
        var merged = await patients.RegisterAsync(NewInput(), true);
        var billing = Db.BillingAs(adminId);
        var dressing = await Db.NewServiceAsync(7000m);
        var injection = await Db.NewServiceAsync(3000m);
        var first = await billing.AddServiceChargeAsync(survivor.PatientId, null, dressing);
        var second = await billing.AddServiceChargeAsync(merged.PatientId, null, injection, 2m);

        await patients.MergeAsync(survivor.PatientId, merged.PatientId, "Same person, registered twice");

        var drafts = await Db.QueryAsync<(int InvoiceId, decimal Subtotal, decimal Total)>(
            "SELECT invoice_id, subtotal, total FROM invoice WHERE patient_id IN @ids AND status = 'draft'",
            new { ids = new[] { survivor.PatientId, merged.PatientId } });
        Assert.That(drafts, Has.Count.EqualTo(1), "one draft without a visit per patient");
        Assert.That(drafts[0].Subtotal, Is.EqualTo(13000m));
        Assert.That(drafts[0].Total, Is.EqualTo(13000m));
        var chargeInvoices = await Db.QueryAsync<int>("SELECT invoice_id FROM charge WHERE charge_id IN @ids",
            new { ids = new[] { first.ChargeId, second.ChargeId } });
        Assert.That(chargeInvoices, Is.All.EqualTo(drafts[0].InvoiceId));
    }
}
