using System.Text.RegularExpressions;
using Clinic.Data.Common;
using Clinic.Database.Migrations;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Who may do what lives in one place: table role_permission. Every public procedure names the
/// permission it needs, and the session's permissions (for menus and page access) come from the same map.
/// </summary>
public partial class PermissionTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>Public procedures any signed-in account may call (actor_require with NULL), and those that need no session.</summary>
    private static readonly string[] AnySignedIn = ["home_summary", "role_list", "staff_role_list", "staff_for_actor", "session_permissions"];
    // clinic_clock_now resolves the session itself (a temporary-password session may read the clock: the layout asks it first).
    private static readonly string[] NoSession =
        ["auth_sign_in_begin", "auth_sign_in", "auth_session_get", "auth_sign_out", "auth_password_params", "auth_password_change", "health_check", "clinic_clock_now",
         "portal_join", .. PublicInterfaceTests.OutboxSenderProcedures];

    [GeneratedRegex(@"CALL actor_require\(p_session_token, (NULL|'([a-z_.]+)'), v_actor_id\);")]
    private static partial Regex ActorRequire();

    [GeneratedRegex(@"actor_can\([a-z_]+, '([a-z_.]+)'\)")]
    private static partial Regex ActorCan();

    [Test]
    public async Task Every_public_procedure_names_a_permission_of_the_map_and_every_permission_is_used_and_held()
    {
        var permissions = (await Db.QueryAsync<string>("SELECT permission_code FROM permission")).ToHashSet();
        var held = (await Db.QueryAsync<string>("SELECT DISTINCT permission_code FROM role_permission")).ToHashSet();
        var used = new HashSet<string>();
        foreach (var script in ScriptCatalog.All.Where(s => s.IsPublicProcedure))
        {
            var calls = ActorRequire().Matches(script.Contents);
            if (NoSession.Contains(script.ObjectName))
            {
                Assert.That(calls, Is.Empty, script.ObjectName);
                continue;
            }
            Assert.That(calls, Has.Count.EqualTo(1), $"{script.ObjectName} calls actor_require once, with a permission");
            if (calls[0].Groups[1].Value == "NULL")
            {
                Assert.That(AnySignedIn, Does.Contain(script.ObjectName), $"{script.ObjectName} must name a permission");
                continue;
            }
            var permission = calls[0].Groups[2].Value;
            Assert.That(permissions, Does.Contain(permission), $"{script.ObjectName} needs {permission}, which is not in table permission");
            used.Add(permission);
        }
        // A few permissions widen what a procedure allows rather than open it (e.g. prescription.cancel_any: any doctor's
        // prescription), so a rule names them with actor_can.
        foreach (var script in ScriptCatalog.All)
            foreach (Match call in ActorCan().Matches(script.Contents))
                used.Add(call.Groups[1].Value);
        // The reports' own permissions are data: report_run checks the one its report_definition row names.
        foreach (var permission in await Db.QueryAsync<string>("SELECT permission_code FROM report_definition"))
            used.Add(permission);
        Assert.That(permissions.Except(used), Is.Empty, "permissions no public procedure needs");
        Assert.That(permissions.Except(held), Is.Empty, "permissions no role holds");
    }

    [TestCase("admin", "account.manage", true)]
    [TestCase("receptionist", "appointment.book", true)]
    [TestCase("receptionist", "clinical.read", false)]
    [TestCase("nurse", "clinical.notes", true)]
    [TestCase("admin", "clinical.notes", false)]
    [TestCase("pharmacist", "pharmacy.work", true)]
    [TestCase("billing_clerk", "patient.read", true)]
    [TestCase("patient", "patient.read", false)]
    public async Task A_session_lists_exactly_its_roles_permissions(string role, string permission, bool expected)
    {
        var id = role == "admin" ? await Db.AdminIdAsync() : (await Db.NewAccountAsync(role)).Id;
        var listed = await Db.Runner.QueryAsync<(string Code, string Description)>("session_permissions", Db.SessionOf(id));
        var map = await Db.QueryAsync<string>("SELECT permission_code FROM role_permission WHERE role_code = @role ORDER BY permission_code", new { role });
        Assert.That(listed.Select(p => p.Code), Is.EqualTo(map));
        Assert.That(listed.Select(p => p.Code).Contains(permission), Is.EqualTo(expected));
        Assert.That(listed.All(p => p.Description.Length > 0), Is.True);
        var state = await Db.Auth.GetSessionAsync(await Db.SessionOf(id).GetSessionTokenAsync());
        Assert.That(state.Permissions, Is.EqualTo(map), "the per-request session check carries the same list");
    }

    [Test]
    public async Task Changing_the_map_changes_what_a_role_may_do_with_no_code_change()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var (clerk, _) = await db.NewAccountAsync("billing_clerk");
        var patients = db.PatientsAs(clerk);
        var input = new Clinic.Data.Patients.PatientInput
        {
            GivenName = "Map", FamilyName = "Change", Sex = "female", DateOfBirth = new DateTime(1990, 1, 1),
        };
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => patients.RegisterAsync(input, true)))!.Code, Is.EqualTo(50102));

        await using (var connection = await db.OpenAsync(db.Migrator))
            await connection.ExecuteAsync("INSERT INTO role_permission (role_code, permission_code) VALUES ('billing_clerk', 'patient.register')");
        Assert.That((await patients.RegisterAsync(input, true)).PatientId, Is.GreaterThan(0));
    }
}
