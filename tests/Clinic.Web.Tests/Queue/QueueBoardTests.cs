using Bunit;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Staff;
using Clinic.Web.Components.Queue;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Queue;

public sealed class QueueBoardTests : BunitTest
{
    /// <summary>Answers like queue_list over an in-memory board (rows kept in the order given), and records the changes asked for.</summary>
    private sealed class FakeQueueBoard : IQueueBoard
    {
        public List<QueueListRow> Rows { get; set; } = [];
        public List<QueueAddInput> Added { get; } = [];
        public List<(DateTime? Day, string? Status, int Offset, int Limit)> ListCalls { get; } = [];
        public List<(int? StaffId, bool IncludeUnassigned)> ListFilters { get; } = [];
        public int? OwnStaffId { get; set; }
        public Exception? FailWith { get; set; }
        public TaskCompletionSource? Gate { get; set; }
        public QueueTicket Ticket { get; set; } = new() { QueueEntryId = 99, QueueNumber = 14 };

        public async Task<IReadOnlyList<QueueListRow>> ListAsync(DateTime? day, int? staffId, bool includeUnassigned, string? status, int offset, int limit,
            CancellationToken ct = default)
        {
            lock (ListCalls)
            {
                ListCalls.Add((day, status, offset, limit));
                ListFilters.Add((staffId, includeUnassigned));
            }
            if (Gate is not null)
                await Gate.Task;
            var matching = Rows.Where(r => status is null || r.Status == status).ToList();
            Assert.That(limit, Is.InRange(1, 100), "queue_list serves at most 100 rows a call");
            return matching.Skip(offset).Take(limit).Select(r => r with { TotalCount = matching.Count }).ToList();
        }

        public Task<IReadOnlyList<StaffRow>> ActiveDoctorsAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<StaffRow>>([new StaffRow { StaffId = 3, GivenName = "Sarah", FamilyName = "Okello", StaffRole = "doctor", IsActive = true }]);

        public Task<int?> OwnDoctorStaffIdAsync(CancellationToken ct = default) => Task.FromResult(OwnStaffId);

        public Task<QueueTicket> AddAsync(QueueAddInput input, CancellationToken ct = default)
        {
            Added.Add(input);
            return FailWith is null ? Task.FromResult(Ticket) : Task.FromException<QueueTicket>(FailWith);
        }

