using Bunit;
using Clinic.Data.Staff;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class ShiftsPageTests : AdminPageTest
{
    [Test]
    public void Shifts_are_listed_with_the_staff_members_role_name_from_the_database()
    {
        Admin.Shifts.Add(new StaffShiftRow
        {
            StaffShiftId = 9, StaffId = 5, GivenName = "Amina", FamilyName = "Okello", StaffRole = "nurse",
            StartsAt = new DateTime(2026, 3, 2, 8, 0, 0), EndsAt = new DateTime(2026, 3, 2, 16, 0, 0), Note = "ward 2",
        });
        var page = Context.Render<Shifts>();
        WaitUntil(page, () => Assert.That(Rows(page, "shifts-table"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "shifts-table")[0], Does.Contain("Okello, Amina").And.Contain("(Nurse (ward))").And.Contain("ward 2"));
        Assert.That(page.FindAll("[data-testid=remove-shift-9]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void No_shifts_shows_the_empty_state()
    {
        var page = Context.Render<Shifts>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=shifts-empty]").TextContent, Does.Contain("No shifts in these dates.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Shifts>();
}
