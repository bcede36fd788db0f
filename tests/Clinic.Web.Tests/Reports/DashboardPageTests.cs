using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Reports;
using Clinic.Web.Auth;
using Clinic.Web.Components.Reports;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Reports;

/// <summary>What the dashboards' pages get from the database, without one: canned rows, a gate to hold the load, or a refusal.</summary>
public sealed class FakeDashboards : IDashboards
{
    public ClinicDashboardData Clinic { get; set; } = new([], [], [], [], []);
    public PharmacyDashboardData Pharmacy { get; set; } = new([], [], [], [], []);
    public MyPerformanceData Mine { get; set; } = new([], [], []);
    public TaskCompletionSource? Gate { get; set; }
    public Exception? Refusal { get; set; }
    public List<DashboardPeriod> Calls { get; } = [];

    private async Task<T> Answer<T>(DashboardPeriod period, T value)
    {
        Calls.Add(period);
        if (Gate is not null)
            await Gate.Task;
        if (Refusal is not null)
            throw Refusal;
        return value;
    }

    public Task<ClinicDashboardData> ClinicAsync(DashboardPeriod period, CancellationToken ct = default) => Answer(period, Clinic);

    public Task<PharmacyDashboardData> PharmacyAsync(DashboardPeriod period, CancellationToken ct = default) => Answer(period, Pharmacy);

    public Task<MyPerformanceData> MyPerformanceAsync(DashboardPeriod period, CancellationToken ct = default) => Answer(period, Mine);
}

public sealed class DashboardPageTests : PharmacyTest
{
    private FakeDashboards dashboards = default!;
    private static readonly DateTime Today = DateTime.Today;

    public override void Setup()
    {
        base.Setup();
        dashboards = new FakeDashboards();
        Context.Services.AddSingleton<IDashboards>(dashboards);
    }

    private static List<ClinicAppointmentDay> Days(int count, Func<int, ClinicAppointmentDay> day) =>
        Enumerable.Range(0, count).Select(day).ToList();

    private static ClinicDashboardData Clinic() => new(
        Days(30, i => new ClinicAppointmentDay { Day = Today.AddDays(i - 29), Appointments = i == 29 ? 7 : 0, Completed = i == 29 ? 3 : 0, NoShow = i == 29 ? 2 : 0, Cancelled = i == 29 ? 1 : 0, StillOpen = i == 29 ? 1 : 0 }),
        Enumerable.Range(0, 30).Select(i => new ClinicNoShowDay { Day = Today.AddDays(i - 29), NoShow = i == 29 ? 2 : 0, Expected = i == 29 ? 6 : 0, NoShowRate = i == 29 ? 0.3333m : null }).ToList(),
        [
            new ClinicDepartmentLoad { Department = "Paediatrics", Appointments = 4, WalkIns = 2, Visits = 1, Share = 0.5455m },
            new ClinicDepartmentLoad { Department = "Unassigned", Appointments = 0, WalkIns = 1, Visits = 0, Share = 0.0909m },
        ],
        [
            new ClinicQueueWaitDay { Day = Today, Priority = "urgent", Arrivals = 1, Seen = 1, MedianWaitMinutes = 15m, P90WaitMinutes = 15m, MaxWaitMinutes = 15m },
            new ClinicQueueWaitDay { Day = Today, Priority = "normal", Arrivals = 4, Seen = 3, MedianWaitMinutes = 20m, P90WaitMinutes = 40m, MaxWaitMinutes = 40m },
        ],
        [new ClinicDoctorUtilisation { StaffId = 5, DoctorName = "Grace Nakato", Department = "Paediatrics", WorkingMinutes = 540, BookedMinutes = 120, Utilisation = 0.2222m }]);