        public Task AssignAsync(int queueEntryId, int? staffId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetPriorityAsync(int queueEntryId, string priority, CancellationToken ct = default) => throw new NotSupportedException();
        public Task LinkPatientAsync(int queueEntryId, int patientId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<int> StartAsync(int queueEntryId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task CompleteAsync(int queueEntryId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task CancelAsync(int queueEntryId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class FakeDirectory : IPatientDirectory
    {
        public Task<IReadOnlyList<PatientSearchRow>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<PatientSearchRow>>(
            [
                new PatientSearchRow { PatientId = 7, Mrn = "HMS/000007", GivenName = "Mary", FamilyName = "Nakato", Sex = "female", DateOfBirth = new DateTime(1990, 5, 14) },
                new PatientSearchRow { PatientId = 8, Mrn = "HMS/000008", GivenName = "Marko", FamilyName = "Nakule", Sex = "male", DateOfBirth = new DateTime(1985, 1, 2) },
            ]);

        public Task<RegisteredPatient> RegisterAsync(PatientInput input, bool confirmDuplicate, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(int patientId, PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PatientRow?> GetAsync(int patientId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<DuplicateCandidateRow>> DuplicateCandidatesAsync(PatientInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MergeAsync(int survivingPatientId, int mergedPatientId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static QueueListRow Row(int id, int number, string priority, string status = QueueStatus.Waiting, long? position = null, string? name = null,
        bool walkIn = false) => new()
    {
        QueueEntryId = id, QueueNumber = number, Priority = priority, Status = status, QueuePosition = position, ClinicDay = DateTime.Today,
        PatientName = name ?? $"Patient {number}", IsWalkIn = walkIn, PatientId = walkIn ? null : 100 + id, Mrn = walkIn ? null : $"HMS/{100 + id:000000}",
        Phone = "+256772000" + number.ToString("000"), PhoneLocal = "0772000" + number.ToString("000"), WaitMinutes = 12, ArrivedAt = DateTime.Today.AddHours(8),
    };

    private FakeQueueBoard board = default!;
    private QueueChangeNotifier notifier = default!;
    private CircuitPresence presence = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
#pragma warning restore NUnit1032

    public override void Setup()
    {
        base.Setup();
        board = new FakeQueueBoard();
        notifier = new QueueChangeNotifier();
        Context.Services.AddSingleton<IQueueBoard>(board);
        Context.Services.AddSingleton<IPatientDirectory>(new FakeDirectory());
        Context.Services.AddSingleton(notifier);
        presence = new CircuitPresence();
        Context.Services.AddSingleton(presence);
    }

    /// <summary>The queue permissions each role holds in the database's map (db/migrations/0054_permission.sql, 0055).</summary>
    private static readonly Dictionary<string, string[]> QueuePermissionsOf = new()
    {
        ["receptionist"] = ["queue.read", "queue.desk", "queue.triage"],
        ["nurse"] = ["queue.read", "queue.desk", "queue.triage"],
        ["doctor"] = ["queue.read", "queue.triage", "queue.call"],
        ["admin"] = ["queue.read", "queue.desk", "queue.triage", "queue.call", "queue.call_any"],
    };

    /// <summary>A row with every action flag its status allows, as queue_list answers an administrator.</summary>
    private static QueueListRow AllFlags(QueueListRow row) => row with
    {
        CanAssign = row.Status == QueueStatus.Waiting, CanSetPriority = row.Status == QueueStatus.Waiting,
        CanLink = row.Status == QueueStatus.Waiting && row.IsWalkIn, CanStart = row.Status == QueueStatus.Waiting && !row.IsWalkIn,
        CanCancel = row.Status == QueueStatus.Waiting, CanComplete = row.Status == QueueStatus.WithDoctor,
    };

    private IRenderedComponent<QueueBoard> RenderBoard(string role = "receptionist", TimeSpan? refreshInterval = null)
    {
        // Services first: bUnit freezes the container at the first render.
        SignInWith(QueuePermissionsOf[role]);
        popovers = Context.Render<MudPopoverProvider>();
        dialogs = Context.Render<MudDialogProvider>();
        snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<QueueBoard>(p => p.Add(x => x.RefreshInterval, refreshInterval ?? TimeSpan.FromHours(1)));
    }

    /// <summary>
    /// Waits (up to 5 s) until the assertion holds, then asserts it once for real. The retries run isolated, because NUnit
    /// records a failed Assert.That in the test result even when the exception is caught.
    /// </summary>
    private static void WaitUntil<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent
    {
        try
        {
            component.WaitForState(() => Passes(assertion), TimeSpan.FromSeconds(5));
        }
        catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
        {
            // The assertion below says what is wrong.
        }
        assertion();
    }

    private static bool Passes(Action assertion)
    {
        using (new NUnit.Framework.Internal.TestExecutionContext.IsolatedContext())
        {
            try
            {
                assertion();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    private static string[] Texts(IRenderedComponent<QueueBoard> page, string selector) =>
        page.FindAll(selector).Select(e => e.TextContent.Trim()).ToArray();

    [Test]
    public void Waiting_patients_appear_in_the_order_given_with_positions_and_priority_chips()
    {
        board.Rows =
        [
            Row(1, 5, QueuePriority.Emergency, position: 1, name: "Esther Emergency"),
            Row(2, 3, QueuePriority.Urgent, position: 2, name: "Ursula Urgent"),
            Row(3, 1, QueuePriority.Normal, position: 3, name: "Walter Walker", walkIn: true),
            Row(4, 2, QueuePriority.Normal, QueueStatus.WithDoctor, name: "Dora Doctor"),
        ];

        var page = RenderBoard();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=section-waiting] [data-testid=queue-row]"), Has.Count.EqualTo(3)));
        Assert.That(Texts(page, "[data-testid=section-waiting] [data-testid=queue-number]"), Is.EqualTo(new[] { "5", "3", "1" }));
        Assert.That(Texts(page, "[data-testid=section-waiting] [data-testid=queue-position]"), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(Texts(page, "[data-testid=section-waiting] [data-testid=queue-patient-name]"),
            Is.EqualTo(new[] { "Esther Emergency", "Ursula Urgent", "Walter Walker" }));
        var chips = page.FindAll("[data-testid=section-waiting] [data-testid=priority-chip]");
        Assert.That(chips.Select(c => c.TextContent.Trim()), Is.EqualTo(new[] { "Emergency", "Urgent", "Normal" }));
        Assert.That(chips[0].ClassList, Does.Contain("mud-chip-color-error"));
        Assert.That(chips[1].ClassList, Does.Contain("mud-chip-color-warning"));
        Assert.That(chips[2].ClassList, Does.Contain("mud-chip-color-default"));

        // The walk-in has a badge and a phone instead of an MRN; a registered patient links to their record.
        var walkIn = page.FindAll("[data-testid=section-waiting] [data-testid=queue-row]")[2];
        Assert.That(walkIn.QuerySelector("[data-testid=walk-in-badge]")!.TextContent.Trim(), Is.EqualTo("Walk-in"));
        Assert.That(walkIn.QuerySelector("[data-testid=queue-phone]")!.TextContent, Is.EqualTo("0772000001"));
        Assert.That(page.Find("[data-testid=section-waiting] [data-testid=queue-mrn]").GetAttribute("href"), Is.EqualTo("/patients/101"));
        Assert.That(Texts(page, "[data-testid=section-waiting] [data-testid=queue-wait]"), Has.All.EqualTo("12 min"));

        // Sections and counts per status.
        Assert.That(Texts(page, "[data-testid=section-with_doctor] [data-testid=queue-patient-name]"), Is.EqualTo(new[] { "Dora Doctor" }));
        Assert.That(page.Find("[data-testid=count-waiting]").TextContent, Does.Contain("Waiting").And.Contain("3"));
        Assert.That(page.Find("[data-testid=count-with_doctor]").TextContent, Does.Contain("With doctor").And.Contain("1"));
        Assert.That(page.Find("[data-testid=count-completed]").TextContent, Does.Contain("0"));
        Assert.That(page.Find("[data-testid=queue-updated]").TextContent, Does.Match(@"updated \d\d:\d\d:\d\d"));
        Assert.That(page.FindAll("[data-testid=queue-empty]"), Is.Empty);
    }

    [Test]
    public void Shows_loading_then_the_empty_state()
    {
        board.Gate = new TaskCompletionSource();

        var page = RenderBoard();

        Assert.That(page.Find("[data-testid=queue-loading]").TextContent, Does.Contain("Loading the queue"));
        Assert.That(page.FindAll("[data-testid=queue-empty]"), Is.Empty);

        board.Gate.SetResult();

        WaitUntil(page, () => Assert.That(page.Find("[data-testid=queue-empty]").TextContent, Does.Contain("No one is waiting")));
        Assert.That(page.FindAll("[data-testid=queue-loading]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=queue-row]"), Is.Empty);
        Assert.That(page.Find("[data-testid=count-waiting]").TextContent, Does.Contain("0"));
    }

    [Test]
    public void A_long_day_is_read_100_rows_at_a_time_and_load_more_reads_the_next_page()
    {
        board.Rows = Enumerable.Range(1, 130).Select(i => Row(i, i, QueuePriority.Normal, position: i)).ToList();

        var page = RenderBoard();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=section-waiting] [data-testid=queue-row]"), Has.Count.EqualTo(100)));
        Assert.That(page.Find("[data-testid=count-waiting]").TextContent, Does.Contain("130"));
        Assert.That(page.Find("[data-testid=more-waiting]").TextContent.Trim(), Is.EqualTo("Load 30 more"));

        page.Find("[data-testid=more-waiting]").Click();

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=section-waiting] [data-testid=queue-row]"), Has.Count.EqualTo(130)));
        Assert.That(page.FindAll("[data-testid=more-waiting]"), Is.Empty);
        Assert.That(board.ListCalls.Where(c => c.Status == QueueStatus.Waiting).Select(c => c.Offset), Does.Contain(100));
        Assert.That(board.ListCalls.Max(c => c.Limit), Is.LessThanOrEqualTo(100));
    }

    [Test]
    public void Adding_an_anonymous_walk_in_sends_name_phone_priority_and_reason_and_shows_the_number()
    {
        var page = RenderBoard();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=add-to-queue]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=mode-walk-in]"), Has.Count.EqualTo(1)));
        dialogs.Find("[data-testid=mode-walk-in]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=walk-in-name]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=walk-in-name]").Change("John Walker");
        dialogs.Find("input[data-testid=walk-in-phone]").Change("0772 123 456");
        dialogs.Find("[data-testid=priority-urgent]").Click();
        dialogs.Find("input[data-testid=queue-reason]").Change("Chest pain");
        board.Rows = [Row(99, 14, QueuePriority.Urgent, position: 1, name: "John Walker", walkIn: true)];

        dialogs.Find("button[data-testid=queue-add-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Added as number 14.")));
        var input = board.Added.Single();
        Assert.That(input, Is.EqualTo(new QueueAddInput
        {
            PatientId = null, WalkInName = "John Walker", WalkInPhone = "0772 123 456", Priority = QueuePriority.Urgent, StaffId = null, Reason = "Chest pain",
        }));
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=mode-walk-in]"), Is.Empty));
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=section-waiting] [data-testid=queue-number]"), Is.EqualTo(new[] { "14" })));
    }

    [Test]
    public void Adding_a_registered_patient_sends_the_patient_id_and_no_walk_in_details()
    {
        var page = RenderBoard("nurse");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=add-to-queue]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=queue-patient]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=queue-patient]").Input("Naka");
        WaitUntil(popovers, () => Assert.That(popovers.FindAll(".mud-list-item").Select(i => i.TextContent), Has.Some.Contains("HMS/000007")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("HMS/000007", StringComparison.Ordinal)).Click();
        dialogs.Find("input[data-testid=queue-reason]").Change("Review");

        dialogs.Find("button[data-testid=queue-add-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("Added as number 14.")));
        Assert.That(board.Added.Single(), Is.EqualTo(new QueueAddInput { PatientId = 7, Priority = QueuePriority.Normal, Reason = "Review" }));
    }

    [Test]
    public void A_refused_add_shows_the_database_message_and_keeps_the_dialog_open()
    {
        board.FailWith = new ClinicRuleException(QueueProcedures.AlreadyQueued, "This patient is already in today's queue as number 7.");
        var page = RenderBoard();
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));

        page.Find("button[data-testid=add-to-queue]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("[data-testid=mode-walk-in]"), Has.Count.EqualTo(1)));
        dialogs.Find("[data-testid=mode-walk-in]").Click();
        WaitUntil(dialogs, () => Assert.That(dialogs.FindAll("input[data-testid=walk-in-name]"), Has.Count.EqualTo(1)));
        dialogs.Find("input[data-testid=walk-in-name]").Change("John Walker");
        dialogs.Find("button[data-testid=queue-add-submit]").Click();

        WaitUntil(snackbars, () => Assert.That(snackbars.Markup, Does.Contain("This patient is already in today&#x27;s queue as number 7.")
            .Or.Contain("This patient is already in today's queue as number 7.")));
        Assert.That(snackbars.Markup, Does.Not.Contain("Added as number"));
        Assert.That(dialogs.Find("input[data-testid=walk-in-name]").GetAttribute("value"), Is.EqualTo("John Walker"));
    }

    [Test]
    public void A_change_notification_reloads_the_board_at_once()
    {
        board.Rows = [Row(1, 1, QueuePriority.Normal, position: 1, name: "First Patient")];
        var page = RenderBoard();
        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=queue-patient-name]"), Is.EqualTo(new[] { "First Patient" })));
        var callsBefore = board.ListCalls.Count;

        // Another board added an urgent walk-in: it goes ahead.
        board.Rows = [Row(2, 2, QueuePriority.Urgent, position: 1, name: "Urgent Walker", walkIn: true), Row(1, 1, QueuePriority.Normal, position: 2, name: "First Patient")];
        notifier.NotifyChanged();

        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=queue-patient-name]"), Is.EqualTo(new[] { "Urgent Walker", "First Patient" })));
        Assert.That(Texts(page, "[data-testid=queue-position]"), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(board.ListCalls, Has.Count.GreaterThan(callsBefore));
    }

    [Test]
    public async Task A_closed_board_stops_listening_and_polling()
    {
        var page = RenderBoard(refreshInterval: TimeSpan.FromMilliseconds(50));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));
        Assert.That(notifier.ListenerCount, Is.EqualTo(1));

        await Context.DisposeComponentsAsync();
        Assert.That(notifier.ListenerCount, Is.Zero);
        var calls = board.ListCalls.Count;
        notifier.NotifyChanged();
        await Task.Delay(300);

        Assert.That(board.ListCalls, Has.Count.EqualTo(calls), "no reload after the board was closed: the timer is stopped");
    }

    [Test]
    public void The_board_polls_while_it_is_open()
    {
        var page = RenderBoard(refreshInterval: TimeSpan.FromMilliseconds(100));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));

