using Clinic.Data.Audit;
using System.Text.Json;
using Clinic.Data.Common;
using Clinic.Database.Migrations;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

public class AuditTrailTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    // Tables that hold no clinic data: the migration journal, the audit log itself and fixed reference data.
    // sequence_counter only hands out numbers (the MRN it issues is audited with the patient row), and
    // patient_name_word and patient_name_pair are search indexes derived from patient names by triggers.
    // sign_in_throttle holds counters of failed sign-ins (the account's own counters are audited), and
    // auth_secret a random server secret. Who may do what (permission, role_permission) is audited: it changes
    // through migrations, and the trail shows which and by which database account.
    // report_catalog is the analysts' documentation, rewritten from the view scripts on every migration run
    // (git holds its history), and report_secret, like auth_secret, a random salt that must not be copied anywhere.
    // The report_* summary tables (appointment day, diagnosis month, dispensing day, prescribing month, visit patient) are counts derived by
    // triggers from audited rows.
    // outbox_message (reminders and notifications) is derived from audited rows too: its cause (appointment, lab order,
    // prescription), the template (message_template, audited) and the patient's contact details and channel choice
    // (patient, patient_contact_preference, audited); it is written by triggers and by the app's sender, never by a clinic
    // user, and auditing each claim and delivery attempt would copy every message body into the permanent trail.
    private static readonly string[] NotAudited =
    [
        "schema_version", "role", "sequence_counter", "patient_name_word", "patient_name_pair", "sign_in_throttle", "auth_secret",
        "report_catalog", "report_secret", "report_appointment_day", "report_diagnosis_month", "report_dispensing_day",
        "report_prescribing_month", "report_visit_patient", "outbox_message", "report_revenue_invoice", "report_revenue_day", "report_lab_day", "report_lab_result_time",
        "report_queue_day", "report_queue_wait_time",
        // CSV import: the kinds and their columns are fixed by migrations; a batch's header, staged rows, error report and
        // external ids are bulk data derived from the file (thousands of rows a file). import_batch itself is audited,
        // with the file's hash and counts, and so is every row the import writes, by its own table's triggers.
        "import_kind", "import_column", "import_batch_column", "import_row", "import_error", "import_key",
        // import_bulk_write (0103) holds one row per connection only while an import batch's rows are being inserted,
        // inside that transaction; it is always empty once committed.
        "import_bulk_write",
    ];

    // Columns left out of the audit on purpose: secrets.
    private static readonly string[] Redacted =
    [
        "user_account.password_hash", "user_account.password_prf", "user_account.password_iterations", "user_account.password_salt",
        "user_account.password_key", "user_session.token_hash", "portal_invitation.code_hash",
    ];

    [Test]
    public async Task Creating_an_account_writes_exactly_one_audit_row_with_the_acting_admin()
    {
        var adminId = await Db.AdminIdAsync();
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");

        var (id, username) = await Db.NewAccountAsync("nurse", temporary: true);

        var rows = await Db.QueryAsync<AuditLogRow>(
            "SELECT table_name, row_key, action, old_row, new_row, actor_user_id, db_user FROM audit_trail WHERE audit_log_id > @before AND table_name <> 'user_session'",
            new { before });
        Assert.That(rows, Has.Count.EqualTo(1));
        var row = rows[0];
        Assert.That(row.TableName, Is.EqualTo("user_account"));
        Assert.That(row.RowKey, Is.EqualTo(id.ToString()));
        Assert.That(row.Action, Is.EqualTo("INSERT"));
        Assert.That(row.OldRow, Is.Null);
        Assert.That(row.ActorUserId, Is.EqualTo(adminId));
        Assert.That(row.DbUser, Does.StartWith(Db.Name + "_app@"));
        using var json = JsonDocument.Parse(row.NewRow!);
        Assert.That(json.RootElement.GetProperty("username").GetString(), Is.EqualTo(username));
        Assert.That(json.RootElement.GetProperty("role_code").GetString(), Is.EqualTo("nurse"));
        Assert.That(json.RootElement.TryGetProperty("password_hash", out _), Is.False, "hashes never reach the audit log");
    }

    [Test]
    public async Task An_update_records_old_and_new_rows_and_the_actor()
    {
        var adminId = await Db.AdminIdAsync();
        var (id, _) = await Db.NewAccountAsync("doctor");
        var before = await Db.ScalarAsync<long>("SELECT MAX(audit_log_id) FROM audit_trail");

        await Db.UsersAs(adminId).SetActiveAsync(id, false);

        var rows = await Db.QueryAsync<AuditLogRow>(
            "SELECT table_name, row_key, action, old_row, new_row, actor_user_id, db_user FROM audit_trail WHERE audit_log_id > @before AND table_name <> 'user_session'",
            new { before });
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Action, Is.EqualTo("UPDATE"));
        Assert.That(rows[0].ActorUserId, Is.EqualTo(adminId));
        using var oldRow = JsonDocument.Parse(rows[0].OldRow!);
        using var newRow = JsonDocument.Parse(rows[0].NewRow!);
        Assert.That(oldRow.RootElement.GetProperty("is_active").GetInt32(), Is.EqualTo(1));
        Assert.That(newRow.RootElement.GetProperty("is_active").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task Direct_changes_by_the_schema_owner_carry_the_database_user_and_no_clinic_actor()
    {
        await using var connection = await Db.OpenAsync(Db.Migrator);
        await connection.ExecuteAsync("UPDATE clinic_setting SET description = CONCAT(description, '.') WHERE setting_key = 'auth.lockout_minutes'");
        var row = (await Db.QueryAsync<AuditLogRow>(
            "SELECT table_name, row_key, action, old_row, new_row, actor_user_id, db_user FROM audit_trail WHERE table_name = 'clinic_setting' ORDER BY audit_log_id DESC LIMIT 1"))[0];
        Assert.That(row.RowKey, Is.EqualTo("auth.lockout_minutes"));
        Assert.That(row.ActorUserId, Is.Null);
        Assert.That(row.DbUser, Does.StartWith(Db.Name + "_migrator@"));
    }

    [Test]
    public async Task An_actor_left_on_a_reused_connection_never_leaks_into_the_next_call()
    {
        // One pooled connection, never reset: the admin's call leaves @clinic_actor_id set on it; the
        // following sign-in failure on the same connection must still be recorded without an actor.
        var adminId = await Db.AdminIdAsync();
        var (_, username) = await Db.NewAccountAsync("receptionist");
        var single = new MySqlConnectionStringBuilder(Db.App) { MaximumPoolSize = 1, ConnectionReset = false }.ConnectionString;
        await using var source = new MySqlDataSource(single);
        var runner = new ProcedureRunner(source);
        await runner.QueryAsync<object>("role_list", Db.SessionOf(adminId));

        await new Clinic.Data.Auth.AccountService(new Clinic.Data.Auth.AuthProcedures(runner), Clinic.Tests.Shared.TestPasswords.Hasher)
            .SignInAsync(username, "not-the-password", "10.9.9.9");

        var row = (await Db.QueryAsync<AuditLogRow>(
            "SELECT table_name, row_key, action, old_row, new_row, actor_user_id, db_user FROM audit_trail WHERE table_name = 'user_account' ORDER BY audit_log_id DESC LIMIT 1"))[0];
        Assert.That(row.NewRow, Does.Contain("\"failed_sign_in_count\": 1"));
        Assert.That(row.ActorUserId, Is.Null);
    }

    private static readonly string[] Erasures =
    [
        "UPDATE {audit}.audit_log SET action = 'DELETE'",
        "DELETE FROM {audit}.audit_log",
        "TRUNCATE TABLE {audit}.audit_log",
        "DROP TABLE {audit}.audit_log",
        "DROP TRIGGER {audit}.audit_log_no_delete",
        "ALTER TABLE {audit}.audit_log DROP COLUMN old_row",
        "RENAME TABLE {audit}.audit_log TO {audit}.audit_log_gone",
        "UPDATE {audit}.patient_access_log SET access_kind = 'x'",
        "DELETE FROM {audit}.patient_access_log",
        "TRUNCATE TABLE {audit}.patient_access_log",
        "DROP TABLE {audit}.patient_access_log",
        "DROP DATABASE {audit}",
        "UPDATE audit_trail SET action = 'DELETE'",
        "DELETE FROM audit_trail",
        "UPDATE patient_access_trail SET access_kind = 'x'",
        "DELETE FROM patient_access_trail",
        "UPDATE {audit}.report_export_log SET export_format = 'x'",
        "DELETE FROM {audit}.report_export_log",
        "TRUNCATE TABLE {audit}.report_export_log",
        "DROP TABLE {audit}.report_export_log",
        "UPDATE report_export_trail SET export_format = 'x'",
        "DELETE FROM report_export_trail",
    ];

    private static IEnumerable<TestCaseData> ErasureCases() =>
        from account in new[] { "app", "analyst", "migrator" }
        from sql in Erasures
        select new TestCaseData(account, sql).SetName($"The_{account}_account_cannot_erase_the_trail: {sql}");

    [TestCaseSource(nameof(ErasureCases))]
    public async Task No_clinic_account_can_change_or_erase_the_audit_trail(string account, string sql)
    {
        await Db.NewAccountAsync("pharmacist");
        await using (var admin = await Db.OpenAsync(Db.Admin))
            {
            await admin.ExecuteAsync($"INSERT INTO `{Db.Name}_audit`.patient_access_log (patient_id, access_kind, db_user) VALUES (1, 'profile', 'test')");
            await admin.ExecuteAsync($"INSERT INTO `{Db.Name}_audit`.report_export_log (report_code, export_format, db_user) VALUES ('stock', 'csv', 'test')");
        }
        var before = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail");
        var connectionString = account switch { "app" => Db.App, "analyst" => Db.Analyst, _ => Db.Migrator };
        await using var connection = await Db.OpenAsync(connectionString);
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await connection.ExecuteAsync(sql.Replace("{audit}", $"`{Db.Name}_audit`")));
        Assert.That(ex!.Number, Is.AnyOf(1142, 1044, 1143, 1370, 1356, 1288, 50001, 50002, 50006, 50007, 51340, 51341), $"{account}: {sql} -> {ex.Number} {ex.Message}");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail"), Is.GreaterThanOrEqualTo(before));
        Assert.That(await Db.ScalarAsync<long>($"SELECT COUNT(*) FROM `{Db.Name}_audit`.audit_log"), Is.GreaterThanOrEqualTo(before));
    }

    [Test]
    public async Task The_migrator_may_only_add_and_read_rows_in_the_audit_schema()
    {
        await using var migrator = await Db.OpenAsync(Db.Migrator);
        var grants = (await migrator.QueryAsync<string>("SHOW GRANTS")).Where(g => g.Contains($"`{Db.Name}_audit`")).ToList();
        // SELECT and INSERT on each audit table, and LOCK TABLES on the schema (an upgrade locks a table while it
        // re-creates its triggers, which locks what they write); LOCK TABLES lets nobody change a row.
        Assert.That(grants, Has.Count.EqualTo(AuditSchema.LinkViews.Count + 1), string.Join("\n", grants));
        Assert.That(grants.Count(g => g.StartsWith("GRANT LOCK TABLES ON `" + Db.Name + "_audit`.*", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", grants));
        foreach (var grant in grants.Where(g => !g.StartsWith("GRANT LOCK TABLES", StringComparison.Ordinal)))
            Assert.That(grant, Does.StartWith("GRANT SELECT, INSERT ON"), grant);
    }

    [Test]
    public async Task Every_clinic_data_table_has_insert_update_and_delete_audit_triggers()
    {
        var tables = await Db.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'");
        var triggers = await Db.QueryAsync<(string Table, string Timing, string Event)>(
            "SELECT event_object_table, action_timing, event_manipulation FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name LIKE '%\\_audit\\_%'");
        Assert.That(tables, Does.Contain("user_account"));
        foreach (var table in tables.Except(NotAudited))
            foreach (var action in new[] { "INSERT", "UPDATE", "DELETE" })
                Assert.That(triggers, Does.Contain((table, "AFTER", action)), $"{table} has no AFTER {action} audit trigger");
    }

    [Test]
    public async Task Audit_triggers_record_every_column_but_secrets()
    {
        var columns = await Db.QueryAsync<(string Table, string Column)>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE')");
        var bodies = (await Db.QueryAsync<(string Table, string Body)>(
                "SELECT event_object_table, action_statement FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name LIKE '%\\_audit\\_update'"))
            .ToDictionary(t => t.Table, t => t.Body);
        foreach (var (table, column) in columns.Where(c => !NotAudited.Contains(c.Table) && !Redacted.Contains($"{c.Table}.{c.Column}")))
        {
            Assert.That(bodies.ContainsKey(table), Is.True, $"{table} has no audit update trigger");
            Assert.That(bodies[table], Does.Contain($"'{column}', NEW.{column}").And.Contain($"'{column}', OLD.{column}"),
                $"the audit of {table} leaves out {column}");
        }
    }

    [Test]
    public async Task Non_admins_cannot_read_the_audit_trail()
    {
        var (nurseId, _) = await Db.NewAccountAsync("nurse");
        var ex = await Assert.CatchAsync<ClinicRuleException>(() =>
            Db.Runner.QueryAsync<object>("audit_log_search", Db.SessionOf(nurseId), new
            {
                p_table_name = (string?)null, p_row_key = (string?)null, p_actor_user_id = (int?)null,
                p_from = (DateTime?)null, p_to = (DateTime?)null, p_offset = 0, p_limit = 10,
            }));
        Assert.That(ex!.Code, Is.EqualTo(50102));
    }
}