    [Test]
    public void The_clinic_dashboard_loads_the_last_30_days_then_shows_each_chart_with_its_table()
    {
        dashboards.Clinic = Clinic();
        dashboards.Gate = new TaskCompletionSource();
        RenderProvidersWith(Permissions.ReportClinic);
        var page = Context.Render<ClinicDashboard>();
        Assert.That(page.FindAll("[data-testid=dash-loading]"), Has.Count.EqualTo(1));

        dashboards.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-appointments-row]"), Has.Count.EqualTo(30)));
        Assert.That(dashboards.Calls, Is.EqualTo(new[] { new DashboardPeriod(Today.AddDays(-29), Today) }));
        Assert.That(page.Find("[data-testid=dash-range]").TextContent, Is.EqualTo($"{Format.Date(Today.AddDays(-29))} to {Format.Date(Today)}"));
        Assert.That(Texts(page, "[data-testid=dash-appointments-booked]")[^1], Is.EqualTo("7"));
        Assert.That(Texts(page, "[data-testid=dash-no-show-rate]"), Is.EqualTo(new[] { "33.3%" }), "days with appointments expected only");
        Assert.That(Texts(page, "[data-testid=dash-departments-share]"), Is.EqualTo(new[] { "54.6%", "9.1%" }));
        Assert.That(Texts(page, "[data-testid=dash-waits-median]"), Is.EqualTo(new[] { "15.0", "20.0" }));
        Assert.That(Texts(page, "[data-testid=dash-waits-p90]"), Is.EqualTo(new[] { "15.0", "40.0" }));
        Assert.That(Texts(page, "[data-testid=dash-utilisation-rate]"), Is.EqualTo(new[] { "22.2%" }));
        Assert.That(page.Find("[data-testid=dash-utilisation-row]").TextContent, Does.Contain("Grace Nakato").And.Contain("540").And.Contain("120"));

