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
            "Home", "Patients", "Queue", "Users", "Staff", "Departments", "Rooms", "Shifts", "Clinic settings", "Audit trail", "Change password",
        }));
        Assert.That(menu.Markup, Does.Contain("Administration"));
    }

    [TestCase("receptionist", true)]
    [TestCase("doctor", true)]
    [TestCase("nurse", true)]
    [TestCase("pharmacist", false)]
    [TestCase("billing_clerk", false)]
    public void Staff_roles_see_patients_but_not_the_administration_links(string role, bool seesQueue)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(seesQueue
            ? new[] { "Home", "Patients", "Queue", "Change password" }
            : new[] { "Home", "Patients", "Change password" }));
        Assert.That(menu.Find("a[href='/patients']").TextContent.Trim(), Is.EqualTo("Patients"));
        Assert.That(menu.Markup, Does.Contain("Reception").And.Not.Contain("Administration"));
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
        Assert.That(hrefs, Is.SupersetOf(new[] { "/patients", "/queue", "/admin/staff", "/admin/departments", "/admin/rooms", "/admin/shifts", "/admin/settings" }));
    }

    [Test]
    public void Anonymous_visitor_sees_no_account_links()
    {
        Context.AddAuthorization();

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home" }));
    }
}
