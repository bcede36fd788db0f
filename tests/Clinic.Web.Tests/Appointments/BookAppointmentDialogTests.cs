using AngleSharp.Dom;
using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Scheduling;
using Clinic.Data.Staff;
using Clinic.Web.Auth;
using Clinic.Web.Components.Appointments;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Clinic.Web.Tests.Patients;

namespace Clinic.Web.Tests.Appointments;

public sealed class BookAppointmentDialogTests : BunitTest
{
    private const string SlotTakenMessage = "That slot is taken: the doctor already has an appointment at that time.";

    /// <summary>Patient search for the dialog's patient picker; nothing else is used.</summary>
    private sealed class SearchOnlyDirectory : IPatientDirectory
    {
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<PatientSearchRow>>(
                [new PatientSearchRow { PatientId = 31, Mrn = "HMS/000031", GivenName = "Ruth", FamilyName = "Apio", DateOfBirth = new DateTime(1985, 3, 2) }]);
        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    /// <summary>A Monday at least a week ahead.</summary>
    private static DateTime Monday
    {
        get
        {
            var today = DateTime.Today;
            return today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7);
        }
    }

    private static readonly DoctorRow Okot = new()
    {
        StaffId = 5, GivenName = "Daniel", FamilyName = "Okot", SpecialisationId = 2, SpecialisationName = "Paediatrics", DefaultAppointmentMinutes = 20,
    };

