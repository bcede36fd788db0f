using Bunit;
using Clinic.Data.Patients;
using Clinic.Web.Auth;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Clinic.Web.Tests.Pharmacy;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Access;

/// <summary>The administrators' pages: one patient's access log (/admin/patient-access) and every break-glass opening (/admin/break-glass).</summary>
public sealed class AccessAdminPagesTests : PharmacyTest
{
    private static readonly DateTime Today = DateTime.Today;

    private FakePatientAccess access = default!;
    private MinimumNecessaryTests.OnePatient directory = default!;

    public override void Setup()
    {
        base.Setup();
        access = new FakePatientAccess();
        directory = new MinimumNecessaryTests.OnePatient(MinimumNecessaryTests.Mary);
        Context.Services.AddSingleton<IPatientAccess>(access);
        Context.Services.AddSingleton<IPatientDirectory>(directory);
    }

    private static readonly string[] Kinds =
        ["profile", "medical_history", "clinical_summary", "vitals_trend", "visit", "lab_result", "prescription", "receipt", "export"];

    /// <summary>i minutes/days back: row 1 is the newest.</summary>
    private static PatientAccessRow Read(int i, string kind, long? objectId = null, string? reason = null) => new()
    {
        PatientAccessLogId = 1000 - i, AccessedAt = Today.AddHours(12).AddHours(-i * 5), UserAccountId = 30 + i % 3,
        Username = $"user{i % 3}", DisplayName = i % 3 == 0 ? "Grace Nurse" : "Sarah Okello", RoleCode = i % 3 == 0 ? "nurse" : "doctor",
        RoleName = i % 3 == 0 ? "Nurse" : "Doctor",
        AccessKind = kind, ObjectId = objectId, Reason = reason,
    };

    private IRenderedComponent<PatientAccessLog> RenderAccessLog(string url)
    {
        RenderProvidersWith(Permissions.AuditRead);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context.Render<PatientAccessLog>();
    }

