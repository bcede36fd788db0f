using Bunit;
using Clinic.Data.Pharmacy;
using Clinic.Data.Staff;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pharmacy;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class DispensingHistoryTests : PharmacyTest
{
    private FakePharmacyDesk desk = default!;

    public override void Setup()
    {
        base.Setup();
        desk = new FakePharmacyDesk
        {
            Doctors =
            [
                new StaffRow { StaffId = 3, GivenName = "Sarah", FamilyName = "Okello", StaffRole = "doctor", IsActive = true },
                new StaffRow { StaffId = 4, GivenName = "Daniel", FamilyName = "Okot", StaffRole = "doctor", IsActive = false },
            ],
            Medications = [PharmacyData.Medication(1, "Amoxicillin 500 mg capsules", "amoxicillin"), PharmacyData.Medication(2, "Paracetamol 500 mg tablets", "paracetamol")],
            History = Enumerable.Range(1, 30).Select(i => Row(100 - i, i % 2 == 0 ? "Mary Nakato" : "John Okot", i % 2 == 0 ? "HMS/000012" : "HMS/000020",
                i % 3 == 0 ? 4 : 3, DateTime.Today.AddDays(-i).AddHours(10))).ToList(),
        };
        Context.Services.AddSingleton<IPharmacyDesk>(desk);
    }

    private static DispensingHistoryRow Row(int id, string patient, string mrn, int staffId, DateTime at) => new()
    {
        DispensingId = id, ReceiptNumber = $"RX-{id:000000}", DispensedAt = at, TotalAmount = 4.5m, PrescriptionId = id + 1000, PatientId = 1, Mrn = mrn,
        PatientName = patient, StaffId = staffId, DoctorName = staffId == 3 ? "Sarah Okello" : "Daniel Okot", PharmacistName = "Peter Pharm", LineCount = 2,
        Medications = "Amoxicillin 500 mg capsules, Paracetamol 500 mg tablets",
    };

    private IRenderedComponent<DispensingHistory> RenderPage()
    {
        RenderProvidersWith(Permissions.PharmacyWork);
        return Context.Render<DispensingHistory>();
    }

    [Test]
    public void Dispensings_are_paged_newest_first_and_each_links_to_its_receipt()
    {
        var page = RenderPage();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(DispensingHistory.PageSize)));
        Assert.That(page.FindAll("a[data-testid=history-receipt]")[0].GetAttribute("href"), Is.EqualTo("/print/receipts/99"));
        Assert.That(page.FindAll("a[data-testid=history-receipt]")[0].TextContent, Is.EqualTo("RX-000099"));
        Assert.That(page.FindAll("a[data-testid=history-prescription]")[0].GetAttribute("href"), Is.EqualTo("/pharmacy/dispense/1099"));
        Assert.That(desk.HistoryCalls.Last(), Is.EqualTo((new DispensingHistoryFilter(), 0, DispensingHistory.PageSize)));

        page.InvokeAsync(() => page.Find("button[aria-label='Next page']").Click()).GetAwaiter().GetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(5)));
        Assert.That(desk.HistoryCalls.Last().Offset, Is.EqualTo(DispensingHistory.PageSize));
    }

    [Test]
    public void The_patient_and_date_filters_reach_the_procedure()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(DispensingHistory.PageSize)));

        page.Find("input[data-testid=history-patient]").Input("HMS/000012");
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=history-patient-name]"), Has.Length.EqualTo(15).And.All.EqualTo("Mary Nakato")));
        Assert.That(desk.HistoryCalls.Last().Filter.Patient, Is.EqualTo("HMS/000012"));

        page.Find("[data-testid=history-from] input").Change(DateTime.Today.AddDays(-4).ToString("yyyy-MM-dd"));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(2)));
        Assert.That(desk.HistoryCalls.Last().Filter, Is.EqualTo(new DispensingHistoryFilter { Patient = "HMS/000012", From = DateTime.Today.AddDays(-4) }));

        page.Find("[data-testid=history-to] input").Change(DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd"));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(1)));
        Assert.That(desk.HistoryCalls.Last().Filter.To, Is.EqualTo(DateTime.Today.AddDays(-3)));

        page.Find("input[data-testid=history-patient]").Input("nobody");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=history-empty]").TextContent, Does.Contain("No dispensing matches these filters."));

        page.InvokeAsync(() => page.Find("button[data-testid=history-clear]").Click()).GetAwaiter().GetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(DispensingHistory.PageSize)));
        Assert.That(desk.HistoryCalls.Last().Filter, Is.EqualTo(new DispensingHistoryFilter()));
    }

    [Test]
    public void The_doctor_and_medication_filters_reach_the_procedure()
    {
        var page = RenderPage();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(DispensingHistory.PageSize)));

        page.Find("[data-testid=history-doctor]").MouseDown();
        WaitUntil(Popovers, () => Assert.That(Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()),
            Is.EqualTo(new[] { "Dr Sarah Okello", "Dr Daniel Okot (former)" })));
        Popovers.FindAll(".mud-list-item")[1].Click();
        WaitUntil(page, () => Assert.That(desk.HistoryCalls.Last().Filter.StaffId, Is.EqualTo(4)));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=history-receipt]"), Has.Count.EqualTo(10)));

        page.Find("input[data-testid=history-medication]").Input("parac");
        WaitUntil(Popovers, () => Assert.That(Popovers.FindAll(".mud-list-item").Select(i => i.TextContent), Has.Some.Contains("Paracetamol 500 mg tablets")));
        Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Paracetamol", StringComparison.Ordinal)).Click();
        WaitUntil(page, () => Assert.That(desk.HistoryCalls.Last().Filter, Is.EqualTo(new DispensingHistoryFilter { StaffId = 4, MedicationId = 2 })));
    }
}
