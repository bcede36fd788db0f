using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.LoadTests;

/// <summary>
/// The driver process: one headless Chromium, one browser context per simulated staff member. First the idle-circuit
/// memory (the server's heap after full collections with N circuits open on /patients, then on /appointments, against
/// none), then the journeys: search a patient, book from their profile, open the calendar's day view, check in (then
/// start and complete, which records the visit), open the visit and save a note.
/// </summary>
internal static class Driver
{
    private static readonly string[] Steps = ["search", "book", "calendar", "check-in", "start+complete", "open visit", "save note"];

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var baseUrl = options["base-url"];
        var logins = JsonSerializer.Deserialize<List<StaffLogin>>(await File.ReadAllTextAsync(options["users-file"]))!;
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency") ?? "10", CultureInfo.InvariantCulture);
        var iterations = int.Parse(options.GetValueOrDefault("iterations") ?? "1", CultureInfo.InvariantCulture);
        var idle = Math.Min(logins.Count, int.Parse(options.GetValueOrDefault("idle") ?? logins.Count.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        using var harness = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Clinic.Tests.Shared.TestBrowser.ChromiumPath(),
            Headless = true,
            Args = Clinic.Tests.Shared.TestBrowser.LaunchArgs,
        });
        Task<IBrowserContext> NewContextAsync() => browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = Clinic.Tests.Shared.TestBrowser.Window,
        });

        // --- 1. Idle circuits -------------------------------------------------------------------------------
        // Warm-up: two users open both pages (JIT, caches, MudBlazor's static state), then leave.
        foreach (var login in logins.Take(2))
        {
            var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsync(page, login, "/patients");
            await GotoAsync(page, "/appointments?view=day");
            await LeaveAsync(context, page);
        }
        var none = await HeapAsync(harness, 0);
        var open = new List<(IBrowserContext Context, IPage Page)>();
        using (var gate = new SemaphoreSlim(concurrency))
        {
            await Task.WhenAll(logins.Take(idle).Select(async login =>
            {
                await gate.WaitAsync();
                try
                {
                    var context = await NewContextAsync();
                    var page = await context.NewPageAsync();
                    await SignInAsync(page, login, "/patients");
                    lock (open)
                        open.Add((context, page));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var hold = int.Parse(options.GetValueOrDefault("hold") ?? "0", CultureInfo.InvariantCulture);
        async Task HoldAsync(string what)
        {
            // --hold N: time to take a heap dump of the host (dotnet-gcdump collect -p <pid>) with the circuits open.
            if (hold <= 0)
                return;
            Console.Error.WriteLine($"holding {hold} s with {idle} circuits on {what}: host process {options.GetValueOrDefault("host-pid")}");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        var onPatients = await HeapAsync(harness, idle);
        await HoldAsync("/patients");
        foreach (var chunk in open.Chunk(concurrency))
            await Task.WhenAll(chunk.Select(o => GotoAsync(o.Page, "/appointments?view=day")));
        var onAppointments = await HeapAsync(harness, idle);
        await HoldAsync("/appointments");
        // Idle past Clinic:Circuits:IdlePauseSeconds, js/idle-pause.js pauses each page (Blazor.pauseCircuit): the tabs
        // stay open, their circuits are closed on the server. The harness pauses them itself instead of waiting.
        var paused = 0;
        foreach (var chunk in open.Chunk(concurrency))
            paused += (await Task.WhenAll(chunk.Select(o => o.Page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()")))).Count(p => p);
        var whilePaused = await HeapAsync(harness, 0);
        foreach (var chunk in open.Chunk(concurrency))
            await Task.WhenAll(chunk.Select(o => LeaveAsync(o.Context, o.Page)));
        var after = await HeapAsync(harness, 0);

        // --- 2. Journeys ------------------------------------------------------------------------------------
        var browserTimes = new ConcurrentBag<(string Step, double Ms)>();
        var failures = new ConcurrentBag<string>();
        var migrator = Environment.GetEnvironmentVariable("CLINIC_LOAD_MIGRATOR")!;
        var watch = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(concurrency))
        {
            await Task.WhenAll(logins.Select(async login =>
            {
                await gate.WaitAsync();
                try
                {
                    await JourneyAsync(harness, NewContextAsync, login, iterations, migrator, browserTimes);
                }
                catch (Exception ex)
                {
                    failures.Add($"{login.Username}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var journeySeconds = watch.Elapsed.TotalSeconds;
        var samples = (await harness.GetFromJsonAsync<List<HarnessHooks.Sample>>("/_harness/samples"))!;
        var windows = (await harness.GetFromJsonAsync<List<HarnessHooks.StepWindow>>("/_harness/windows"))!;
        var pauses = (await harness.GetFromJsonAsync<List<HarnessHooks.GcPause>>("/_harness/pauses"))!;
        var spansOf = samples.GroupBy(s => s.User).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<HarnessHooks.Sample> SpansIn(HarnessHooks.StepWindow w) =>
            spansOf.TryGetValue(w.User, out var all) ? all.Where(s => s.StartMs < w.EndMs && s.EndMs > w.StartMs).ToList() : [];

        // --- 3. The tables ----------------------------------------------------------------------------------
        Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {logins.Count} simulated staff, {concurrency} at a time, " +
                          $"{iterations} journeys each, one Chromium with a context per user; journeys took {journeySeconds:N0} s; " +
                          $"{failures.Count} journeys failed");
        foreach (var failure in failures.Take(10))
            Console.WriteLine("  failed: " + failure);
        Console.WriteLine();
        Console.WriteLine("Server-side time per interaction, timed in the server process: a step's server time is the wall time during which the");
        Console.WriteLine("server was working for its user (the union of the user's requests, event handlers and procedure calls within the");
        Console.WriteLine("step). An event handler that awaits a dialog counts only from the end of the user's last event in the dialog (the one");
        Console.WriteLine("that closed it): before that it waited for the user, whose own events and procedure calls are counted themselves.");
        Console.WriteLine();
        Console.WriteLine("| interaction | n | server time p50 ms | **server time p95 ms** | slowest request/event p95 ms | DB sum p95 ms | browser p95 ms | p95 <= 100 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var step in Steps)
        {
            // One instance = one user's step in one journey (the driver marks it before and after).
            var instances = windows.Where(w => w.Step.StartsWith(step + "#", StringComparison.Ordinal)).ToList();
            var busy = instances.Select(w => ServerTime.Busy(SpansIn(w), w.StartMs, w.EndMs, spansOf[w.User])).ToList();
            var totals = busy.Select(b => b.Total).ToList();
            var slowest = busy.Select(b => b.SlowestInteraction).ToList();
            var db = busy.Select(b => b.DbSum).ToList();
            var clicks = browserTimes.Where(b => b.Step == step).Select(b => b.Ms).ToList();
            var p95 = Percentile(totals, 0.95);
            Console.WriteLine($"| {step} | {instances.Count} | {Percentile(totals, 0.5):N0} | **{p95:N0}** | {Percentile(slowest, 0.95):N0} | {Percentile(db, 0.95):N0} | " +
                              $"{Percentile(clicks, 0.95):N0} | {(p95 <= 100 ? "yes" : "no")} |");
        }
        Console.WriteLine();
        // The garbage collector's pauses of the host during the journeys, and the steps that waited for one.
        var from = windows.Count > 0 ? windows.Min(w => w.StartMs) : 0;
        var inJourneys = pauses.Where(p => p.StartMs >= from).ToList();
        var during = inJourneys.Select(p => p.EndMs - p.StartMs).ToList();
        Console.WriteLine($"Pauses of the host's threads (GC events) during the journeys: {during.Count}, p50 {Percentile(during, 0.5):N1} ms, p95 {Percentile(during, 0.95):N1} ms, " +
                          $"max {(during.Count > 0 ? during.Max() : 0):N1} ms, {during.Sum():N0} ms in all; by generation: " +
                          string.Join(", ", inJourneys.GroupBy(p => p.Generation).OrderBy(g => g.Key)
                              .Select(g => $"{(g.Key < 0 ? "not for a collection" : "gen" + g.Key)} {g.Count()} (max {g.Max(p => p.EndMs - p.StartMs):N1} ms)")));
        foreach (var step in Steps)
        {
            var slow = windows.Where(w => w.Step.StartsWith(step + "#", StringComparison.Ordinal))
                .Where(w => ServerTime.Busy(SpansIn(w), w.StartMs, w.EndMs, spansOf[w.User]).Total > 60).ToList();
            var inPause = slow.Count(w => pauses.Any(p => p.EndMs > w.StartMs && p.StartMs < w.EndMs && p.EndMs - p.StartMs >= 10));
            if (slow.Count > 0)
                Console.WriteLine($"  {step}: {slow.Count} steps over 60 ms of server time, {inPause} of them during a GC pause of 10 ms or more");
        }
        Console.WriteLine();
        Console.WriteLine("Where each interaction's database time goes (every procedure call made during the step, all users):");
        Console.WriteLine();
        Console.WriteLine("| interaction | procedure | calls | per step | p50 ms | p95 ms | max ms | total ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        Breakdown(w => SpansIn(w).Where(s => s.Kind == "db").Select(s => (s.Name, s.Ms)), 4);
        Console.WriteLine();
        Console.WriteLine("Where each interaction's server time goes outside the database (every request and event handler of the step, all");
        Console.WriteLine("users, cut as above; a handler's time includes the procedure calls it awaits):");
        Console.WriteLine();
        Console.WriteLine("| interaction | request or event handler | n | per step | p50 ms | p95 ms | max ms | total ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        Breakdown(w => ServerTime.Interactions(SpansIn(w), w.StartMs, w.EndMs, spansOf[w.User]).Select(s => (ShortName(s.Name), s.Ms)), 5);
        // --trace STEP: every span of the first five instances of that step, in order (which click or render is slow).
        if (options.GetValueOrDefault("trace") is { } traced)
        {
            foreach (var w in windows.Where(w => w.Step.StartsWith(traced + "#", StringComparison.Ordinal)).Take(5))
            {
                Console.WriteLine();
                Console.WriteLine($"{w.User} {w.Step}: {w.EndMs - w.StartMs:N0} ms in the browser");
                foreach (var span in SpansIn(w).OrderBy(x => x.StartMs))
                    Console.WriteLine($"  +{span.StartMs - w.StartMs,7:N0} ms {span.Kind,-5} {span.Ms,7:N1} ms  {ShortName(span.Name)}");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Retained memory per idle circuit (managed heap after three forced, compacting full collections; {idle} idle circuits):");
        Console.WriteLine();
        Console.WriteLine("| state | circuits open | managed heap KB | per circuit KB | <= 250 KB |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        Console.WriteLine($"| none open (after warm-up) | {none.Circuits} | {none.Bytes / 1024.0:N0} | | |");
        Row("/patients", onPatients);
        Row("/appointments (day view)", onAppointments);
        // Against the heap once every tab is closed (measured last): the pages visited warm caches that stay.
        var perPaused = (whilePaused.Bytes - after.Bytes) / 1024.0 / Math.Max(1, paused);
        Console.WriteLine($"| the same tabs paused when idle ({paused} paused; per tab against all closed) | {whilePaused.Circuits} | " +
                          $"{whilePaused.Bytes / 1024.0:N0} | **{perPaused:N0}** | {(perPaused <= 250 ? "yes" : "no")} |");
        Console.WriteLine($"| all closed again | {after.Circuits} | {after.Bytes / 1024.0:N0} | | |");
        return failures.IsEmpty ? 0 : 1;

        // One table row per step and name (the most time first): how often, and how long.
        void Breakdown(Func<HarnessHooks.StepWindow, IEnumerable<(string Name, double Ms)>> spansOfStep, int top)
        {
            foreach (var step in Steps)
            {
                var stepWindows = windows.Where(w => w.Step.StartsWith(step + "#", StringComparison.Ordinal)).ToList();
                var spans = stepWindows.SelectMany(spansOfStep).ToList();
                var stepCount = Math.Max(1, stepWindows.Count);
                foreach (var group in spans.GroupBy(s => s.Name).OrderByDescending(g => g.Sum(s => s.Ms)).Take(top))
                {
                    var ms = group.Select(s => s.Ms).ToList();
                    Console.WriteLine($"| {step} | {group.Key} | {ms.Count} | {(double)ms.Count / stepCount:N1} | {Percentile(ms, 0.5):N1} | {Percentile(ms, 0.95):N1} | " +
                                      $"{ms.Max():N1} | {ms.Sum():N0} |");
                }
            }
        }

        void Row(string name, Heap heap)
        {
            var per = (heap.Bytes - none.Bytes) / 1024.0 / Math.Max(1, heap.Circuits);
            Console.WriteLine($"| {name} | {heap.Circuits} | {heap.Bytes / 1024.0:N0} | **{per:N0}** | {(per <= 250 ? "yes" : "no")} |");
        }
    }

    private sealed record Heap(long Bytes, int Circuits, long WaitedMs);

    /// <summary>"Event onclick -> MudListItem`1[[Clinic.Data.Scheduling.DoctorRow, Clinic.Data, ...]].OnClick" as "... MudListItem&lt;DoctorRow&gt;.OnClick".</summary>
    private static string ShortName(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"`\d+\[\[([^,\]]+)[^\]]*\]\]",
            m => "<" + m.Groups[1].Value[(m.Groups[1].Value.LastIndexOf('.') + 1)..] + ">");

    private static async Task<Heap> HeapAsync(HttpClient harness, int expect)
    {
        var json = await harness.GetFromJsonAsync<JsonElement>($"/_harness/heap?expect={expect}");
        var heap = new Heap(json.GetProperty("heap").GetInt64(), json.GetProperty("circuits").GetInt32(), json.GetProperty("waitedMs").GetInt64());
        Console.Error.WriteLine($"heap {heap.Bytes / 1024} KB with {heap.Circuits} circuits (expected {expect}, waited {heap.WaitedMs} ms)");
        return heap;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        values.Sort();
        return values[(int)Math.Ceiling(p * values.Count) - 1];
    }

    /// <summary>
    /// Signs in, up to three times: a sign-in that has not reached the landing page after 30 s is tried again, with a
    /// screenshot and a line on standard error (the warm-up's first sign-in, on a cold app with the browser on one core,
    /// twice did not reach it in 60 s, and that ended the run; the cause is not known).
    /// </summary>
    private static async Task SignInAsync(IPage page, StaffLogin login, string landing)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(landing));
            await page.Locator("#username").FillAsync(login.Username);
            await page.Locator("#password").FillAsync(login.Password);
            await page.GetByTestId("sign-in").ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing.Split('?')[0], new PageWaitForURLOptions { Timeout = 30_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                var shot = Path.Combine("artifacts", "screenshots", $"uiload-sign-in-{login.Username}-{attempt}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
                Console.Error.WriteLine($"{login.Username} was not signed in after 30 s (try {attempt}; {shot}): trying again");
            }
        }
        await WaitForInteractiveAsync(page);
    }

    private static Task WaitForInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    private static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Leaves the page (so the browser tells the server the circuit is gone), then closes the context.</summary>
    private static async Task LeaveAsync(IBrowserContext context, IPage page)
    {
        await page.GotoAsync("about:blank");
        await context.CloseAsync();
    }

    private static async Task JourneyAsync(HttpClient harness, Func<Task<IBrowserContext>> newContext, StaffLogin login, int iterations,
        string migrator, ConcurrentBag<(string Step, double Ms)> browserTimes)
    {
        var context = await newContext();
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var page = await context.NewPageAsync();
        var dialog = page.Locator(".mud-dialog").Last;
        await SignInAsync(page, login, "/patients");
        try
        {
            await JourneysAsync(harness, page, dialog, login, iterations, migrator, browserTimes);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("artifacts", "screenshots", $"uiload-failed-{login.Username}.png") });
            throw;
        }
        await LeaveAsync(context, page);
    }

    private static async Task JourneysAsync(HttpClient harness, IPage page, ILocator dialog, StaffLogin login, int iterations,
        string migrator, ConcurrentBag<(string Step, double Ms)> browserTimes)
    {
        for (var i = 0; i < iterations; i++)
        {
            async Task StepAsync(string step, Func<Task> work)
            {
                await harness.PostAsync($"/_harness/step?user={login.Username}&step={Uri.EscapeDataString(step + "#" + i)}", null);
                var start = Stopwatch.GetTimestamp();
                await work();
                browserTimes.Add((step, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                await harness.PostAsync($"/_harness/step?user={login.Username}&step=", null);
            }

            if (i > 0)
                await GotoAsync(page, "/patients");
            // 1. Search the patient by name and open the profile.
            await StepAsync("search", async () =>
            {
                var search = page.GetByTestId("patient-search");
                await search.FillAsync(login.PatientFamilyName);
                var row = page.Locator("[data-testid=patients-table] tbody tr").Filter(new LocatorFilterOptions { HasText = login.PatientMrn });
                await row.First.WaitForAsync();
            });
            await GotoAsync(page, $"/patients/{login.PatientId}");
            // A receptionist books once the profile has shown: its panels (timeline, clinical summary, history, account
            // ...) each show a progress bar until their read has answered. Without this wait the book step began while
            // the profile's reads were still running, and counted their tails as the booking's server time.
            await Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
            // 2. Book with the free-slot picker: this doctor, the first free slot.
            var startsAt = DateTime.MinValue;
            await StepAsync("book", async () =>
            {
                await page.GetByTestId("book-appointment").ClickAsync();
                var doctorInput = dialog.GetByTestId("book-doctor");
                await doctorInput.ClickAsync();
                await doctorInput.FillAsync(login.FamilyName);
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = login.FamilyName }).First.ClickAsync();
                await dialog.GetByTestId("book-reason").FillAsync("Load test " + i);
                var slot = dialog.GetByTestId("slot").First;
                await slot.WaitForAsync();
                startsAt = DateTime.Parse((await slot.GetAttributeAsync("data-starts-at"))!, CultureInfo.InvariantCulture);
                await slot.ClickAsync();
                await Expect(slot).ToHaveAttributeAsync("data-selected", "true");
                await dialog.GetByTestId("book-submit").ClickAsync();
                await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            });
            // 3. The calendar's day view of this doctor.
            var card = page.Locator("[data-testid=appointment-card][data-status=booked]").Filter(new LocatorFilterOptions { HasText = login.PatientMrn });
            await StepAsync("calendar", async () =>
            {
                await GotoAsync(page, $"/appointments?date={startsAt:yyyy-MM-dd}&view=day&by=doctor&staffId={login.StaffId}");
                await card.First.WaitForAsync();
            });
            // 4. Check in from the appointment's dialog.
            var appointmentId = int.Parse((await card.First.GetAttributeAsync("data-appointment-id"))!, CultureInfo.InvariantCulture);
            await card.First.ClickAsync();
            await StepAsync("check-in", async () =>
            {
                await dialog.GetByTestId("appt-check-in").ClickAsync();
                await Expect(dialog.GetByTestId("status-chip")).ToHaveTextAsync("Checked in");
            });
            await StepAsync("start+complete", async () =>
            {
                await dialog.GetByTestId("appt-start").ClickAsync();
                await Expect(dialog.GetByTestId("status-chip")).ToHaveTextAsync("In progress");
                await dialog.GetByTestId("appt-complete").ClickAsync();
                await Expect(dialog.GetByTestId("status-chip")).ToHaveTextAsync("Completed");
            });

            await dialog.GetByTestId("appt-close").ClickAsync();
            int visitId;
            await using (var connection = new MySqlConnection(migrator))
                visitId = await connection.ExecuteScalarAsync<int>("SELECT visit_id FROM visit WHERE appointment_id = @appointmentId", new { appointmentId });
            // 5. Open the visit, then write and save the note.
            await StepAsync("open visit", async () =>
            {
                await GotoAsync(page, $"/visits/{visitId}");
                await page.GetByTestId("visit-patient").WaitForAsync();
            });
            await StepAsync("save note", async () =>
            {
                await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Notes" }).ClickAsync();
                await page.GetByTestId("note-subjective").FillAsync($"Cough for {i + 2} days, no fever.");
                await page.GetByTestId("save-note").ClickAsync();
                await page.GetByTestId("note-saved").WaitForAsync();
            });
        }
    }
}
