using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Components.Admin;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Admin;

public sealed class WorkingHoursTests : BunitTest
{
    private const int DoctorId = 5;

    /// <summary>Answers like the procedures; <see cref="BlocksGate"/> holds the first block list back to show the loading state.</summary>
    private sealed class FakeHours : IWorkingHoursAdmin
    {
        public List<WorkingHoursRow> Blocks { get; } = [];
        public List<ScheduleExceptionRow> Exceptions { get; } = [];
        public TaskCompletionSource? BlocksGate { get; set; }
        public Exception? AddFails { get; set; }
        public List<(int StaffId, int Weekday, TimeSpan From, TimeSpan To)> Added { get; } = [];
        public List<(int StaffId, string Kind, DateTime From, DateTime To, string? Reason)> AddedExceptions { get; } = [];

        public Task<IReadOnlyList<StaffRow>> DoctorsAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<StaffRow>>(
            [
                new StaffRow { StaffId = DoctorId, GivenName = "Sarah", FamilyName = "Okello", StaffRole = "doctor", SpecialisationName = "General Practice", IsActive = true },
                new StaffRow { StaffId = 6, GivenName = "Moses", FamilyName = "Kato", StaffRole = "doctor", IsActive = true },
            ]);

        public async Task<IReadOnlyList<WorkingHoursRow>> BlocksAsync(int staffId, CancellationToken ct = default)
        {
            if (BlocksGate is { } gate)
            {
                BlocksGate = null;
                await gate.Task;
            }
            return Blocks.Where(b => b.StaffId == staffId).ToList();
        }

        public Task<int> AddBlockAsync(int staffId, int weekday, TimeSpan startsAt, TimeSpan endsAt, CancellationToken ct = default)
        {
            Added.Add((staffId, weekday, startsAt, endsAt));
            if (AddFails is not null)
                throw AddFails;
            Blocks.Add(new WorkingHoursRow { DoctorWorkingHoursId = 100 + Blocks.Count, StaffId = staffId, Weekday = weekday, StartsAt = startsAt, EndsAt = endsAt });
            return Task.FromResult(100 + Blocks.Count);
        }

