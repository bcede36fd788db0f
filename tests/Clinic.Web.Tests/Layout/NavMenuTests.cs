using Bunit;
using Clinic.Web.Auth;
using Clinic.Web.Components.Layout;

namespace Clinic.Web.Tests.Layout;

/// <summary>
/// The menu follows the session's permissions (claims from the database's map), entry by entry; which role holds
/// which permission is the database's business (browser test ShellTests checks each demo role's menu).
/// </summary>
public sealed class NavMenuTests : BunitTest
{
    private static string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(link => link.TextContent.Trim()).ToArray();

    private static string Sections(IRenderedComponent<NavMenu> menu) =>
        string.Join(", ", menu.FindAll("[data-testid^=nav-section-]").Select(s => s.TextContent.Trim()));

    [TestCase(Permissions.PatientRead, "Reception", "Patients")]
    [TestCase(Permissions.AppointmentRead, "Reception", "Appointments")]
    [TestCase(Permissions.QueueRead, "Reception", "Queue")]
    [TestCase(Permissions.MyDay, "Doctor", "My day")]
    [TestCase(Permissions.ClinicalRead, "Clinical", "Visits")]
    [TestCase(Permissions.LabWork, "Laboratory", "Lab worklist")]
    [TestCase(Permissions.PharmacyWork, "Pharmacy", "Dashboard, Inventory, Dispensing history")]
    [TestCase(Permissions.BillingRead, "Billing", "Billing workspace, Claims, Remittances")]
    [TestCase(Permissions.BillingApprove, "Billing", "Approvals")]
    [TestCase(Permissions.ReportClinic, "Reports", "Clinic dashboard")]
    [TestCase(Permissions.ReportPharmacy, "Reports", "Pharmacy dashboard")]
    [TestCase(Permissions.ReportOwnPerformance, "Reports", "My performance")]
    [TestCase(Permissions.AccountManage, "Administration", "Users, Sessions")]
    [TestCase(Permissions.StaffManage, "Administration", "Staff, Shifts")]
    [TestCase(Permissions.FacilityManage, "Administration", "Departments, Rooms")]
    [TestCase(Permissions.ScheduleManage, "Administration", "Working hours")]
    [TestCase(Permissions.LabCatalogue, "Administration", "Lab tests")]
    [TestCase(Permissions.SettingsManage, "Administration", "Clinic settings")]
    [TestCase(Permissions.NotificationManage, "Administration", "Messages to patients")]
    [TestCase(Permissions.InsuranceManage, "Administration", "Insurance")]
    [TestCase(Permissions.AuditRead, "Administration", "Audit trail, Patient access, Break the glass")]
    [TestCase(Permissions.SystemRead, "Administration", "System status")]
    [TestCase(Permissions.ReportRun, "Reports", "Reports")]
    public void Each_permission_shows_its_entries_in_their_section(string permission, string section, string entries)
    {
        SignInWith(permission);

        var menu = Context.Render<NavMenu>();

        Assert.That(string.Join(", ", LinkTexts(menu)), Is.EqualTo($"Home, {entries}, Change password"));
        Assert.That(Sections(menu), Is.EqualTo(section));
    }

    [Test]
    public void Permissions_that_open_no_page_show_no_entry()
    {
        // Buttons' permissions (booking, registering, ordering…) change what a page offers, not the menu.
        SignInWith(Permissions.AppointmentBook, Permissions.PatientRegister, Permissions.PatientMerge, Permissions.LabOrder, Permissions.PrescriptionRead);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Change password" }));
        Assert.That(Sections(menu), Is.Empty);
    }

    [Test]
    public void Every_permission_shows_every_entry_in_order_with_its_page()
    {
        SignInWith(Permissions.All);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[]
        {
            "Home", "Patients", "Appointments", "Queue", "My day", "Visits", "Lab worklist", "Dashboard", "Inventory", "Dispensing history",
            "Billing workspace", "Cash-up", "Claims", "Remittances", "Approvals", "Money today",
            "Reports", "Clinic dashboard", "Pharmacy dashboard", "My performance",
            "Users", "Sessions", "Staff", "Departments", "Rooms", "Shifts", "Working hours", "Lab tests", "Insurance", "Clinic settings", "Import CSV", "Messages to patients",
            "Audit trail", "Patient access", "Break the glass", "System status", "Change password",
        }));
        Assert.That(Sections(menu), Is.EqualTo("Reception, Doctor, Clinical, Laboratory, Pharmacy, Billing, Reports, Administration"));
        Assert.That(menu.FindAll("a.mud-nav-link").Select(link => link.GetAttribute("href")), Is.EqualTo(new[]
        {
            "/", "/patients", "/appointments", "/queue", "/my-day", "/visits", "/lab", "/pharmacy", "/pharmacy/inventory", "/pharmacy/history",
            "/billing", "/billing/cash-up", "/billing/claims", "/billing/remittances", "/billing/approvals", "/billing/today",
            "/reports", "/reports/clinic", "/reports/pharmacy", "/reports/my-performance",
            "/admin/users", "/admin/sessions", "/admin/staff", "/admin/departments", "/admin/rooms", "/admin/shifts", "/admin/working-hours",
            "/admin/lab-tests", "/admin/insurance", "/admin/settings", "/admin/import", "/admin/messages", "/admin/audit", "/admin/patient-access", "/admin/break-glass", "/admin/system", "/account/password",
        }));
    }

    [Test]
    public void A_session_without_permissions_sees_home_and_change_password()
    {
        SignInWith();

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Change password" }));
        Assert.That(Sections(menu), Is.Empty);
    }

    [Test]
    public void A_role_claim_alone_opens_nothing()
    {
        // Roles are data in the database; only the permissions of the session count.
        SignInAs("admin");

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Change password" }));
    }

    [Test]
    public void Anonymous_visitor_sees_no_account_links()
    {
        Context.AddAuthorization();

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home" }));
    }
}
