using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Web.Auth;
using Clinic.Web.Components.Pharmacy;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class PharmacyDashboardTests : PharmacyTest
{
    private FakePharmacyDesk desk = default!;

    public override void Setup()
    {
        base.Setup();
        desk = new FakePharmacyDesk();
        Context.Services.AddSingleton<IPharmacyDesk>(desk);
    }

    private IRenderedComponent<PharmacyDashboard> RenderDashboard()
    {
        RenderProvidersWith(Permissions.PharmacyWork);
        return Context.Render<PharmacyDashboard>(p => p.Add(x => x.RefreshEvery, TimeSpan.FromHours(1)));
    }

    private static PrescriptionListRow Pending(int id, string patient, string mrn, DateTime issuedAt, string status = PrescriptionStatus.Issued, int items = 2) => new()
    {
        PrescriptionId = id, Status = status, PatientId = id, PatientName = patient, Mrn = mrn, StaffId = 3, DoctorName = "Sarah Okello",
        IssuedAt = issuedAt, ItemCount = items, Items = "Amoxicillin 500 mg capsules, Paracetamol 500 mg tablets",
    };

    [Test]
    public void Tiles_show_the_counts_and_pending_prescriptions_appear_oldest_first_with_a_dispense_action()
    {
        desk.Counts = new PharmacyCounts { PendingPrescriptionCount = 3, DispensedTodayCount = 14, LowStockCount = 2, ExpiringLotCount = 5, ExpiredLotCount = 1 };
        // prescription_list orders a pending list oldest first; the dashboard keeps that order.
        desk.Pending =
        [
            Pending(31, "Mary Nakato", "HMS/000012", DateTime.Today.AddHours(8)),
            Pending(35, "John Okot", "HMS/000020", DateTime.Today.AddHours(9), PrescriptionStatus.PartiallyDispensed, 1),
            Pending(36, "Grace Auma", "HMS/000031", DateTime.Today.AddHours(10)),
        ];

        var page = RenderDashboard();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=pending-row]"), Has.Count.EqualTo(3)));
        Assert.That(page.Find("[data-testid=count-pending]").TextContent, Does.Contain("3").And.Contain("Pending prescriptions"));
        Assert.That(page.Find("[data-testid=count-dispensed-today]").TextContent, Does.Contain("14").And.Contain("Dispensed today"));
        Assert.That(page.Find("[data-testid=count-low-stock]").TextContent, Does.Contain("2").And.Contain("Below reorder level"));
        Assert.That(page.Find("[data-testid=count-expiring]").TextContent, Does.Contain("5").And.Contain("1 expired"));

        Assert.That(Texts(page, "[data-testid=pending-patient]"), Is.EqualTo(new[] { "Mary Nakato", "John Okot", "Grace Auma" }));
        Assert.That(Texts(page, "[data-testid=pending-mrn]"), Is.EqualTo(new[] { "HMS/000012", "HMS/000020", "HMS/000031" }));
        Assert.That(Texts(page, "[data-testid=pending-item-count]"), Is.EqualTo(new[] { "2", "1", "2" }));
        Assert.That(page.FindAll("[data-testid=pending-row] [data-testid=rx-status]").Select(c => c.TextContent.Trim()),
            Is.EqualTo(new[] { "Issued", "Partially dispensed", "Issued" }));
        Assert.That(page.FindAll("[data-testid=pending-dispense]").Select(a => a.GetAttribute("href")),
            Is.EqualTo(new[] { "/pharmacy/dispense/31", "/pharmacy/dispense/35", "/pharmacy/dispense/36" }));
        Assert.That(page.Find("[data-testid=pending-row]").TextContent, Does.Contain("Dr Sarah Okello").And.Contain($"{DateTime.Today:yyyy-MM-dd} 08:00"));
        Assert.That(desk.PendingCalls.First(), Is.EqualTo((0, PharmacyDashboard.PageSize)));
    }

    [Test]
    public void Shows_loading_then_the_empty_states()
    {
        desk.Gate = new TaskCompletionSource();
        var page = RenderDashboard();
        Assert.That(page.FindAll("[data-testid=pharmacy-loading]"), Has.Count.EqualTo(1));

        desk.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=pending-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=pharmacy-loading]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=below-reorder-empty]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=expiring-empty]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Alerts_list_low_stock_and_expiring_lots_with_expired_ones_highlighted()
    {
        desk.BelowReorder =
        [
            new StockBelowReorderRow { MedicationId = 4, Name = "Metformin 500 mg tablets", Form = "tablet", Strength = "500 mg", ReorderLevel = 200, OnHand = 0 },
            new StockBelowReorderRow { MedicationId = 7, Name = "ORS sachets", Form = "sachet", Strength = "20.5 g", ReorderLevel = 100, OnHand = 40 },
        ];
        desk.Expiring =
        [
            new LotExpiringRow { StockLotId = 90, MedicationId = 4, MedicationName = "Amoxicillin 250 mg/5 ml syrup", BatchNumber = "AMX-OLD", ExpiryDate = DateTime.Today.AddDays(-3), QuantityOnHand = 12, IsExpired = true, DaysToExpiry = -3 },
            new LotExpiringRow { StockLotId = 91, MedicationId = 5, MedicationName = "Ibuprofen 200 mg tablets", BatchNumber = "IBU-24", ExpiryDate = DateTime.Today.AddDays(20), QuantityOnHand = 300, IsExpired = false, DaysToExpiry = 20 },
        ];

        var page = RenderDashboard();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=expiring-row]"), Has.Count.EqualTo(2)));
        var low = page.FindAll("[data-testid=below-reorder-row]");
        Assert.That(low.Select(r => r.GetAttribute("data-medication-id")), Is.EqualTo(new[] { "4", "7" }));
        Assert.That(low[0].TextContent, Does.Contain("Metformin 500 mg tablets"));
        Assert.That(low[0].ClassList, Does.Contain("rx-row-expired"), "none left at all is highlighted like an expired lot");
        Assert.That(Texts(page, "[data-testid=below-reorder-on-hand]"), Is.EqualTo(new[] { "0", "40" }));

        var expired = page.Find("[data-testid=expiring-row][data-lot-id='90']");
        Assert.That(expired.ClassList, Does.Contain("rx-row-expired"));
        Assert.That(expired.QuerySelector("[data-testid=expired-flag]")!.TextContent.Trim(), Is.EqualTo("Expired"));
        Assert.That(expired.TextContent, Does.Contain("AMX-OLD").And.Contain("expired 3 days ago"));
        var expiring = page.Find("[data-testid=expiring-row][data-lot-id='91']");
        Assert.That(expiring.ClassList, Does.Contain("rx-row-expiring").And.Not.Contain("rx-row-expired"));
        Assert.That(expiring.QuerySelector("[data-testid=expiring-flag]")!.TextContent.Trim(), Is.EqualTo("Expiring"));
        Assert.That(expiring.TextContent, Does.Contain("in 20 days"));
    }

    [Test]
    public void More_pending_prescriptions_than_a_page_load_on_request()
    {
        desk.Pending = Enumerable.Range(1, PharmacyDashboard.PageSize + 5)
            .Select(i => Pending(i, $"Patient {i}", $"HMS/{i:000000}", DateTime.Today.AddMinutes(i))).ToList();

        var page = RenderDashboard();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=pending-row]"), Has.Count.EqualTo(PharmacyDashboard.PageSize)));

        page.Find("button[data-testid=pending-more]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=pending-row]"), Has.Count.EqualTo(PharmacyDashboard.PageSize + 5)));
        Assert.That(page.FindAll("[data-testid=pending-more]"), Is.Empty);
    }

    [Test]
    public void A_database_outage_becomes_a_snackbar_not_an_error_page()
    {
        desk.LoadFailure = new ClinicDataUnavailableException("The database is not reachable right now.", new InvalidOperationException());

        var page = RenderDashboard();

        WaitUntil(Snackbars, () => Assert.That(SnackbarText, Does.Contain("The database is not reachable right now.")));
        Assert.That(page.FindAll("[data-testid=pending-empty]"), Has.Count.EqualTo(1));
    }
}
