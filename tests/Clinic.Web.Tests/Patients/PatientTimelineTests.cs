using Bunit;
using Clinic.Data.Patients;
using Clinic.Web.Components.Patients;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests.Patients;

public sealed class PatientTimelineTests : BunitTest
{
    /// <summary>Serves pages of a fixed history and records which pages were asked for.</summary>
    internal sealed class FakeTimeline(IReadOnlyList<PatientTimelineRow> all) : IPatientTimelineReader
    {
        public List<(int Offset, int Limit)> Calls { get; } = [];

        public Task<IReadOnlyList<PatientTimelineRow>> PageAsync(int patientId, int offset, int limit, CancellationToken ct = default)
        {
            Calls.Add((offset, limit));
            IReadOnlyList<PatientTimelineRow> page = all.Skip(offset).Take(limit).Select(r => r with { TotalCount = all.Count }).ToList();
            return Task.FromResult(page);
        }
    }

    private static PatientTimelineRow Row(int i, string kind, string status, string? detail = null, int? visitId = null) => new()
    {
        Kind = kind, ItemId = i, OccurredAt = new DateTime(2026, 11, 20, 9, 0, 0).AddHours(-i), Status = status,
        Detail = detail, DoctorName = "Sarah Okello", VisitId = visitId,
    };

    [Test]
    public void Lists_each_kind_with_its_title_status_and_detail_newest_first()
    {
        var timeline = new FakeTimeline(
        [
            Row(1, "appointment", "booked", "09:00-09:20 · Room 1 · Review"),
            Row(2, "queue", "with_doctor", "Queue number 4 · urgent", visitId: 31),
            Row(3, "visit", "open", "From the walk-in queue", visitId: 31),
        ]);
        Context.Services.AddSingleton<IPatientTimelineReader>(timeline);

        var cut = Context.Render<PatientTimeline>(p => p.Add(x => x.PatientId, 5));

        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=timeline-item]"), Has.Count.EqualTo(3)));
        Assert.That(cut.FindAll("[data-testid=timeline-title]").Select(e => e.TextContent), Is.EqualTo(new[] { "Appointment", "Walk-in queue", "Visit" }));
        Assert.That(cut.FindAll("[data-testid=status-chip]").Select(e => e.TextContent.Trim()), Is.EqualTo(new[] { "Booked", "With doctor", "Open" }));
        Assert.That(cut.FindAll("[data-testid=timeline-detail]")[1].TextContent, Does.Contain("Dr Sarah Okello · Queue number 4 · urgent"));
        Assert.That(cut.FindAll("[data-testid=timeline-item]")[1].TextContent, Does.Contain("visit #31"));
        Assert.That(cut.Find("[data-testid=timeline-count]").TextContent, Is.EqualTo("Showing 3 of 3"));
        Assert.That(cut.FindAll("[data-testid=timeline-more]"), Is.Empty);
        Assert.That(cut.FindAll("[data-testid=timeline-empty]"), Is.Empty);
    }

    [Test]
    public void Pages_twenty_at_a_time_with_show_more()
    {
        var timeline = new FakeTimeline(Enumerable.Range(1, 45).Select(i => Row(i, "appointment", "completed")).ToList());
        Context.Services.AddSingleton<IPatientTimelineReader>(timeline);

        var cut = Context.Render<PatientTimeline>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=timeline-item]"), Has.Count.EqualTo(20)));
        Assert.That(cut.Find("[data-testid=timeline-count]").TextContent, Is.EqualTo("Showing 20 of 45"));

        cut.Find("[data-testid=timeline-more] button, button[data-testid=timeline-more]").Click();
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=timeline-item]"), Has.Count.EqualTo(40)));
        cut.Find("button[data-testid=timeline-more]").Click();
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=timeline-item]"), Has.Count.EqualTo(45)));

        Assert.That(timeline.Calls, Is.EqualTo(new[] { (0, 20), (20, 20), (40, 20) }));
        Assert.That(cut.FindAll("[data-testid=timeline-more]"), Is.Empty);
    }

    [Test]
    public void Shows_the_empty_state_for_a_new_patient()
    {
        Context.Services.AddSingleton<IPatientTimelineReader>(new FakeTimeline([]));
        var cut = Context.Render<PatientTimeline>(p => p.Add(x => x.PatientId, 5));
        cut.WaitForAssertion(() => Assert.That(cut.FindAll("[data-testid=timeline-empty]"), Has.Count.EqualTo(1)));
        Assert.That(cut.FindAll("[data-testid=timeline-item]"), Is.Empty);
    }
}
