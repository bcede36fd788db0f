using Bunit;
using Clinic.Data.Staff;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class StaffPageTests : AdminPageTest
{
    [Test]
    public void Staff_are_listed_with_the_role_name_the_database_gives()
    {
        Admin.Staff.Add(new StaffRow { StaffId = 5, GivenName = "Amina", FamilyName = "Okello", StaffRole = "nurse", DepartmentName = "Outpatients", IsActive = true });
        var page = Context.Render<Staff>();
        WaitUntil(page, () => Assert.That(Rows(page, "staff-table"), Has.Count.EqualTo(1)));
        // "Nurse (ward)" is the fake database's name for the role: the page shows it, not a label of its own.
        Assert.That(Rows(page, "staff-table")[0], Does.Contain("Okello").And.Contain("Nurse (ward)"));
        Assert.That(page.FindAll("[data-testid=deactivate-staff-5]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void No_staff_shows_the_empty_state()
    {
        var page = Context.Render<Staff>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=staff-empty]").TextContent, Does.Contain("No staff members match these filters.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Staff>();
}