        board.Rows = [Row(1, 1, QueuePriority.Normal, position: 1, name: "Added Elsewhere")];

        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=queue-patient-name]"), Is.EqualTo(new[] { "Added Elsewhere" })));
    }

    [TestCase("receptionist", true)]
    [TestCase("nurse", true)]
    [TestCase("doctor", false)]
    [TestCase("admin", true)]
    public void Add_to_queue_shows_for_the_sessions_holding_queue_desk(string role, bool canAdd)
    {
        var page = RenderBoard(role);

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));
        Assert.That(page.FindAll("[data-testid=add-to-queue]"), Has.Count.EqualTo(canAdd ? 1 : 0));
        Assert.That(page.Find("[data-testid=export-queue]").GetAttribute("href"), Does.StartWith("/export/queue.csv?day="));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_rows_buttons_follow_its_flags(bool flag)
    {
        board.Rows =
        [
            Row(1, 1, QueuePriority.Normal, position: 1) with { CanStart = flag, CanAssign = flag, CanSetPriority = flag, CanCancel = flag },
            Row(2, 2, QueuePriority.Normal, QueueStatus.WithDoctor) with { CanComplete = flag },
            Row(3, 3, QueuePriority.Normal, position: 2, walkIn: true) with { CanLink = flag },
        ];

        // The admin's permissions: the page shows nothing the rows' flags do not say.
        var page = RenderBoard("admin");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-row]"), Has.Count.EqualTo(3)));
        var first = page.Find("[data-entry='1']");
        Assert.That(first.QuerySelectorAll("[data-testid=queue-start]"), Has.Length.EqualTo(flag ? 1 : 0));
        Assert.That(first.QuerySelectorAll("[data-testid=queue-actions]"), Has.Length.EqualTo(flag ? 1 : 0), "a menu only with something in it");
        Assert.That(page.Find("[data-entry='2']").QuerySelectorAll("[data-testid=queue-complete]"), Has.Length.EqualTo(flag ? 1 : 0));
        Assert.That(page.Find("[data-entry='3']").QuerySelectorAll("[data-testid=queue-actions]"), Has.Length.EqualTo(flag ? 1 : 0));
        Assert.That(page.Find("[data-entry='3']").QuerySelectorAll("[data-testid=queue-start]"), Is.Empty);
        if (!flag)
            return;

        page.Find("[data-entry='1'] [data-testid=queue-actions] button").Click();
        WaitUntil(popovers, () => Assert.That(popovers.FindAll("[data-testid=queue-assign]"), Has.Count.EqualTo(1)));
        Assert.That(popovers.FindAll("[data-testid=queue-cancel]"), Has.Count.EqualTo(1));
        Assert.That(popovers.FindAll("[data-testid=queue-link]"), Is.Empty, "a registered patient has nothing to link");
        Assert.That(popovers.FindAll("[data-testid^=queue-priority-]"), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_menu_holds_only_the_flagged_actions()
    {
        board.Rows = [Row(1, 1, QueuePriority.Normal, position: 1) with { CanSetPriority = true }];
        var page = RenderBoard("doctor");

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-actions]"), Has.Count.EqualTo(1)));
        page.Find("[data-testid=queue-actions] button").Click();

        WaitUntil(popovers, () => Assert.That(popovers.FindAll("[data-testid^=queue-priority-]"), Has.Count.EqualTo(2)));
        Assert.That(popovers.FindAll("[data-testid=queue-assign]"), Is.Empty);
        Assert.That(popovers.FindAll("[data-testid=queue-cancel]"), Is.Empty);
    }

    [Test]
    public void An_earlier_day_is_read_only()
    {
        board.Rows = [AllFlags(Row(1, 1, QueuePriority.Normal, position: 1)), AllFlags(Row(2, 2, QueuePriority.Normal, QueueStatus.WithDoctor))];
        var page = RenderBoard("admin");
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-start]"), Has.Count.EqualTo(1)));
        Assert.That(board.ListCalls.Select(c => c.Day), Has.All.Null, "today goes to the database as NULL");
        var earlier = DateTime.Today.AddDays(-3);

        page.Find("[data-testid=queue-day] input").Change(earlier.ToString("yyyy-MM-dd"));

        WaitUntil(page, () => Assert.That(page.Find("[data-testid=queue-subtitle]").TextContent, Does.Contain("read only")));
        Assert.That(board.ListCalls.Last().Day, Is.EqualTo(earlier));
        Assert.That(page.FindAll("[data-testid=queue-row]"), Has.Count.EqualTo(2));
        Assert.That(page.FindAll("[data-testid=add-to-queue]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=queue-start]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=queue-actions]"), Is.Empty);
        Assert.That(page.FindAll("[data-testid=queue-complete]"), Is.Empty);
        Assert.That(page.Find("[data-testid=export-queue]").GetAttribute("href"), Is.EqualTo($"/export/queue.csv?day={earlier:yyyy-MM-dd}"));
    }

    [Test]
    public async Task Polling_pauses_while_the_browser_is_disconnected_and_resumes_after()
    {
        var page = RenderBoard(refreshInterval: TimeSpan.FromMilliseconds(50));
        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));

        await presence.OnConnectionDownAsync(null!, CancellationToken.None);
        // A reload already under way (one query per section) may still finish: wait until the calls stop coming
        // (they never would if polling went on, every 50 ms), then nothing more may come.
        var calls = board.ListCalls.Count;
        for (var waited = 0; waited < 5_000; waited += 200)
        {
            await Task.Delay(200);
            if (board.ListCalls.Count == calls)
                break;
            calls = board.ListCalls.Count;
        }
        await Task.Delay(400);
        Assert.That(board.ListCalls, Has.Count.EqualTo(calls), "no queries while the circuit is down");

        board.Rows = [Row(1, 1, QueuePriority.Normal, position: 1, name: "Back Online")];
        await presence.OnConnectionUpAsync(null!, CancellationToken.None);

        WaitUntil(page, () => Assert.That(Texts(page, "[data-testid=queue-patient-name]"), Is.EqualTo(new[] { "Back Online" })));
    }

    [TestCase("doctor", 3)]
    [TestCase("receptionist", null)]
    [TestCase("admin", null)]
    public void A_doctor_starts_with_their_own_and_the_unassigned_patients(string role, int? expectedStaffId)
    {
        board.OwnStaffId = 3;

        var page = RenderBoard(role);

        WaitUntil(page, () => Assert.That(page.FindAll("[data-testid=queue-empty]"), Has.Count.EqualTo(1)));
        Assert.That(board.ListFilters, Is.Not.Empty);
        Assert.That(board.ListFilters, Has.All.EqualTo((expectedStaffId, expectedStaffId is not null)));
        Assert.That(page.Find("[data-testid=export-queue]").GetAttribute("href"),
            expectedStaffId is null ? Does.Not.Contain("staffId") : Does.Contain("&staffId=3&unassigned=true"));
    }
}