        var charts = page.FindComponents<MudChart<double>>().Select(c => c.Instance).ToList();
        Assert.That(charts, Has.Count.EqualTo(5), "one chart per table");
        var appointments = charts[0];
        Assert.That(appointments.ChartLabels, Has.Length.EqualTo(30));
        Assert.That(appointments.ChartLabels.Count(l => l.Length > 0), Is.LessThanOrEqualTo(DashboardCharts.MaxLabels), "labels thinned to stay readable");
        Assert.That(appointments.ChartSeries.Select(s => s.Name), Is.EqualTo(new[] { "Completed", "No-show", "Cancelled", "Still open" }));
        Assert.That(charts[2].ChartLabels, Is.EqualTo(new[] { "Paediatrics", "Unassigned" }));
        Assert.That(charts[3].ChartSeries.Select(s => s.Name), Is.EqualTo(new[] { "Median, urgent", "90th pct, urgent", "Median, normal", "90th pct, normal" }));
    }

    [Test]
    public void A_period_with_nothing_says_so_and_a_refused_period_shows_the_database_sentence()
    {
        RenderProvidersWith(Permissions.ReportClinic);
        var page = Context.Render<ClinicDashboard>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=dash-appointments]"), Is.Empty);

        dashboards.Refusal = new ClinicRuleException(DashboardCodes.PeriodFirstDayAfterLast, "The first day of the period must not be after the last day.");
        page.Find("button[data-testid=dash-refresh]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-refused]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=dash-refused]").TextContent, Does.Contain("must not be after the last day"));
        Assert.That(page.FindAll("[data-testid=dash-empty]"), Is.Empty);
    }

    [Test]
    public void The_period_comes_from_the_address()
    {
        RenderProvidersWith(Permissions.ReportPharmacy);
        Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/reports/pharmacy?from=2026-01-01&to=2026-03-31");
        var page = Context.Render<PharmacyReportDashboard>();
        WaitUntil(page, () => Assert.That(dashboards.Calls, Has.Count.EqualTo(1)));
        Assert.That(dashboards.Calls[0], Is.EqualTo(new DashboardPeriod(new DateTime(2026, 1, 1), new DateTime(2026, 3, 31))));
    }

    [Test]
    public void The_pharmacy_dashboard_shows_dispensing_prescribers_trend_low_stock_and_expiring_value()
    {
        dashboards.Pharmacy = new PharmacyDashboardData(
            [
                new PharmacyDispensingDay { Day = Today.AddDays(-1), Items = 2, QuantityDispensed = 7, DispensedValue = 3_500m },
                new PharmacyDispensingDay { Day = Today, Items = 0, QuantityDispensed = 0, DispensedValue = 0m },
            ],
            [new PharmacyTopPrescriber { StaffId = 3, DoctorName = "Peter Okello", Prescriptions = 2, Items = 2, QuantityPrescribed = 12 }],
            [new PharmacyDispensingWeek { WeekStart = Today.AddDays(-7), Items = 2, QuantityDispensed = 7, DispensedValue = 3_500m }],
            [new PharmacyStockBelowReorder { MedicationId = 9, MedicationName = "Amoxicillin 500 mg capsules", QuantityOnHand = 20, ReorderLevel = 50, Shortfall = 30 }],
            [new PharmacyExpiringMonth { MonthStart = new DateTime(2026, 12, 1), Lots = 2, QuantityOnHand = 25, StockValue = 2_500m, ExpiredValue = 500m, ExpiringValue = 2_000m }]);
        RenderProvidersWith(Permissions.ReportPharmacy);
        var page = Context.Render<PharmacyReportDashboard>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-dispensing-row]"), Has.Count.EqualTo(1)));
        Assert.That(Texts(page, "[data-testid=dash-dispensing-units]"), Is.EqualTo(new[] { "7" }));
        Assert.That(Texts(page, "[data-testid=dash-dispensing-value]"), Is.EqualTo(new[] { "3,500.00" }));
        Assert.That(Texts(page, "[data-testid=dash-prescribers-items]"), Is.EqualTo(new[] { "2" }));
        Assert.That(Texts(page, "[data-testid=dash-weeks-units]"), Is.EqualTo(new[] { "7" }));
        Assert.That(Texts(page, "[data-testid=dash-reorder-shortfall]"), Is.EqualTo(new[] { "30" }));
        Assert.That(page.Find("[data-testid=dash-expiring-row]").TextContent, Does.Contain("Dec 2026").And.Contain("2,500.00").And.Contain("500.00"));
        var charts = page.FindComponents<MudChart<double>>().Select(c => c.Instance).ToList();
        Assert.That(charts, Has.Count.EqualTo(5));
        Assert.That(charts[4].ChartSeries.Select(s => s.Name), Is.EqualTo(new[] { "Expired", "Not yet expired" }));
    }

    [Test]
    public void My_performance_shows_the_doctors_rows_and_says_when_there_are_none()
    {
        dashboards.Mine = new MyPerformanceData(
            [new MyConsultationDay { Day = Today, Appointments = 3, Completed = 2, NoShow = 1, WalkInsSeen = 1, Consultations = 3 }],
            [new MyWaitDay { Day = Today, Seen = 1, MedianWaitMinutes = 12m, P90WaitMinutes = 12m }],
            [new MyTopDiagnosis { Icd10Code = "J06.9", Diagnosis = "Acute upper respiratory infection, unspecified", Diagnoses = 2, PrimaryDiagnoses = 1 }]);
        RenderProvidersWith(Permissions.ReportOwnPerformance);
        var page = Context.Render<MyPerformance>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-consultations-row]"), Has.Count.EqualTo(1)));
        Assert.That(Texts(page, "[data-testid=dash-consultations-total]"), Is.EqualTo(new[] { "3" }));
        Assert.That(Texts(page, "[data-testid=dash-my-waits-median]"), Is.EqualTo(new[] { "12.0" }));
        Assert.That(page.Find("[data-testid=dash-diagnoses-row]").TextContent, Does.Contain("J06.9").And.Contain("Acute upper respiratory"));
        Assert.That(Texts(page, "[data-testid=dash-diagnoses-count]"), Is.EqualTo(new[] { "2" }));

        dashboards.Mine = new MyPerformanceData([new MyConsultationDay { Day = Today }], [], []);
        page.Find("button[data-testid=dash-refresh]").Click();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-empty]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Each_dashboard_shows_the_refusal_of_a_role_without_its_permission()
    {
        dashboards.Refusal = new ClinicRuleException(50102, "You do not have permission to do that.");
        RenderProvidersWith(Permissions.ReportOwnPerformance);
        var page = Context.Render<MyPerformance>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=dash-refused]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=dash-refused]").TextContent, Does.Contain("permission"));
        Assert.That(page.FindAll("[data-testid=dash-loading]"), Is.Empty);
    }
}