    private FakeAppointmentBook book = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        book = new FakeAppointmentBook
        {
            Doctors = [Okot],
            Specialisations = [new SpecialisationRow { SpecialisationId = 2, Name = "Paediatrics", DefaultAppointmentMinutes = 20, IsActive = true }],
            Rooms = [new RoomRow { RoomId = 3, Name = "Room 3", RoomType = "consultation", IsActive = true }],
        };
        Context.Services.AddSingleton<IAppointmentBook>(book);
        Context.Services.AddSingleton<IPatientDirectory>(new SearchOnlyDirectory());
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
    }

    private IReadOnlyList<FreeSlotRow> TwoDays() =>
    [
        FakeAppointmentBook.Slot(5, "Daniel", "Okot", Monday.AddHours(9)),
        FakeAppointmentBook.Slot(5, "Daniel", "Okot", Monday.AddHours(9).AddMinutes(20)),
        FakeAppointmentBook.Slot(5, "Daniel", "Okot", Monday.AddDays(1).AddHours(14)),
    ];

    private async Task<IDialogReference> OpenAsync(bool withDoctor = true)
    {
        var parameters = new DialogParameters<BookAppointmentDialog>
        {
            { d => d.Patient, new PatientChoice(12, "HMS/000012", "Mary Nakato") },
            { d => d.Doctor, withDoctor ? Okot : null },
            { d => d.From, Monday },
        };
        var service = Context.Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await service.ShowAsync<BookAppointmentDialog>("New appointment", parameters));
        return reference!;
    }

    /// <summary>Opens the dialog on a doctor whose free slots are <see cref="TwoDays"/>, and waits until they show.</summary>
    private async Task<IDialogReference> OpenWithTwoDaysAsync()
    {
        book.SlotAnswers.Enqueue(TwoDays());
        var reference = await OpenAsync();
        dialogs.WaitForAssertion(() => Assert.That(Slots(), Has.Count.EqualTo(3)));
        return reference;
    }

    private IReadOnlyList<IElement> Slots() => dialogs.FindAll("[data-testid=slot]");

    private IElement SlotAt(DateTime startsAt) => dialogs.Find($"[data-testid=slot][data-starts-at='{startsAt:yyyy-MM-ddTHH:mm}']");

    [Test]
    public async Task Free_slots_are_grouped_by_day_and_the_chosen_slot_is_booked_for_that_doctor_and_time()
    {
        var reference = await OpenWithTwoDaysAsync();

        var days = dialogs.FindAll("[data-testid=slot-day]");
        Assert.That(days.Select(d => d.GetAttribute("data-day")), Is.EqualTo(new[] { $"{Monday:yyyy-MM-dd}", $"{Monday.AddDays(1):yyyy-MM-dd}" }));
        Assert.That(days[0].QuerySelector("[data-testid=slot-day-title]")!.TextContent, Is.EqualTo($"Monday {Monday:yyyy-MM-dd}"));
        Assert.That(days[0].QuerySelectorAll("[data-testid=slot]").Select(s => s.TextContent.Trim()), Is.EqualTo(new[] { "09:00", "09:20" }));
        Assert.That(days[1].QuerySelectorAll("[data-testid=slot]").Select(s => s.TextContent.Trim()), Is.EqualTo(new[] { "14:00" }));
        var search = book.FreeSlotCalls.Single();
        Assert.That((search.StaffId, search.SpecialisationId, search.From, search.Minutes, search.RoomId), Is.EqualTo(((int?)5, (int?)null, Monday, (int?)null, (int?)null)));
        Assert.That(dialogs.Find("button[data-testid=book-submit]").HasAttribute("disabled"), Is.True, "nothing chosen yet");

        SlotAt(Monday.AddHours(9).AddMinutes(20)).Click();
        dialogs.Find("input[data-testid=book-reason]").Change("Fever for three days");

        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=book-summary]").TextContent,
            Does.Contain("Mary Nakato").And.Contain("Daniel Okot").And.Contain($"Monday {Monday:yyyy-MM-dd} at 09:20")));
        Assert.That(SlotAt(Monday.AddHours(9).AddMinutes(20)).GetAttribute("data-selected"), Is.EqualTo("true"));
        // The slots are buttons that say which one is chosen, to a screen reader (aria-pressed) and to the eye (filled, ticked).
        Assert.That(Slots().Select(s => s.GetAttribute("aria-pressed")), Is.EqualTo(new[] { "false", "true", "false" }));
        Assert.That(Slots().Select(s => s.ClassList.Contains("mud-chip-filled")), Is.EqualTo(new[] { false, true, false }));
        Assert.That(Slots().Select(s => s.QuerySelector("svg.mud-chip-icon") is not null), Is.EqualTo(new[] { false, true, false }));
        dialogs.Find("button[data-testid=book-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.That(book.BookCalls, Has.Count.EqualTo(1)));
        var booked = book.BookCalls[0];
        Assert.That((booked.PatientId, booked.StaffId, booked.StartsAt, booked.Minutes, booked.RoomId, booked.Reason),
            Is.EqualTo((12, 5, Monday.AddHours(9).AddMinutes(20), (int?)null, (int?)null, "Fever for three days")));
        Assert.That(book.SeriesCalls, Is.Empty);
        var result = await reference.Result;
        Assert.That(result!.Data, Is.TypeOf<BookedAppointment>());
        Assert.That(((BookedAppointment)result.Data!).AppointmentId, Is.EqualTo(901));
        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain($"Appointment booked for Mary Nakato with Daniel Okot on {Monday:yyyy-MM-dd} 09:20.")));
    }

    [Test]
    public async Task A_slot_taken_meanwhile_shows_the_message_and_reloads_the_slots()
    {
        book.SlotAnswers.Enqueue(TwoDays());
        book.SlotAnswers.Enqueue(TwoDays().Where(s => s.StartsAt != Monday.AddHours(9)).ToList());
        book.BookFailure = new ClinicRuleException(AppointmentProcedures.SlotTaken, SlotTakenMessage);
        var reference = await OpenAsync();
        dialogs.WaitForAssertion(() => Assert.That(Slots(), Has.Count.EqualTo(3)));

        SlotAt(Monday.AddHours(9)).Click();
        dialogs.Find("button[data-testid=book-submit]").Click();

        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain(SlotTakenMessage)));
        dialogs.WaitForAssertion(() =>
        {
            Assert.That(book.FreeSlotCalls, Has.Count.EqualTo(2), "the slots are searched again");
            Assert.That(Slots().Select(s => s.GetAttribute("data-starts-at")),
                Is.EqualTo(new[] { $"{Monday:yyyy-MM-dd}T09:20", $"{Monday.AddDays(1):yyyy-MM-dd}T14:00" }));
        });
        Assert.That(dialogs.Find("[data-testid=book-error]").TextContent, Does.Contain(SlotTakenMessage));
        Assert.That(dialogs.Find("button[data-testid=book-submit]").HasAttribute("disabled"), Is.True, "the taken slot is no longer chosen");
        Assert.That(dialogs.FindAll("[data-testid=book-dialog]"), Has.Count.EqualTo(1), "the dialog stays open");

        // The next slot books fine.
        SlotAt(Monday.AddHours(9).AddMinutes(20)).Click();
        dialogs.Find("button[data-testid=book-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.That(book.BookCalls.Select(c => c.StartsAt), Is.EqualTo(new[] { Monday.AddHours(9), Monday.AddHours(9).AddMinutes(20) })));
        Assert.That((await reference.Result)!.Canceled, Is.False);
    }

    [Test]
    public async Task Repeat_weekly_books_a_series_with_the_chosen_interval_and_count()
    {
        var reference = await OpenWithTwoDaysAsync();

        SlotAt(Monday.AddDays(1).AddHours(14)).Click();
        dialogs.Find("input[data-testid=book-repeat]").Change(true);
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=book-repeat-options]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=book-every-weeks]").Change("2");
        dialogs.Find("input[data-testid=book-occurrences]").Change("6");
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=book-summary]").TextContent, Does.Contain("then every 2 weeks, 6 times in all")));
        Assert.That(dialogs.Find("button[data-testid=book-submit]").TextContent.Trim(), Is.EqualTo("Book series"));

        dialogs.Find("button[data-testid=book-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.That(book.SeriesCalls, Has.Count.EqualTo(1)));
        var (first, everyWeeks, occurrences) = book.SeriesCalls[0];
        Assert.That((first.PatientId, first.StaffId, first.StartsAt, everyWeeks, occurrences), Is.EqualTo((12, 5, Monday.AddDays(1).AddHours(14), 2, 6)));
        Assert.That(book.BookCalls, Is.Empty);
        Assert.That(((BookedAppointment)(await reference.Result)!.Data!).SeriesId, Is.EqualTo(70));
    }

    [Test]
    public async Task A_refused_series_shows_the_dates_that_are_not_free_and_keeps_the_dialog_open()
    {
        const string notFree = "These dates are not free: 2026-12-01, 2026-12-08";
        book.SlotAnswers.Enqueue(TwoDays());
        book.BookFailure = new ClinicRuleException(AppointmentProcedures.SeriesDatesNotFree, notFree);
        await OpenAsync();
        dialogs.WaitForAssertion(() => Assert.That(Slots(), Has.Count.EqualTo(3)));
        SlotAt(Monday.AddHours(9)).Click();
        dialogs.Find("input[data-testid=book-repeat]").Change(true);

        dialogs.Find("button[data-testid=book-submit]").Click();

        snackbars.WaitForAssertion(() => Assert.That(snackbars.Markup, Does.Contain(notFree)));
        Assert.That(dialogs.Find("[data-testid=book-error]").TextContent, Does.Contain(notFree));
        Assert.That(book.FreeSlotCalls, Has.Count.EqualTo(1), "a refused series does not reload the slots");
        Assert.That(SlotAt(Monday.AddHours(9)).GetAttribute("data-selected"), Is.EqualTo("true"));
    }

    [Test]
    public async Task The_doctor_box_lists_ten_doctors_and_says_when_there_are_more()
    {
        book.Doctors = [.. Enumerable.Range(1, 12).Select(i => Okot with { StaffId = 100 + i, FamilyName = $"Okello{i:00}" })];
        await OpenAsync(withDoctor: false);

        dialogs.Find("input[data-testid=book-doctor]").MouseDown();

        popovers.WaitForAssertion(() => Assert.That(popovers.FindAll(".mud-popover-open .mud-list-item"), Has.Count.EqualTo(DoctorPicker.Shown)));
        Assert.That(popovers.Find(".mud-popover-open [data-testid=doctor-more]").TextContent.Trim(), Is.EqualTo("More doctors: type a name."));
        // One more than the list shows, to know that there are more; it asked for 50 before.
        Assert.That(book.DoctorLimits, Is.EqualTo(new[] { DoctorPicker.Shown + 1 }));
    }

    [Test]
    public async Task The_doctor_box_lists_every_doctor_without_a_more_line_when_they_fit()
    {
        book.Doctors = [.. Enumerable.Range(1, 10).Select(i => Okot with { StaffId = 100 + i, FamilyName = $"Okello{i:00}" })];
        await OpenAsync(withDoctor: false);

        dialogs.Find("input[data-testid=book-doctor]").MouseDown();

        popovers.WaitForAssertion(() => Assert.That(popovers.FindAll(".mud-popover-open .mud-list-item"), Has.Count.EqualTo(10)));
        Assert.That(popovers.FindAll("[data-testid=doctor-more]"), Is.Empty);
    }

    [Test]
    public async Task Choosing_a_slot_or_typing_a_reason_does_not_draw_the_fields_again_but_a_new_length_does()
    {
        await OpenWithTwoDaysAsync();
        // The mode's toggle group stands for the fields: it is drawn only when its parent draws it.
        int FieldRenders() => dialogs.FindComponent<MudToggleGroup<string>>().RenderCount;
        var before = FieldRenders();

        SlotAt(Monday.AddHours(9)).Click();
        dialogs.Find("input[data-testid=book-reason]").Change("Fever for three days");
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=book-summary]").TextContent, Does.Contain($"Monday {Monday:yyyy-MM-dd} at 09:00")));

        Assert.That(FieldRenders(), Is.EqualTo(before), "the slot and the reason changed nothing the fields show");
        Assert.That(dialogs.Find("input[data-testid=book-reason]").GetAttribute("value"), Is.EqualTo("Fever for three days"));

        // The length is in what the fields show: they are drawn again, and the slots are searched again for it.
        book.SlotAnswers.Enqueue(TwoDays());
        dialogs.Find("input[data-testid=book-minutes]").Change("40");
        dialogs.WaitForAssertion(() => Assert.That(book.FreeSlotCalls.Last().Minutes, Is.EqualTo(40)));
        Assert.That(FieldRenders(), Is.GreaterThan(before));
    }

    [Test]
    public async Task Without_a_doctor_the_picker_asks_for_one_and_nothing_can_be_booked()
    {
        await OpenAsync(withDoctor: false);

        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=slots-hint]").TextContent, Does.Contain("Choose a doctor or a specialisation")));
        Assert.That(book.FreeSlotCalls, Is.Empty);
        Assert.That(dialogs.Find("[data-testid=book-patient-fixed]").TextContent, Does.Contain("Mary Nakato").And.Contain("HMS/000012"));
        Assert.That(dialogs.Find("button[data-testid=book-submit]").HasAttribute("disabled"), Is.True);
    }

    [Test]
    public async Task The_specialisations_are_asked_for_when_that_mode_is_first_chosen_and_its_doctors_slots_are_shown()
    {
        await OpenWithTwoDaysAsync();
        Assert.That(book.SpecialisationQueries, Is.EqualTo(0), "a booking with a doctor does not ask for the specialisations");

        book.SlotAnswers.Enqueue(
        [
            FakeAppointmentBook.Slot(5, "Daniel", "Okot", Monday.AddHours(9)),
            FakeAppointmentBook.Slot(8, "Grace", "Auma", Monday.AddHours(9)),
        ]);
        IElement Mode(string text) => dialogs.FindAll("[data-testid=book-mode] button").Single(b => b.TextContent.Trim() == text);
        Mode("Specialisation").Click();
        dialogs.WaitForAssertion(() => Assert.That(book.SpecialisationQueries, Is.EqualTo(1)));
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=slots-hint]"), Has.Count.EqualTo(1), "no specialisation chosen yet"));
        dialogs.Find("[data-testid=book-specialisation]").MouseDown();
        popovers.WaitForAssertion(() => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()), Does.Contain("Paediatrics")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Paediatrics").Click();

        dialogs.WaitForAssertion(() => Assert.That(Slots().Select(s => s.TextContent.Trim()), Is.EqualTo(new[] { "09:00· Daniel Okot", "09:00· Grace Auma" })));
        var search = book.FreeSlotCalls.Last();
        Assert.That((search.StaffId, search.SpecialisationId), Is.EqualTo(((int?)null, (int?)2)));

        // Back to a doctor and to the specialisations again: they are not asked for twice.
        Mode("Doctor").Click();
        Mode("Specialisation").Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.FindAll("[data-testid=book-specialisation]"), Has.Count.EqualTo(1)));
        Assert.That(book.SpecialisationQueries, Is.EqualTo(1));
    }

    [Test]
    public async Task The_rooms_are_asked_for_when_their_list_is_opened_and_the_chosen_room_is_booked()
    {
        await OpenWithTwoDaysAsync();
        Assert.That(book.RoomQueries, Is.EqualTo(0), "a booking that leaves the room out does not ask for the rooms");

        dialogs.Find("[data-testid=book-room]").MouseDown();
        popovers.WaitForAssertion(() => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()), Does.Contain("Room 3")));
        Assert.That(book.RoomQueries, Is.EqualTo(1));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Room 3").Click();

        dialogs.WaitForAssertion(() => Assert.That(book.FreeSlotCalls.Last().RoomId, Is.EqualTo(3), "the slots are searched with the room free too"));
        SlotAt(Monday.AddHours(9)).Click();
        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=book-summary]").TextContent, Does.Contain("room Room 3")));
        dialogs.Find("button[data-testid=book-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.That(book.BookCalls, Has.Count.EqualTo(1)));
        Assert.That(book.BookCalls[0].RoomId, Is.EqualTo(3));
        Assert.That(book.RoomQueries, Is.EqualTo(1));
    }

    [Test]
    public void The_picker_searches_a_specialisation_and_names_the_doctor_on_each_slot()
    {
        book.SlotAnswers.Enqueue(
        [
            FakeAppointmentBook.Slot(5, "Daniel", "Okot", Monday.AddHours(9)),
            FakeAppointmentBook.Slot(8, "Grace", "Auma", Monday.AddHours(9)),
        ]);
        FreeSlotRow? chosen = null;

        var picker = Context.Render<FreeSlotPicker>(p => p
            .Add(x => x.SpecialisationId, 2)
            .Add(x => x.ShowDoctor, true)
            .Add(x => x.RoomId, 3)
            .Add(x => x.Minutes, 30)
            .Add(x => x.From, Monday)
            .Add(x => x.SelectedChanged, (FreeSlotRow? s) => chosen = s));

        picker.WaitForAssertion(() => Assert.That(picker.FindAll("[data-testid=slot]"), Has.Count.EqualTo(2)));
        Assert.That(picker.FindAll("[data-testid=slot]").Select(s => s.TextContent.Trim()), Is.EqualTo(new[] { "09:00· Daniel Okot", "09:00· Grace Auma" }));
        var search = book.FreeSlotCalls.Single();
        Assert.That((search.StaffId, search.SpecialisationId, search.Minutes, search.RoomId), Is.EqualTo(((int?)null, (int?)2, (int?)30, (int?)3)));

        picker.Find("[data-testid=slot][data-staff-id='8']").Click();
        Assert.That(chosen?.StaffId, Is.EqualTo(8));
        Assert.That(chosen?.StartsAt, Is.EqualTo(Monday.AddHours(9)));
    }

    [Test]
    public void No_free_slots_says_so()
    {
        book.SlotAnswers.Enqueue([]);
        var picker = Context.Render<FreeSlotPicker>(p => p.Add(x => x.StaffId, 5).Add(x => x.From, Monday));

        picker.WaitForAssertion(() => Assert.That(picker.Find("[data-testid=slots-empty]").TextContent,
            Does.Contain($"No free slots in the 60 days from {Monday:yyyy-MM-dd}")));
    }
}

