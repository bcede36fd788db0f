using Bunit;
using Clinic.Web.Components.Layout;

namespace Clinic.Web.Tests;

public sealed class NavMenuTests : BunitTest
{
    private string[] LinkTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(link => link.TextContent.Trim()).ToArray();

    [Test]
    public void Admin_sees_the_administration_links()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("admin");

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[]
        {
            "Home", "Patients", "Appointments", "Queue", "Visits", "Lab worklist", "Dashboard", "Inventory", "Dispensing history", "Users", "Sessions", "Staff", "Departments", "Rooms", "Shifts", "Working hours", "Lab tests", "Clinic settings",
            "Audit trail", "Patient access", "Break the glass", "System status", "Change password",
        }));
        Assert.That(menu.Markup, Does.Contain("Administration"));
    }

    [TestCase("receptionist", "Home, Patients, Appointments, Queue, Change password")]
    [TestCase("doctor", "Home, Patients, Appointments, Queue, My day, Visits, Lab worklist, Change password")]
    [TestCase("nurse", "Home, Patients, Appointments, Queue, Visits, Lab worklist, Change password")]
    [TestCase("pharmacist", "Home, Patients, Dashboard, Inventory, Dispensing history, Change password")]
    [TestCase("billing_clerk", "Home, Patients, Change password")]
    public void Staff_roles_see_their_links_but_not_the_administration_links(string role, string expected)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);

        var menu = Context.Render<NavMenu>();

        Assert.That(string.Join(", ", LinkTexts(menu)), Is.EqualTo(expected));
        Assert.That(menu.FindAll("a[href='/appointments']"), Has.Count.EqualTo(expected.Contains("Appointments") ? 1 : 0));
        Assert.That(menu.Find("a[href='/patients']").TextContent.Trim(), Is.EqualTo("Patients"));
        Assert.That(menu.Markup, Does.Contain("Reception").And.Not.Contain("Administration"));
        Assert.That(menu.FindAll("a[href='/pharmacy']"), Has.Count.EqualTo(role == "pharmacist" ? 1 : 0), "the pharmacy is for pharmacists and administrators");
    }

    [Test]
    public void A_patient_sees_neither_patients_nor_administration()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles("patient");

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Change password" }));
        Assert.That(menu.Markup, Does.Not.Contain("Administration").And.Not.Contain("Reception"));
    }

    [Test]
    public void Admin_links_point_to_the_admin_pages()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("admin");

        var menu = Context.Render<NavMenu>();

        var hrefs = menu.FindAll("a.mud-nav-link").Select(link => link.GetAttribute("href")).ToArray();
        Assert.That(hrefs, Is.SupersetOf(new[] { "/patients", "/queue", "/visits", "/lab", "/admin/lab-tests", "/pharmacy", "/pharmacy/inventory", "/pharmacy/history", "/admin/staff", "/admin/departments", "/admin/rooms", "/admin/shifts", "/admin/settings", "/admin/patient-access", "/admin/break-glass" }));
    }

    [Test]
    public void Anonymous_visitor_sees_no_account_links()
    {
        Context.AddAuthorization();

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home" }));
    }
}
