using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Web.Components.Patients;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Patients;

public sealed class PatientMedicalHistoryTests : BunitTest
{
    /// <summary>Serves a fixed history (filtered by kind and paged as the procedure does) and records each call.</summary>
    internal sealed class FakeHistory(IReadOnlyList<PatientHistoryRow> all) : IPatientHistoryReader
    {
        public List<(string Kinds, int Offset, int Limit)> Calls { get; } = [];
        public List<ClinicalSummaryItem> Summary { get; } = [];
        public List<VitalsPoint> Vitals { get; } = [];
        public bool FailSummary { get; set; }
        public bool FailPages { get; set; }
        /// <summary>While true, every read is refused as the procedures refuse a reader outside the patient's care (50790).</summary>
        public Func<bool> OutsideCare { get; set; } = () => false;

        private void RefuseOutsideCare()
        {
            if (OutsideCare())
                throw new ClinicRuleException(PatientProcedures.NotInCare, Visits.FakeVisitRecord.NotInCareMessage);
        }

        public Task<IReadOnlyList<PatientHistoryRow>> PageAsync(int patientId, IReadOnlyCollection<string>? kinds, int offset, int limit,
            CancellationToken ct = default)
        {
            Calls.Add((string.Join(",", kinds ?? []), offset, limit));
            RefuseOutsideCare();
            if (FailPages)
                throw new ClinicDataUnavailableException("The clinic database cannot be reached right now.", new InvalidOperationException());
            var matching = all.Where(r => kinds is not { Count: > 0 } || kinds.Contains(r.Kind)).ToList();
            IReadOnlyList<PatientHistoryRow> page = matching.Skip(offset).Take(limit)
                .Select(r => r with { HasMore = offset + limit < matching.Count }).ToList();
            return Task.FromResult(page);
        }

        public Task<IReadOnlyList<VitalsPoint>> VitalsTrendAsync(int patientId, int limit, CancellationToken ct = default)
        {
            RefuseOutsideCare();
            return Task.FromResult<IReadOnlyList<VitalsPoint>>(Vitals);
        }

        public Task<IReadOnlyList<ClinicalSummaryItem>> SummaryAsync(int patientId, CancellationToken ct = default)
        {
            RefuseOutsideCare();
            return FailSummary
                ? throw new ClinicDataUnavailableException("The clinic database cannot be reached right now.", new InvalidOperationException())
                : Task.FromResult<IReadOnlyList<ClinicalSummaryItem>>(Summary);
        }
    }

    private static readonly DateTime Now = new(2026, 11, 20, 12, 0, 0);

    private static PatientHistoryRow Row(int i, string kind, string title, string? detail = null, string? status = null,
        int? visitId = 31, bool abnormal = false, string? flag = null) => new()
    {
        Kind = kind, ItemId = i, OccurredAt = Now.AddMinutes(-i), Title = title, Detail = detail, Status = status,
        VisitId = visitId, IsAbnormal = abnormal, Flag = flag, ClinicianName = "Sarah Okello",
    };

    private static readonly PatientHistoryRow[] EveryKind =
    [
        Row(1, "lab_result", "Lab result: Haemoglobin", "Haemoglobin 9.1 g/dL LOW (12-16)", "final", abnormal: true, flag: "low"),
        Row(2, "lab_result", "Lab result: Glucose", "Glucose 5.5 mmol/L (3.9-7.8)", "preliminary", flag: "normal"),
        Row(3, "prescription", "Prescription", "Amoxicillin 500 mg x 21, Paracetamol 500 mg x 20", "issued"),
        Row(4, "problem", "Problem: Hypertension", "since 2024-03-01", "active", visitId: null),
        Row(5, "allergy", "Allergy: Penicillin", "Rash · severe", "active", visitId: null, flag: "severe"),
        Row(6, "vitals", "Vital signs", "BP 150/95, pulse 88, T 37.2, BMI 27.1"),
        Row(7, "diagnosis", "Diagnosis", "J06.9 Acute upper respiratory infection (primary)", flag: "primary"),
        Row(8, "visit", "Visit · Dr Sarah Okello", "General Medicine · Viral URTI", "closed"),
    ];