public sealed class BookFromPatientProfileTests : BunitTest
{
    private sealed class OnePatient(PatientRow row) : IPatientDirectory
    {
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => Task.FromResult<PatientRow?>(row);
        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static readonly PatientRow Mary = new()
    {
        PatientId = 12, Mrn = "HMS/000012", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", DateOfBirth = new DateTime(1990, 5, 14), Status = "active",
    };

    [TestCase(true)]
    [TestCase(false)]
    public void The_profile_books_for_its_patient_with_the_booking_permission(bool canBook)
    {
        Context.Services.AddSingleton<IPatientDirectory>(new OnePatient(Mary));
        Context.Services.AddSingleton<IPatientTimelineReader>(new PatientTimelineTests.FakeTimeline([]));
        Context.Services.AddSingleton<IPatientHistoryReader>(new PatientMedicalHistoryTests.FakeHistory([]));
        Context.Services.AddSingleton<IAppointmentBook>(new FakeAppointmentBook());
        SignInWith(canBook ? [Permissions.PatientRead, Permissions.AppointmentBook] : [Permissions.PatientRead]);
        RenderInteractively();
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();
        var profile = Context.Render<Clinic.Web.Components.Patients.PatientProfile>(p => p.Add(x => x.PatientId, 12));
        profile.WaitForAssertion(() => Assert.That(profile.FindAll("[data-testid=patient-mrn]"), Has.Count.EqualTo(1)));

        Assert.That(profile.FindAll("button[data-testid=book-appointment]"), Has.Count.EqualTo(canBook ? 1 : 0));
        if (!canBook)
            return;
        profile.Find("button[data-testid=book-appointment]").Click();

        dialogs.WaitForAssertion(() => Assert.That(dialogs.Find("[data-testid=book-patient-fixed]").TextContent, Does.Contain("Mary Nakato").And.Contain("HMS/000012")));
        Assert.That(dialogs.FindAll("[data-testid=book-patient]"), Is.Empty, "no patient search when the patient is known");
    }
}