        public Task RemoveBlockAsync(int doctorWorkingHoursId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScheduleExceptionRow>> ExceptionsAsync(int staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<ScheduleExceptionRow>>(Exceptions.Where(x => x.StaffId == staffId).Skip(offset).Take(limit)
                .Select(x => x with { TotalCount = Exceptions.Count(e => e.StaffId == staffId) }).ToList());

        public Task<int> AddExceptionAsync(int staffId, string kind, DateTime startsAt, DateTime endsAt, string? reason, CancellationToken ct = default)
        {
            AddedExceptions.Add((staffId, kind, startsAt, endsAt, reason));
            Exceptions.Add(new ScheduleExceptionRow { DoctorScheduleExceptionId = 200 + Exceptions.Count, StaffId = staffId, Kind = kind, StartsAt = startsAt, EndsAt = endsAt, Reason = reason });
            return Task.FromResult(200 + Exceptions.Count);
        }

        public Task RemoveExceptionAsync(int doctorScheduleExceptionId, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private FakeHours hours = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        hours = new FakeHours();
        Context.Services.AddSingleton<IWorkingHoursAdmin>(hours);
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<WorkingHours> RenderFor(int? doctor)
    {
        if (doctor is not null)
            Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/working-hours?doctor={doctor}");
        return Context.Render<WorkingHours>();
    }

    private static WorkingHoursRow Block(int id, int weekday, int from, int to) =>
        new() { DoctorWorkingHoursId = id, StaffId = DoctorId, Weekday = weekday, StartsAt = TimeSpan.FromHours(from), EndsAt = TimeSpan.FromHours(to) };

    [Test]
    public void Without_a_doctor_it_asks_for_one()
    {
        var page = RenderFor(null);

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-choose-doctor]").TextContent, Does.Contain("Choose a doctor")));
        Assert.That(page.FindAll("[data-testid=wh-week]"), Is.Empty);
    }

    [Test]
    public void Shows_loading_then_the_week_from_Monday_to_Sunday_with_several_blocks_a_day()
    {
        var gate = hours.BlocksGate = new TaskCompletionSource();
        hours.Blocks.AddRange([Block(1, 1, 14, 17), Block(2, 1, 8, 13), Block(3, 6, 8, 12), Block(4, 7, 20, 24)]);
        hours.Exceptions.Add(new ScheduleExceptionRow
        {
            DoctorScheduleExceptionId = 9, StaffId = DoctorId, Kind = "leave", StartsAt = new DateTime(2026, 12, 2), EndsAt = new DateTime(2026, 12, 5), Reason = "Annual leave",
        });

        var page = RenderFor(DoctorId);

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-loading]").TextContent, Does.Contain("Loading weekly hours")));
        Assert.That(page.FindAll("[data-testid=wh-day-1]"), Is.Empty);
        gate.SetResult();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid^=wh-day-]"), Has.Count.EqualTo(7)));
        var days = page.FindAll("[data-testid^=wh-day-]").Select(d => d.TextContent).ToList();
        Assert.That(days[0], Does.StartWith("Monday").And.Contain("08:00–13:00").And.Contain("14:00–17:00"));
        Assert.That(days[0].IndexOf("08:00", StringComparison.Ordinal), Is.LessThan(days[0].IndexOf("14:00", StringComparison.Ordinal)), "blocks in time order");
        Assert.That(days[2], Does.StartWith("Wednesday").And.Contain("Not working"));
        Assert.That(days[5], Does.StartWith("Saturday").And.Contain("08:00–12:00"));
        Assert.That(days[6], Does.StartWith("Sunday").And.Contain("20:00–24:00"));
        Assert.That(page.Find("[data-testid=wh-total]").TextContent, Is.EqualTo("16 h a week on 3 days"));
        Assert.That(page.FindAll("[data-testid=wh-empty]"), Is.Empty);

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-exceptions]").TextContent,
            Does.Contain("Leave").And.Contain("Wed 2026-12-02 00:00").And.Contain("Fri 2026-12-04 24:00").And.Contain("Annual leave")));
    }

    [Test]
    public void A_doctor_without_hours_shows_the_empty_states_and_a_new_block_appears()
    {
        var page = RenderFor(DoctorId);

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-empty]").TextContent, Does.Contain("No weekly hours yet")));
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=wh-exceptions-empty]"), Has.Count.EqualTo(1)));

        page.Find("input[data-testid=wh-start]").Change("14:00");
        page.Find("input[data-testid=wh-end]").Change("24:00");
        page.Find("button[data-testid=wh-add-block]").Click();

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-day-1]").TextContent, Does.Contain("14:00–24:00")));
        Assert.That(hours.Added, Is.EqualTo(new[] { (DoctorId, 1, TimeSpan.FromHours(14), TimeSpan.FromHours(24)) }));
        Assert.That(page.FindAll("[data-testid=wh-empty]"), Is.Empty);
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Added Monday 14:00–24:00.")));
    }

    [Test]
    public void The_database_refusal_shows_in_a_snackbar_and_a_bad_time_never_reaches_it()
    {
        hours.Blocks.Add(Block(1, 1, 8, 13));
        hours.AddFails = new ClinicRuleException(50404, "These hours overlap another block of the same doctor on that day.");
        var page = RenderFor(DoctorId);
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-day-1]").TextContent, Does.Contain("08:00–13:00")));

        page.Find("input[data-testid=wh-start]").Change("25:00");
        page.Find("button[data-testid=wh-add-block]").Click();
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Please enter the start and end as HH:mm")));
        Assert.That(hours.Added, Is.Empty);

        page.Find("input[data-testid=wh-start]").Change("12:00");
        page.Find("button[data-testid=wh-add-block]").Click();
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("These hours overlap another block of the same doctor on that day.")));
        Assert.That(hours.Added, Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=wh-day-1]").TextContent, Does.Not.Contain("12:00"));
    }

    [Test]
    public void Leave_goes_in_whole_days_by_default_and_is_listed()
    {
        var page = RenderFor(DoctorId);
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=wh-exceptions-empty]"), Has.Count.EqualTo(1)));

        page.Find("input[data-testid=wh-reason]").Change("Annual leave");
        page.Find("button[data-testid=wh-add-exception]").Click();

        var tomorrow = DateTime.Today.AddDays(1);
        page.WaitForAssertion(() => Assert.That(hours.AddedExceptions, Is.EqualTo(new[] { (DoctorId, "leave", tomorrow, tomorrow.AddDays(1), (string?)"Annual leave") })));
        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=wh-exceptions]").TextContent,
            Does.Contain("Annual leave").And.Contain($"{tomorrow:yyyy-MM-dd} 24:00")));
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain("Leave added")));
    }
}