    [Test]
    public void The_access_log_shows_the_patient_and_every_read_newest_first_with_readable_labels()
    {
        access.AccessLog =
        [
            Read(1, "break_glass", 9, "Covering the emergency ward"),
            Read(2, "medical_history"),
            Read(3, "visit", 31),
            Read(4, "profile"),
            Read(5, "lab_result", 77),
        ];

        var page = RenderAccessLog("/admin/patient-access?patient=12");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-kind]"), Has.Count.EqualTo(5)));
        Assert.That(page.Find("[data-testid=access-patient-mrn]").TextContent, Is.EqualTo("HMS/000012"));
        Assert.That(page.Find("[data-testid=access-patient-name]").TextContent, Is.EqualTo("Mary Nakato"));
        Assert.That(page.Find("a[data-testid=access-patient-profile]").GetAttribute("href"), Is.EqualTo("/patients/12"));
        Assert.That(Texts(page, "[data-testid=access-kind]"),
            Is.EqualTo(new[] { "Broke the glass", "Medical history", "Visit", "Profile", "Lab result" }));
        Assert.That(Texts(page, "[data-testid=access-object]"), Is.EqualTo(new[] { "Opening #9", "", "Visit #31", "", "Lab order #77" }));
        Assert.That(Texts(page, "[data-testid=access-reason]")[0], Is.EqualTo("Covering the emergency ward"));
        Assert.That(Texts(page, "[data-testid=access-who]")[0], Is.EqualTo("Sarah Okello"));
        Assert.That(Texts(page, "[data-testid=access-role]"), Is.EqualTo(new[] { "Doctor", "Doctor", "Nurse", "Doctor", "Doctor" }));
        var whens = Texts(page, "[data-testid=access-when]");
        Assert.That(whens, Is.Ordered.Descending, "newest first");
        Assert.That(access.AccessLogCalls.Last(), Is.EqualTo((12, (DateTime?)null, (DateTime?)null, 0, PatientAccessLog.PageSize)));
    }

    [Test]
    public void Every_kind_has_a_label_of_its_own()
    {
        var labels = Kinds.Append("break_glass").Select(AccessDisplay.Kind).ToList();
        Assert.That(labels, Is.Unique);
        Assert.That(labels.Zip(Kinds.Append("break_glass")).Where(p => p.First == p.Second), Is.Empty, "no raw code shows");
    }

    [Test]
    public void The_access_log_is_paged_and_filtered_by_whole_days()
    {
        access.AccessLog = Enumerable.Range(1, 30).Select(i => Read(i, Kinds[i % Kinds.Length])).ToList();

        var page = RenderAccessLog("/admin/patient-access?patient=12");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-kind]"), Has.Count.EqualTo(PatientAccessLog.PageSize)));

        page.InvokeAsync(() => page.Find("button[aria-label='Next page']").Click()).GetAwaiter().GetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-kind]"), Has.Count.EqualTo(5)));
        Assert.That(access.AccessLogCalls.Last().Offset, Is.EqualTo(PatientAccessLog.PageSize));

        // Five hours apart from noon back: reads 1-2 are today, 3-7 yesterday.
        var yesterday = Today.AddDays(-1);
        page.InvokeAsync(() => page.Find("[data-testid=access-from] input").Change(yesterday.ToString("yyyy-MM-dd"))).GetAwaiter().GetResult();
        page.InvokeAsync(() => page.Find("[data-testid=access-to] input").Change(yesterday.ToString("yyyy-MM-dd"))).GetAwaiter().GetResult();

        WaitUntil(page, () => Assert.That(access.AccessLogCalls.Last(), Is.EqualTo((12, (DateTime?)yesterday, (DateTime?)Today, 0, PatientAccessLog.PageSize))));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-kind]"),
            Has.Count.EqualTo(access.AccessLog.Count(r => r.AccessedAt >= yesterday && r.AccessedAt < Today))));
    }

    [Test]
    public void Without_a_patient_the_page_asks_for_one_and_reads_nothing()
    {
        var page = RenderAccessLog("/admin/patient-access");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-choose-patient]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=access-table]"), Is.Empty);
        Assert.That(access.AccessLogCalls, Is.Empty);
    }

    [Test]
    public void A_patient_nobody_read_has_an_empty_state()
    {
        var page = RenderAccessLog("/admin/patient-access?patient=12");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=access-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=access-empty]").TextContent, Does.Contain("Nobody has read this patient's record yet."));
    }

    private static BreakGlassRow Opening(int i, int patientId, string mrn, string name, string reason) => new()
    {
        BreakGlassAccessId = i, OpenedAt = Today.AddHours(12).AddHours(-i * 7), UserAccountId = 40 + i, Username = $"e2e_nurse{i}",
        DisplayName = $"Grace Nurse {i}", RoleCode = i % 2 == 0 ? "doctor" : "nurse",
        RoleName = i % 2 == 0 ? "Doctor" : "Nurse", PatientId = patientId, Mrn = mrn, PatientName = name, Reason = reason,
    };

    [Test]
    public void The_break_glass_page_lists_every_opening_newest_first_linking_to_the_patient()
    {
        access.Openings =
        [
            Opening(2, 12, "HMS/000012", "Mary Nakato", "Night cover on the ward"),
            Opening(1, 20, "HMS/000020", "John Okot", "Emergency: collapsed at reception"),
            Opening(3, 12, "HMS/000012", "Mary Nakato", "Asked by the family doctor by phone"),
        ];
        RenderProvidersWith(Permissions.AuditRead);

        var page = Context.Render<BreakGlassLog>();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=break-glass-row-reason]"), Has.Count.EqualTo(3)));
        Assert.That(Texts(page, "[data-testid=break-glass-row-reason]"),
            Is.EqualTo(new[] { "Emergency: collapsed at reception", "Night cover on the ward", "Asked by the family doctor by phone" }));
        Assert.That(Texts(page, "[data-testid=break-glass-who]")[0], Is.EqualTo("Grace Nurse 1"));
        Assert.That(Texts(page, "[data-testid=break-glass-role]"), Is.EqualTo(new[] { "Nurse", "Doctor", "Nurse" }));
        var patient = page.FindAll("a[data-testid=break-glass-patient]")[0];
        Assert.That(patient.GetAttribute("href"), Is.EqualTo("/patients/20"));
        Assert.That(patient.TextContent, Is.EqualTo("HMS/000020"));
        Assert.That(Texts(page, "[data-testid=break-glass-patient-name]")[0], Is.EqualTo("John Okot"));
        Assert.That(page.FindAll("a[data-testid=break-glass-access-log]")[0].GetAttribute("href"), Is.EqualTo("/admin/patient-access?patient=20"));
        Assert.That(access.OpeningsCalls.Last(), Is.EqualTo(((int?)null, (DateTime?)null, (DateTime?)null, 0, BreakGlassLog.PageSize)));
    }

    [Test]
    public void The_break_glass_page_filters_by_date_and_says_when_nothing_matches()
    {
        access.Openings = [Opening(1, 12, "HMS/000012", "Mary Nakato", "Night cover on the ward")];
        RenderProvidersWith(Permissions.AuditRead);
        var page = Context.Render<BreakGlassLog>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=break-glass-row-reason]"), Has.Count.EqualTo(1)));

        var lastWeek = Today.AddDays(-7);
        page.InvokeAsync(() => page.Find("[data-testid=break-glass-to] input").Change(lastWeek.ToString("yyyy-MM-dd"))).GetAwaiter().GetResult();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=break-glass-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=break-glass-empty]").TextContent, Does.Contain("Nobody broke the glass in these dates."));
        Assert.That(access.OpeningsCalls.Last().To, Is.EqualTo(lastWeek.AddDays(1)), "the chosen day is included");

        page.InvokeAsync(() => page.Find("button[data-testid=break-glass-clear]").Click()).GetAwaiter().GetResult();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=break-glass-row-reason]"), Has.Count.EqualTo(1)));
    }

    [Test]
    public void Nobody_broke_the_glass_yet()
    {
        RenderProvidersWith(Permissions.AuditRead);
        var page = Context.Render<BreakGlassLog>();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=break-glass-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=break-glass-empty]").TextContent, Does.Contain("Nobody has broken the glass yet."));
    }
}
