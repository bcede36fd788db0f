using System.Text.RegularExpressions;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The walk-in queue board. The E2E database is shared with other tests (and demo data may queue
/// patients too), so these tests find their own entries by unique names and assert relative order.
/// </summary>
public sealed class QueueBoardTests : BrowserTest
{
    private ILocator Dialog => Page.Locator(".mud-dialog");

    private static string Letters(int count) =>
        string.Concat(Guid.NewGuid().ToString("N").Take(count).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private static string Phone() => "0772" + Random.Shared.Next(100_000, 999_999);

    private static Task<RegisteredPatient> RegisterPatientAsync(string given, string family) =>
        ClinicApp.AsAdminAsync((runner, actor) => new PatientProcedures(runner, actor).RegisterAsync(new PatientInput
        {
            GivenName = given, FamilyName = family, Sex = "female", DateOfBirth = new DateTime(1980, 1, 1).AddDays(Random.Shared.Next(0, 9000)),
            Phone = Phone(),
        }, confirmDuplicate: true));

    /// <summary>Leaves nobody of this test waiting on today's board.</summary>
    private static Task CancelIfWaitingAsync(int queueEntryId) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var queue = new QueueProcedures(runner, actor);
            if ((await queue.GetAsync(queueEntryId))?.Status == QueueStatus.Waiting)
                await queue.CancelAsync(queueEntryId, "End of browser test");
            return 0;
        });

    private static ILocator WaitingRow(IPage page, string name) =>
        page.GetByTestId("section-waiting").Locator("[data-testid=queue-row]").Filter(new LocatorFilterOptions { HasText = name });

    private async Task OpenAddDialogAsync()
    {
        await TestId("add-to-queue").ClickAsync();
        await Expect(Dialog.GetByTestId("queue-add-submit")).ToBeVisibleAsync();
    }

    private async Task AddWalkInAsync(string name, string phone, string priority, string reason)
    {
        await OpenAddDialogAsync();
        await Dialog.GetByTestId("mode-walk-in").ClickAsync();
        await Dialog.GetByTestId("walk-in-name").FillAsync(name);
        await Dialog.GetByTestId("walk-in-phone").FillAsync(phone);
        await Dialog.GetByTestId($"priority-{priority}").ClickAsync();
        await Dialog.GetByTestId("queue-reason").FillAsync(reason);
        if (priority != QueuePriority.Normal)
            await ScreenshotAsync("queue-add-walk-in");
        await Dialog.GetByTestId("queue-add-submit").ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(WaitingRow(Page, name)).ToHaveCountAsync(1);
    }

    /// <summary>The whole board, without the snackbars in front of it (they are hidden for the screenshot only).</summary>
    private Task BoardScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = ClinicApp.ScreenshotPath(name), FullPage = true, Animations = ScreenshotAnimations.Disabled, Style = ".mud-snackbar { display: none !important; }",
        });

    private async Task<int> PositionAsync(string name) =>
        int.Parse((await WaitingRow(Page, name).GetByTestId("queue-position").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task An_urgent_walk_in_jumps_ahead_of_normal_ones_on_the_queue_board()
    {
        var suffix = Letters(6);
        var family = "Qx" + Letters(8);
        var registered = await RegisterPatientAsync("Queue", family);
        var registeredName = $"Queue {family}";
        var normalWalkIn = $"Norma Walk {suffix}";
        var urgentWalkIn = $"Urgent Walk {suffix}";
        var entryIds = new List<int>();

        // A second member of staff has the board open before anyone is added; it must update by itself.
        var otherContext = await NewContextAsync();
        try
        {
            var other = await otherContext.NewPageAsync();
            await SubmitSignInAsync(other, "nurse", "nurse123");
            await other.GotoAsync("/queue");
            await other.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
            await Expect(other.GetByTestId("queue-updated")).ToBeVisibleAsync();
            await other.EvaluateAsync("() => { window.__queueBoardNotReloaded = true; }");

            await SignInAsync("reception", "reception123");
            await TestId("nav-queue").ClickAsync();
            await Expect(TestId("add-to-queue")).ToBeVisibleAsync();
            await Expect(TestId("queue-updated")).ToContainTextAsync(new Regex(@"updated \d\d:\d\d:\d\d"));

            // 1. A registered patient, normal priority, found by the search in the dialog.
            await OpenAddDialogAsync();
            var search = Dialog.GetByTestId("queue-patient");
            await search.ClickAsync();
            await TypeAsync(search, family);
            await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = registered.Mrn }));
            await Dialog.GetByTestId("queue-reason").FillAsync("Follow-up");
            await Dialog.GetByTestId("queue-add-submit").ClickAsync();
            await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(@"Added as number \d+\.") }).First)
                .ToBeVisibleAsync();
            await Expect(WaitingRow(Page, registeredName)).ToHaveCountAsync(1);
            await Expect(WaitingRow(Page, registeredName).GetByTestId("queue-mrn")).ToHaveTextAsync(registered.Mrn);

            // 2. and 3. A normal walk-in, then an urgent one.
            await AddWalkInAsync(normalWalkIn, Phone(), QueuePriority.Normal, "Headache");
            var urgentPhone = Phone();
            await AddWalkInAsync(urgentWalkIn, urgentPhone, QueuePriority.Urgent, "Deep cut on the hand");
            foreach (var name in new[] { registeredName, normalWalkIn, urgentWalkIn })
                entryIds.Add(int.Parse((await WaitingRow(Page, name).GetAttributeAsync("data-entry"))!, System.Globalization.CultureInfo.InvariantCulture));

            // The urgent walk-in is listed before both normal patients, who keep their arrival order.
            var names = await TestId("section-waiting").Locator("[data-testid=queue-row] [data-testid=queue-patient-name]").AllInnerTextsAsync();
            var order = names.Select(n => n.Trim()).ToList();
            Assert.That(order.IndexOf(urgentWalkIn), Is.GreaterThanOrEqualTo(0));
            Assert.That(order.IndexOf(urgentWalkIn), Is.LessThan(order.IndexOf(registeredName)));
            Assert.That(order.IndexOf(registeredName), Is.LessThan(order.IndexOf(normalWalkIn)));
            var (urgent, first, second) = (await PositionAsync(urgentWalkIn), await PositionAsync(registeredName), await PositionAsync(normalWalkIn));
            Assert.That(urgent, Is.LessThan(first));
            Assert.That(second, Is.EqualTo(first + 1), "the two normal patients were added one after the other");
            await Expect(WaitingRow(Page, urgentWalkIn).GetByTestId("priority-chip")).ToHaveTextAsync("Urgent");
            await Expect(WaitingRow(Page, urgentWalkIn).GetByTestId("walk-in-badge")).ToHaveTextAsync("Walk-in");
            await Expect(WaitingRow(Page, urgentWalkIn).GetByTestId("queue-phone")).ToHaveTextAsync(urgentPhone);
            await Expect(WaitingRow(Page, normalWalkIn).GetByTestId("priority-chip")).ToHaveTextAsync("Normal");
            var urgentNumber = int.Parse((await WaitingRow(Page, urgentWalkIn).GetAttributeAsync("data-number"))!, System.Globalization.CultureInfo.InvariantCulture);
            var firstNumber = int.Parse((await WaitingRow(Page, registeredName).GetAttributeAsync("data-number"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(urgentNumber, Is.GreaterThan(firstNumber), "the urgent walk-in arrived last but is seen first");
            await BoardScreenshotAsync("queue-board");

            // The other board shows the same order without a reload.
            await Expect(WaitingRow(other, urgentWalkIn)).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });
            await Expect(WaitingRow(other, normalWalkIn)).ToHaveCountAsync(1);
            var otherOrder = (await other.GetByTestId("section-waiting").Locator("[data-testid=queue-patient-name]").AllInnerTextsAsync())
                .Select(n => n.Trim()).ToList();
            Assert.That(otherOrder.IndexOf(urgentWalkIn), Is.LessThan(otherOrder.IndexOf(registeredName)));
            Assert.That(await other.EvaluateAsync<bool>("() => window.__queueBoardNotReloaded === true"), Is.True, "the second board was not reloaded");
            Assert.That(other.Url, Does.EndWith("/queue"));
            await other.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("queue-board-second-screen"), Animations = ScreenshotAnimations.Disabled });

            // The CSV export with the board's filters streams the same entries, in board order, formula-guarded.
            var response = await Context.APIRequest.GetAsync(await TestId("export-queue").GetAttributeAsync("href") ?? "");
            Assert.That(response.Status, Is.EqualTo(200));
            Assert.That(response.Headers["content-type"], Does.StartWith("text/csv"));
            var csv = await response.TextAsync();
            var lines = csv.Split("\r\n");
            Assert.That(lines[0], Does.StartWith("Day,Queue number,Position,Patient,MRN,Walk-in,Phone,Priority,Doctor,Status"));
            var urgentLine = Array.FindIndex(lines, l => l.Contains(urgentWalkIn, StringComparison.Ordinal));
            var firstLine = Array.FindIndex(lines, l => l.Contains(registeredName, StringComparison.Ordinal));
            Assert.That(urgentLine, Is.GreaterThan(0).And.LessThan(firstLine));
            Assert.That(lines[urgentLine], Does.Contain(",yes,'+256").And.Contain(",urgent,").And.Contain("Deep cut on the hand"));
            Assert.That(lines[firstLine], Does.Contain(registered.Mrn).And.Contain(",normal,"));

            var refused = await Context.APIRequest.GetAsync("/export/queue.csv?status=everyone");
            Assert.That(refused.Status, Is.EqualTo(400));
            Assert.That(await refused.TextAsync(), Does.Contain("The status must be one of"));
            var anonymous = await NewContextAsync();
            var signedOut = await anonymous.APIRequest.GetAsync("/export/queue.csv");
            Assert.That(signedOut.Url, Does.Contain("/account/sign-in"), "the export needs a signed-in member of staff");
            await anonymous.CloseAsync();

            // Reception removes the urgent walk-in (sent to the emergency unit): it moves to Done, and the positions close up.
            await WaitingRow(Page, urgentWalkIn).GetByTestId("queue-actions").ClickAsync();
            await Page.Locator(".mud-popover-open").GetByTestId("queue-cancel").ClickAsync();
            await Dialog.GetByTestId("cancel-submit").ClickAsync();
            await Expect(Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Please give a reason" })).ToBeVisibleAsync();
            await Dialog.GetByTestId("cancel-reason").FillAsync("Sent to the emergency unit");
            await ScreenshotAsync("queue-cancel");
            await Dialog.GetByTestId("cancel-submit").ClickAsync();
            await Expect(WaitingRow(Page, urgentWalkIn)).ToHaveCountAsync(0);
            Assert.That(await PositionAsync(registeredName), Is.EqualTo(first - 1));
            await TestId("section-done").GetByText("Done", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
            var cancelledRow = TestId("section-done").Locator("[data-testid=queue-row]").Filter(new LocatorFilterOptions { HasText = urgentWalkIn });
            await Expect(cancelledRow.GetByTestId("status-chip")).ToHaveTextAsync("Cancelled");
            await Expect(cancelledRow).ToContainTextAsync("Sent to the emergency unit");
            await BoardScreenshotAsync("queue-board-done");
        }
        finally
        {
            await otherContext.CloseAsync();
            foreach (var id in entryIds)
                await CancelIfWaitingAsync(id);
        }
    }

    /// <summary>An active doctor with a department and specialisation, made through the procedures: (staff id, "Dr Given Family").</summary>
    private static Task<(int StaffId, string Name)> CreateDoctorAsync(string suffix) =>
        ClinicApp.AsAdminAsync(async (runner, actor) =>
        {
            var facilities = new FacilityProcedures(runner, actor);
            var department = await facilities.CreateDepartmentAsync($"Outpatients {suffix}");
            var specialisation = await facilities.CreateSpecialisationAsync($"General practice {suffix}", 15);
            var family = "Okwir" + suffix;
            var staffId = await new StaffProcedures(runner, actor).CreateAsync(new StaffInput
            {
                GivenName = "Agnes", FamilyName = family, StaffRole = "doctor", DepartmentId = department, SpecialisationId = specialisation,
                ConsultationFee = 30000,
            });
            return (staffId, $"Dr Agnes {family}");
        });

    /// <summary>
    /// Waits for the snackbar, then closes it: at most a few snackbars show at once and the rest queue
    /// until one expires, so leaving them open would make a later one late on a slow machine.
    /// </summary>
    private async Task ExpectSnackbarAsync(string text)
    {
        var snackbar = Page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = text }).First;
        await Expect(snackbar).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await snackbar.Locator("button").First.ClickAsync();
    }

    [Test]
    public async Task A_walk_in_is_linked_assigned_called_in_and_completed()
    {
        var suffix = Letters(6);
        var family = "Qy" + Letters(8);
        var registered = await RegisterPatientAsync("Linda", family);
        var (_, doctorName) = await CreateDoctorAsync(suffix);
        var walkIn = $"Linda Walk {suffix}";
        int? entryId = null;
        try
        {
            await SignInAsync("admin", "admin123");
            await GotoInteractiveAsync("/queue");
            await AddWalkInAsync(walkIn, Phone(), QueuePriority.Normal, "Cough");
            var row = Page.Locator($"[data-testid=queue-row][data-entry='{await WaitingRow(Page, walkIn).GetAttributeAsync("data-entry")}']");
            entryId = int.Parse((await row.GetAttributeAsync("data-entry"))!, System.Globalization.CultureInfo.InvariantCulture);

            // The database would refuse a consultation for an anonymous walk-in (50608), so its can_start flag is false: no Call in.
            await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Waiting");
            await Expect(row.GetByTestId("queue-start")).ToHaveCountAsync(0);

            // Link the walk-in to the registered record.
            await row.GetByTestId("queue-actions").ClickAsync();
            await Page.Locator(".mud-popover-open").GetByTestId("queue-link").ClickAsync();
            await Expect(Dialog.GetByTestId("register-new-patient")).ToHaveAttributeAsync("href", "/patients/new");
            var search = Dialog.GetByTestId("link-patient");
            await search.ClickAsync();
            await TypeAsync(search, family);
            await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = registered.Mrn }));
            await ScreenshotAsync("queue-link");
            await Dialog.GetByTestId("link-submit").ClickAsync();
            await ExpectSnackbarAsync($"is linked to {registered.Mrn}.");
            await Expect(row.GetByTestId("queue-mrn")).ToHaveTextAsync(registered.Mrn);
            await Expect(row.GetByTestId("walk-in-badge")).ToHaveCountAsync(0);

            // No doctor yet (50609): still no Call in; the administrator assigns one first.
            await Expect(row.GetByTestId("queue-start")).ToHaveCountAsync(0);
            await row.GetByTestId("queue-actions").ClickAsync();
            await Page.Locator(".mud-popover-open").GetByTestId("queue-assign").ClickAsync();
            await PickAsync(Dialog.Locator(".mud-select").First,
                Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^{Regex.Escape(doctorName)}$") }),
                "queue-assign-doctor");
            await ScreenshotAsync("queue-assign");
            await Dialog.GetByTestId("assign-submit").ClickAsync();
            await ExpectSnackbarAsync($"is assigned to {doctorName}.");
            await Expect(row.GetByTestId("queue-doctor")).ToHaveTextAsync(doctorName);

            // Triage from the menu, then call in and complete.
            await row.GetByTestId("queue-actions").ClickAsync();
            await Page.Locator(".mud-popover-open").GetByTestId("queue-priority-emergency").ClickAsync();
            await Expect(row.GetByTestId("priority-chip")).ToHaveTextAsync("Emergency");
            await Expect(row.GetByTestId("queue-position")).ToHaveTextAsync("1");

            await row.GetByTestId("queue-start").ClickAsync();
            await ExpectSnackbarAsync("is with the doctor.");
            await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("With doctor");
            await Expect(TestId("section-with_doctor").Locator($"[data-entry='{entryId}']")).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("queue-position")).ToHaveTextAsync("");
            await BoardScreenshotAsync("queue-with-doctor");

            await row.GetByTestId("queue-complete").ClickAsync();
            await ExpectSnackbarAsync("consultation is complete.");
            await Expect(TestId("section-with_doctor").Locator($"[data-entry='{entryId}']")).ToHaveCountAsync(0);
            await TestId("section-done").GetByText("Done", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
            await Expect(row.GetByTestId("status-chip")).ToHaveTextAsync("Completed");
            Assert.That((await ClinicApp.AsAdminAsync((runner, actor) => new QueueProcedures(runner, actor).GetAsync(entryId.Value)))!.VisitId, Is.Not.Null,
                "calling the patient in opened a visit");
        }
        finally
        {
            if (entryId is { } id)
                await CancelIfWaitingAsync(id);
        }
    }
}
