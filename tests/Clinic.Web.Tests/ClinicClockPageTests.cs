using System.Text.RegularExpressions;
using Bunit;
using Clinic.Data.Billing;
using Clinic.Data.Reports;
using Clinic.Web.Auth;
using Clinic.Web.Components.Billing;
using Clinic.Web.Components.Reports;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Clinic.Web.Tests.Billing;
using Clinic.Web.Tests.Pharmacy;
using Clinic.Web.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests;

/// <summary>
/// One clinic clock: the screens take "today" from IClinicClock (the database's clinic_clock_now on clinic.time_zone),
/// never from the web server's clock. The clinic here is on a day far from the test machine's.
/// </summary>
public sealed partial class ClinicClockPageTests : PharmacyTest
{
    private static readonly DateTime ClinicToday = new(2031, 3, 14);
    private FakeClinicClock clock = default!;

    public override void Setup()
    {
        base.Setup();
        clock = new FakeClinicClock(ClinicToday.AddHours(0.5));
        Context.Services.AddSingleton<IClinicClock>(clock);
    }

    [Test]
    public void The_clinic_dashboard_defaults_to_the_30_days_up_to_the_clinics_today()
    {
        var dashboards = new FakeDashboards();
        Context.Services.AddSingleton<IDashboards>(dashboards);
        RenderProvidersWith(Permissions.ReportClinic);
        var page = Context.Render<ClinicDashboard>();

        WaitUntil(page, () => Assert.That(dashboards.Calls, Has.Count.EqualTo(1)));
        Assert.That(dashboards.Calls[0], Is.EqualTo(new DashboardPeriod(ClinicToday.AddDays(-29), ClinicToday)));
        Assert.That(page.Find("[data-testid=dash-range]").TextContent, Is.EqualTo("2031-02-13 to 2031-03-14"));
        Assert.That(clock.Asked, Is.GreaterThan(0));
    }

    [Test]
    public void Money_today_asks_for_the_clinics_day()
    {
        var billing = new FakeBillingOverview
        {
            Money = new MoneyDay(new MoneySummary { BusinessDay = ClinicToday, CurrencyCode = "UGX" },
                FakeBillingOverview.Methods.Select(m => new MoneyByMethodRow { Method = m, BusinessDay = ClinicToday }).ToList(),
                Enumerable.Range(0, 14).Select(i => new MoneyDayRow { Day = ClinicToday.AddDays(i - 13), Net = 0m }).ToList()),
        };
        Context.Services.AddSingleton<IBillingOverview>(billing);
        RenderProvidersWith(Permissions.BillingOverview);
        var page = Context.Render<MoneyToday>();

        WaitUntil(page, () => Assert.That(billing.MoneyCalls, Has.Count.EqualTo(1)));
        Assert.That(billing.MoneyCalls[0], Is.EqualTo(ClinicToday));
        Assert.That(page.Markup, Does.Contain("Money today"), "the clinic's day is today");
        Assert.That(page.FindAll("[data-testid=money-today]"), Is.Empty, "no Today button on today");
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|Today|UtcNow)\b")]
    private static partial Regex WebServerClock();

    [Test]
    public void No_screen_of_the_web_app_reads_the_web_servers_clock()
    {
        var src = Path.Combine(RepoRoot(), "src", "Clinic.Web");
        var uses = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => WebServerClock().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.That(uses, Is.Empty, "use IClinicClock (the database's clinic date) instead");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Clinic.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Clinic.sln not found above " + AppContext.BaseDirectory);
    }
}
