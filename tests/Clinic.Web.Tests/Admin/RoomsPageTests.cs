using Bunit;
using Clinic.Data.Staff;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class RoomsPageTests : AdminPageTest
{
    [Test]
    public void Rooms_are_listed_with_their_type_and_department()
    {
        Admin.Rooms.Add(new RoomRow { RoomId = 1, Name = "Room 7", RoomType = "consultation", DepartmentId = 3, DepartmentName = "Outpatients", IsActive = true });
        var page = Context.Render<Rooms>();
        WaitUntil(page, () => Assert.That(Rows(page, "rooms-table"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "rooms-table")[0], Does.Contain("Room 7").And.Contain("Consultation").And.Contain("Outpatients"));
        Assert.That(page.FindAll("[data-testid=deactivate-room-Room\\ 7]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void No_rooms_shows_the_empty_state()
    {
        var page = Context.Render<Rooms>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=rooms-empty]").TextContent, Does.Contain("No rooms match.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Rooms>();
}
