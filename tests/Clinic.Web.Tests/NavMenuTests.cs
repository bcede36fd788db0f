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

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Users", "Audit trail", "Change password" }));
        Assert.That(menu.Markup, Does.Contain("Administration"));
    }

    [TestCase("receptionist")]
    [TestCase("doctor")]
    [TestCase("patient")]
    public void Other_roles_do_not_see_the_administration_links(string role)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home", "Change password" }));
        Assert.That(menu.Markup, Does.Not.Contain("Administration"));
    }

    [Test]
    public void Anonymous_visitor_sees_no_account_links()
    {
        Context.AddAuthorization();

        var menu = Context.Render<NavMenu>();

        Assert.That(LinkTexts(menu), Is.EqualTo(new[] { "Home" }));
    }
}
