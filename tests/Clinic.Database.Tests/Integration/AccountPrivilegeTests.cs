using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>The app and analyst accounts cannot touch a base table; each denial is proven here.</summary>
public class AccountPrivilegeTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static readonly string[] Denied =
    [
        "SELECT * FROM user_account",
        "SELECT * FROM audit_trail",
        "SELECT * FROM clinic_setting",
        "SELECT * FROM schema_version",
        "INSERT INTO user_account (username, display_name, role_code, password_hash) VALUES ('x1x', 'X', 'admin', 'h')",
        "UPDATE user_account SET is_active = 1",
        "DELETE FROM user_account",
        "INSERT INTO audit_trail (table_name, row_key, action, db_user, connection_id) VALUES ('t', '1', 'INSERT', 'u', 1)",
        "UPDATE clinic_setting SET setting_value = '1'",
        "DELETE FROM audit_trail",
        "SELECT * FROM patient",
        "UPDATE patient SET status = 'merged'",
        "SELECT * FROM patient_name_word",
        "UPDATE sequence_counter SET next_value = 1",
        "SELECT * FROM staff",
        "DELETE FROM staff_shift",
        "SELECT * FROM prescription",
        "UPDATE stock_lot SET quantity_on_hand = 1000",
        "SELECT * FROM visit_note",
        "UPDATE visit_note SET plan = 'x'",
        "INSERT INTO visit_addendum (visit_id, body, signed_by, signed_name) VALUES (1, 'x', 1, 'x')",
        "UPDATE allergy SET status = 'inactive'",
        "DELETE FROM vital_sign",
        "SELECT * FROM portal_invitation",
        "UPDATE portal_invitation SET status = 'pending'",
        "INSERT INTO portal_account (user_account_id, patient_id) VALUES (1, 1)",
        "UPDATE portal_account SET patient_id = 1",
    ];

    [TestCaseSource(nameof(Denied))]
    public async Task App_account_is_denied_on_base_tables(string sql) =>
        await AssertDeniedAsync(Db.App, sql);

    [TestCaseSource(nameof(Denied))]
    public async Task Analyst_account_is_denied_on_base_tables(string sql) =>
        await AssertDeniedAsync(Db.Analyst, sql);

    [Test]
    public async Task Analyst_cannot_read_app_views_or_call_procedures()
    {
        await AssertDeniedAsync(Db.Analyst, "SELECT * FROM v_pharmacy_count");
        await AssertDeniedAsync(Db.Analyst, "CALL role_list(NULL)");
    }

    [Test]
    public async Task App_cannot_read_reporting_views()
    {
        await AssertDeniedAsync(Db.App, "SELECT * FROM rpt_user_accounts");
    }

    [Test]
    public async Task App_cannot_create_or_drop_objects()
    {
        await AssertDeniedAsync(Db.App, "CREATE TABLE sneaky (x INT)");
        await AssertDeniedAsync(Db.App, "DROP PROCEDURE role_list");
    }

    [Test]
    public async Task App_reads_views_only_through_procedures_and_analyst_reads_reporting_views()
    {
        await Db.AdminIdAsync();
        foreach (var view in new[] { "v_pharmacy_count", "v_vital_sign", "v_stock_below_reorder", "v_lot_expiring", "v_schema_status" })
            await AssertDeniedAsync(Db.App, $"SELECT * FROM {view}");
        await using (var analyst = await Db.OpenAsync(Db.Analyst))
        {
            Assert.That(await analyst.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rpt_user_accounts WHERE username = 'admin'"), Is.EqualTo(1));
            Assert.That(await analyst.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rpt_schema_version"), Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task Reporting_views_never_expose_password_hashes()
    {
        var columns = await Db.QueryAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN (SELECT table_name FROM information_schema.views WHERE table_schema = DATABASE())");
        Assert.That(columns, Is.Not.Empty);
        Assert.That(columns, Has.None.Contains("password_hash"));
    }

    private static async Task AssertDeniedAsync(string connectionString, string sql)
    {
        await using var connection = await Db.OpenAsync(connectionString);
        var ex = await Assert.ThrowsAsync<MySqlException>(async () => await connection.ExecuteAsync(sql));
        Assert.That(ex!.ErrorCode, Is.AnyOf(MySqlErrorCode.TableAccessDenied, MySqlErrorCode.PrecedureAccessDenied,
            MySqlErrorCode.DatabaseAccessDenied, MySqlErrorCode.SpecifiedAccessDeniedError, MySqlErrorCode.AccessDenied),
            $"{sql} -> {ex.Number} {ex.Message}");
    }
}
