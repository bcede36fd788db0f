using Bunit;
using Clinic.Data.Clinical;
using Clinic.Web.Auth;
using Clinic.Web.Components.Visits;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Visits;

public sealed class VisitsTests : BunitTest
{
    private FakeVisitRecord record = default!;

    public override void Setup()
    {
        base.Setup();
        record = new FakeVisitRecord();
        Context.Services.AddSingleton<IVisitRecord>(record);
    }

    /// <summary>The database says which visits the list holds (visit_list_scope); the page titles itself by it.</summary>
    private IRenderedComponent<Components.Visits.Visits> Render(string scope)
    {
        record.Scope = scope;
        SignInWith(Permissions.ClinicalRead);
        Context.Render<MudPopoverProvider>();
        Context.Render<MudSnackbarProvider>();
        return Context.Render<Components.Visits.Visits>();
    }

    private static VisitListRow Row(int id, string status, long vitals = 0) => new()
    {
        VisitId = id, PatientId = 100 + id, PatientName = $"Patient {id}", Mrn = $"HMS/{id:000000}", Sex = "male", AgeYears = 40, DoctorName = "Sarah Okello",
        DepartmentName = "General Medicine", Status = status, StartedAt = DateTime.Today.AddHours(8 + id), VitalCount = vitals,
        LastVitalsAt = vitals > 0 ? DateTime.Today.AddHours(9) : null, TotalCount = 2,
    };

    [Test]
    public void A_doctor_sees_their_open_visits_with_links_to_the_workspace()
    {
        record.Worklist.AddRange([Row(5, VisitStatus.Open), Row(6, VisitStatus.Open, vitals: 2), Row(7, VisitStatus.Closed)]);

        var page = Render("own");

        page.WaitForState(() => page.FindAll("[data-testid=open-visit]").Count == 2, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=visits-title]").TextContent, Is.EqualTo("My visits"));
        Assert.That(record.Calls, Does.Contain("list  open 0 25"));
        Assert.That(page.FindAll("[data-testid=open-visit]").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "/visits/5", "/visits/6" }));
        Assert.That(page.FindAll("[data-testid=vitals-needed]"), Has.Count.EqualTo(1), "the visit without vitals stands out");
        Assert.That(page.Markup, Does.Contain("Patient 5").And.Contain("HMS/000005"));
    }

    [Test]
    public void A_nurse_sees_her_departments_visits()
    {
        record.Worklist.Add(Row(8, VisitStatus.Open));

        var page = Render("department");

        page.WaitForState(() => page.FindAll("[data-testid=open-visit]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=visits-title]").TextContent, Is.EqualTo("My department's visits"));
    }

    [Test]
    public void With_no_visits_it_says_so()
    {
        var page = Render("all");

        page.WaitForState(() => page.FindAll("[data-testid=visits-empty]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=visits-title]").TextContent, Is.EqualTo("Visits"));
        Assert.That(page.Markup, Does.Contain("Every visit in the clinic."));
    }

    [Test]
    public void A_sign_in_with_no_visits_to_list_is_told_so()
    {
        var page = Render("none");

        page.WaitForState(() => page.FindAll("[data-testid=visits-empty]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(page.Find("[data-testid=visits-title]").TextContent, Is.EqualTo("Visits"));
        Assert.That(page.Markup, Does.Contain("Your sign-in has no visits to list."));
    }
}
