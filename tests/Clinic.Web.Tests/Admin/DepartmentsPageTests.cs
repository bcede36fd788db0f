using Bunit;
using Clinic.Data.Staff;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class DepartmentsPageTests : AdminPageTest
{
    [Test]
    public void Departments_and_specialisations_are_listed_as_the_database_returns_them()
    {
        Admin.Departments.Add(new DepartmentRow { DepartmentId = 1, Name = "Outpatients", IsActive = true });
        Admin.Specialisations.Add(new SpecialisationRow { SpecialisationId = 2, Name = "Paediatrics", DefaultAppointmentMinutes = 20, IsActive = true });
        var page = Context.Render<Departments>();
        WaitUntil(page, () => Assert.That(Rows(page, "departments-table"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "departments-table")[0], Does.Contain("Outpatients"));
        Assert.That(Rows(page, "specialisations-table").Single(), Does.Contain("Paediatrics").And.Contain("20"));
    }

    [Test]
    public void No_departments_shows_the_empty_state()
    {
        var page = Context.Render<Departments>();
        WaitUntil(page, () => Assert.That(page.Markup, Does.Contain("No departments yet.").And.Contain("No specialisations yet.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Departments>();
}