    private IRenderedComponent<MedicalHistoryList> RenderList(FakeHistory history)
    {
        Context.Services.AddSingleton<IPatientHistoryReader>(history);
        var cut = Context.Render<MedicalHistoryList>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=history-loading]").Count == 0, TimeSpan.FromSeconds(5));
        return cut;
    }

    [Test]
    public void Lists_every_kind_newest_first_and_links_visits()
    {
        var cut = RenderList(new FakeHistory(EveryKind));

        var items = cut.FindAll("[data-testid=history-item]");
        Assert.That(items.Select(i => i.GetAttribute("data-kind")),
            Is.EqualTo(new[] { "lab_result", "lab_result", "prescription", "problem", "allergy", "vitals", "diagnosis", "visit" }));
        Assert.That(cut.FindAll("[data-testid=history-detail]").Select(d => d.TextContent.Trim()), Is.EqualTo(EveryKind.Select(r => r.Detail)));
        var link = cut.Find("[data-testid=history-visit-link]");
        Assert.That(link.GetAttribute("href"), Is.EqualTo("/visits/31?patient=5"), "the workspace can offer to break the glass for this patient");
        Assert.That(link.TextContent, Is.EqualTo("Visit · Dr Sarah Okello"));
        Assert.That(items[2].TextContent, Does.Contain("Dr Sarah Okello · visit #31"));
        Assert.That(items[3].TextContent, Does.Not.Contain("visit #"), "a problem belongs to no visit");
        Assert.That(cut.Find("[data-testid=history-count]").TextContent, Is.EqualTo("8 events"));
        Assert.That(cut.FindAll("[data-testid=history-more]"), Is.Empty);
    }

    [Test]
    public void An_abnormal_result_is_highlighted_and_an_unverified_one_says_preliminary()
    {
        var cut = RenderList(new FakeHistory(EveryKind));

        var items = cut.FindAll("[data-testid=history-item]");
        Assert.That(items.Select(i => i.GetAttribute("data-abnormal")), Is.EqualTo(new[] { "true" }.Concat(Enumerable.Repeat("false", 7))));
        Assert.That(items[0].ClassList, Does.Contain("history-abnormal"));
        Assert.That(items[0].QuerySelector("[data-testid=history-abnormal]")!.TextContent.Trim(), Is.EqualTo("Low"));
        Assert.That(items[0].QuerySelector("[data-testid=history-detail]")!.ClassList, Does.Contain("mud-error-text"));
        Assert.That(items[1].QuerySelector("[data-testid=history-abnormal]"), Is.Null);
        var statuses = cut.FindAll("[data-testid=history-status]");
        Assert.That(statuses.Select(s => s.TextContent.Trim()), Is.EqualTo(new[] { "Final", "Preliminary", "Issued", "Active", "Active", "Closed" }));
        Assert.That(items[0].TextContent, Does.Contain("Verified by Sarah Okello"));
        Assert.That(items[1].TextContent, Does.Contain("Entered by Sarah Okello"));
    }

    [Test]
    public void Shows_twenty_at_a_time_with_show_more()
    {
        var history = new FakeHistory(Enumerable.Range(1, 45).Select(i => Row(i, "vitals", "Vital signs", $"pulse {60 + i}")).ToList());
        var cut = RenderList(history);
        Assert.That(cut.FindAll("[data-testid=history-item]"), Has.Count.EqualTo(20));
        Assert.That(cut.Find("[data-testid=history-count]").TextContent, Is.EqualTo("The latest 20, newest first"));

        cut.Find("button[data-testid=history-more]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=history-item]").Count == 40, TimeSpan.FromSeconds(5));
        cut.Find("button[data-testid=history-more]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=history-item]").Count == 45, TimeSpan.FromSeconds(5));

        Assert.That(history.Calls, Is.EqualTo(new[] { ("", 0, 20), ("", 20, 20), ("", 40, 20) }));
        Assert.That(cut.FindAll("[data-testid=history-more]"), Is.Empty);
        Assert.That(cut.Find("[data-testid=history-count]").TextContent, Is.EqualTo("45 events"));
        Assert.That(cut.FindAll("[data-testid=history-detail]").Select(d => d.TextContent.Trim()).Distinct().Count(), Is.EqualTo(45), "no repeats");
    }

    [Test]
    public void Kind_chips_filter_the_list_and_all_shows_everything_again()
    {
        var history = new FakeHistory(EveryKind);
        var cut = RenderList(history);

        cut.Find("[data-testid=history-kind][data-kind=lab_result]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=history-item]").Count == 2, TimeSpan.FromSeconds(5));
        Assert.That(cut.FindAll("[data-testid=history-item]").Select(i => i.GetAttribute("data-kind")), Is.All.EqualTo("lab_result"));
        Assert.That(cut.Find("[data-testid=history-kind][data-kind=lab_result]").GetAttribute("data-selected"), Is.EqualTo("true"));

        cut.Find("[data-testid=history-kind][data-kind=allergy]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=history-item]").Count == 3, TimeSpan.FromSeconds(5));

        cut.Find("[data-testid=history-kind-all]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=history-item]").Count == 8, TimeSpan.FromSeconds(5));
        Assert.That(history.Calls.Select(c => c.Kinds), Is.EqualTo(new[] { "", "lab_result", "lab_result,allergy", "" }));
        Assert.That(history.Calls.Select(c => c.Offset), Is.All.EqualTo(0), "a new filter starts at the first page");
    }

    [Test]
    public void Shows_the_empty_state()
    {
        var cut = RenderList(new FakeHistory([]));
        Assert.That(cut.Find("[data-testid=history-empty]").TextContent, Does.Contain("No clinical record yet."));
        Assert.That(cut.FindAll("[data-testid=history-item]"), Is.Empty);
    }

    [Test]
    public void A_history_that_could_not_be_read_is_not_shown_as_empty()
    {
        var cut = RenderList(new FakeHistory(EveryKind) { FailPages = true });
        Assert.That(cut.FindAll("[data-testid=history-failed]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=history-empty]"), Is.Empty);
    }

    [Test]
    public void The_summary_shows_allergies_in_red_problems_and_the_latest_vitals()
    {
        var history = new FakeHistory([]);
        history.Summary.AddRange(
        [
            new ClinicalSummaryItem { ItemKind = "allergy", ItemId = 1, Label = "Penicillin", Detail = "Anaphylaxis", Flag = "life_threatening" },
            new ClinicalSummaryItem { ItemKind = "allergy", ItemId = 2, Label = "Aspirin", Detail = "Nausea", Flag = "mild" },
            new ClinicalSummaryItem { ItemKind = "problem", ItemId = 3, Label = "Hypertension", Detail = "I10 · since 2024-03-01" },
            new ClinicalSummaryItem { ItemKind = "vitals", ItemId = 4, Label = "Latest vital signs", Detail = "BP 150/95, pulse 88", RecordedAt = Now, VisitId = 31 },
        ]);
        Context.Services.AddSingleton<IPatientHistoryReader>(history);

        var cut = Context.Render<ClinicalSummaryCard>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=summary-loading]").Count == 0, TimeSpan.FromSeconds(5));

        var allergies = cut.FindAll("[data-testid=allergy]");
        Assert.That(allergies.Select(a => a.TextContent), Has.Exactly(1).Contains("Penicillin: Anaphylaxis").And.Contains("life-threatening"));
        Assert.That(allergies.Select(a => a.ClassList.Contains("mud-error-text")), Is.All.True, "allergies are red");
        Assert.That(allergies.Select(a => a.GetAttribute("data-severity")), Is.EqualTo(new[] { "life_threatening", "mild" }));
        Assert.That(cut.Find("[data-testid=problem]").TextContent, Does.Contain("Hypertension").And.Contain("I10 · since 2024-03-01"));
        Assert.That(cut.Find("[data-testid=latest-vitals]").TextContent, Is.EqualTo("BP 150/95, pulse 88"));
        Assert.That(cut.FindAll("[data-testid=no-allergies]"), Is.Empty);
    }

    [Test]
    public void The_summary_says_no_known_allergies_only_when_it_could_read_them()
    {
        var empty = new FakeHistory([]);
        Context.Services.AddSingleton<IPatientHistoryReader>(empty);
        var cut = Context.Render<ClinicalSummaryCard>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=summary-loading]").Count == 0, TimeSpan.FromSeconds(5));
        Assert.That(cut.FindAll("[data-testid=no-allergies]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=no-problems]"), Has.Count.EqualTo(1));
        Assert.That(cut.FindAll("[data-testid=no-vitals]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_summary_that_could_not_be_read_never_claims_no_allergies()
    {
        Context.Services.AddSingleton<IPatientHistoryReader>(new FakeHistory([]) { FailSummary = true });
        var cut = Context.Render<ClinicalSummaryCard>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=summary-failed]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(cut.FindAll("[data-testid=no-allergies]"), Is.Empty);
    }

    [Test]
    public void The_vitals_chart_plots_what_was_measured_oldest_first()
    {
        var history = new FakeHistory([]);
        history.Vitals.AddRange(
        [
            new VitalsPoint { VitalSignId = 1, RecordedAt = new DateTime(2026, 10, 1), SystolicMmhg = 150, DiastolicMmhg = 95, PulseBpm = 88 },
            new VitalsPoint { VitalSignId = 2, RecordedAt = new DateTime(2026, 11, 1), PulseBpm = 80 },
        ]);
        Context.Services.AddSingleton<IPatientHistoryReader>(history);

        var cut = Context.Render<VitalsTrendChart>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=vitals-trend-loading]").Count == 0, TimeSpan.FromSeconds(5));

        Assert.That(cut.FindAll("[data-testid=vitals-trend-chart] svg"), Is.Not.Empty);
        Assert.That(cut.Find("[data-testid=vitals-trend-range]").TextContent, Does.Contain("The latest 2 sets, 2026-10-01 to 2026-11-01"));
        var series = VitalsTrendChart.SeriesOf(history.Vitals);
        Assert.That(series.Select(s => s.Name), Is.EqualTo(new[] { "Systolic (mmHg)", "Diastolic (mmHg)", "Pulse (/min)" }), "no weight was taken");
        Assert.That(series[0].Data.Points.Select(p => p.HasValue), Is.EqualTo(new[] { true, false }), "a set without blood pressure is a gap, never 0");
        Assert.That(series[0].Data.GetValue(0), Is.EqualTo(150));
    }

    [Test]
    public void The_vitals_chart_has_an_empty_state()
    {
        Context.Services.AddSingleton<IPatientHistoryReader>(new FakeHistory([]));
        var cut = Context.Render<VitalsTrendChart>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForState(() => cut.FindAll("[data-testid=vitals-trend-empty]").Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(cut.FindAll("svg"), Is.Empty);
    }
}
