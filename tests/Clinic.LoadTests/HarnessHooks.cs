using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Clinic.LoadTests;

/// <summary>
/// What the harness adds to the app it hosts, and only there (the app itself has none of it): server-side timing of
/// every HTTP request and every inbound circuit activity (a click, a keystroke, a render acknowledgement, a JS interop
/// answer), attributed to the signed-in user's current journey step; a count of open circuits; and the endpoints the
/// driver process calls under /_harness/.
/// </summary>
public static class HarnessHooks
{
    /// <summary>A timed span: StartMs and EndMs on the server's clock (<see cref="NowMs"/>).</summary>
    public sealed record Sample(string User, string Kind, double Ms, string Name, double StartMs, double EndMs);

    /// <summary>A journey step of one user, as the driver marked it: from StartMs to EndMs on the server's clock.</summary>
    public sealed record StepWindow(string User, string Step, double StartMs, double EndMs);

    public static readonly ConcurrentQueue<Sample> Samples = new();
    public static readonly ConcurrentQueue<StepWindow> Windows = new();
    private static readonly ConcurrentDictionary<string, (string Step, double StartMs)> OpenWindows = new(StringComparer.Ordinal);
    private static readonly long Epoch = Stopwatch.GetTimestamp();

    /// <summary>Milliseconds since the harness started, on the monotonic clock.</summary>
    public static double NowMs => Stopwatch.GetElapsedTime(Epoch).TotalMilliseconds;
    private static int openCircuits;

    /// <summary>
    /// Whose work the current async flow is: set by the request middleware and, for a circuit, when it opens (its
    /// components initialise in that flow) and around each inbound activity; timers and continuations inherit it.
    /// </summary>
    /// The value is a small box with the user's name only: an execution context kept by a timer must not keep a closed
    /// circuit (its handler, scope and components) alive and spoil the memory measurement.
    private static readonly AsyncLocal<UserBox?> CurrentUser = new();

    private sealed class UserBox
    {
        private volatile string? name;

        /// <summary>A request's context while it runs (its user is known once authentication has run), then let go.</summary>
        public volatile HttpContext? Request;

        public string? Name
        {
            get => name ?? Request?.User.Identity?.Name;
            set => name = value;
        }
    }

    private static readonly ActivitySource Source = new("Clinic.LoadTests");

    public static int OpenCircuits => Volatile.Read(ref openCircuits);

    /// <summary>
    /// Timed server work: each request (the middleware's span), each event handler run to completion (Blazor's
    /// "Microsoft.AspNetCore.Components.HandleEvent" span, async part included) and each stored-procedure call
    /// (ProcedureTelemetry), with its start and end: the driver attributes them to journey steps by time and counts
    /// nested or parallel spans once (<see cref="ServerTime"/>).
    /// </summary>
    public static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ProcedureTelemetry.Name or "Microsoft.AspNetCore.Components" or "Clinic.LoadTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (Kind(activity) is not null)
                    activity.SetCustomProperty("harness.user", CurrentUser.Value);
            },
            ActivityStopped = activity =>
            {
                if (Kind(activity) is not { } kind || activity.GetCustomProperty("harness.user") is not UserBox user)
                    return;
                var end = NowMs;
                Record(user.Name, kind, activity.Duration.TotalMilliseconds, activity.DisplayName, end - activity.Duration.TotalMilliseconds, end);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string? Kind(Activity activity) => activity.Source.Name switch
    {
        ProcedureTelemetry.Name => "db",
        "Clinic.LoadTests" => "http",
        _ when activity.OperationName == "Microsoft.AspNetCore.Components.HandleEvent" => "event",
        _ => null,
    };

    /// <summary>Every span of a signed-in user, during a step or not: the driver attributes spans to steps by time.</summary>
    private static void Record(string? user, string kind, double ms, string name, double startMs, double endMs)
    {
        if (user is null)
            return;
        Samples.Enqueue(new Sample(user, kind, ms, name, startMs, endMs));
    }

    /// <summary>Runs first in the pipeline: the harness endpoints, and the timing of every other request.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/_harness", out var rest))
                {
                    await HandleAsync(context, rest.Value ?? "");
                    return;
                }
                // Static files and the circuit's own connection are not a user's interaction with a page.
                var path = context.Request.Path.Value ?? "";
                if (path.StartsWith("/_blazor", StringComparison.Ordinal) || path.StartsWith("/_framework", StringComparison.Ordinal)
                    || path.StartsWith("/_content", StringComparison.Ordinal) || Path.HasExtension(path))
                {
                    await nextMiddleware(context);
                    return;
                }
                var box = new UserBox { Request = context };
                CurrentUser.Value = box;
                using (Source.StartActivity("http"))
                {
                    try
                    {
                        await nextMiddleware(context);
                    }
                    finally
                    {
                        // Signed in by the authentication middleware further down; read before the span stops.
                        box.Name = context.User.Identity?.Name;
                        box.Request = null;
                    }
                }
            });
            next(app);
        };
    }

    private static async Task HandleAsync(HttpContext context, string action)
    {
        var query = context.Request.Query;
        switch (action)
        {
            case "/step":
            {
                var user = query["user"].ToString();
                var step = query["step"].ToString();
                var now = NowMs;
                if (OpenWindows.TryRemove(user, out var open))
                    Windows.Enqueue(new StepWindow(user, open.Step, open.StartMs, now));
                if (step.Length > 0)
                    OpenWindows[user] = (step, now);
                context.Response.StatusCode = 204;
                return;
            }
            case "/windows":
                await context.Response.WriteAsJsonAsync(Windows.ToArray(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                return;
            case "/heap":
            {
                // Wait (up to a limit) until the expected number of circuits is open, then collect fully.
                var expect = int.Parse(query["expect"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                var watch = Stopwatch.StartNew();
                while (OpenCircuits != expect && watch.Elapsed < TimeSpan.FromSeconds(120))
                    await Task.Delay(250);
                await Task.Delay(1000);
                var heap = HeapAfterFullCollection();
                await context.Response.WriteAsJsonAsync(new { heap, circuits = OpenCircuits, waitedMs = watch.ElapsedMilliseconds });
                return;
            }
            case "/pauses":
                await context.Response.WriteAsJsonAsync(GcPauses.Pauses.ToArray(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                return;
            case "/samples":
                await context.Response.WriteAsJsonAsync(Samples.ToArray(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    /// <summary>
    /// A pause of the app's threads, on the server's clock: for a garbage collection of <paramref name="Generation"/>, or
    /// (Generation -1) a suspension for something else (the runtime also suspends threads to install tiered code).
    /// </summary>
    public sealed record GcPause(double StartMs, double EndMs, int Generation);

    /// <summary>
    /// Every pause of the host's threads (the runtime's GC events: the execution engine suspended, then restarted), with the
    /// collection it was for, timed by the events' own timestamps on the harness's clock: whether a slow step waited for one.
    /// </summary>
    public sealed class GcPauses : System.Diagnostics.Tracing.EventListener
    {
        public static readonly ConcurrentQueue<GcPause> Pauses = new();
        private static readonly DateTime EpochUtc = DateTime.UtcNow - TimeSpan.FromMilliseconds(NowMs);
        private double suspendedAt = double.NaN;
        private int generation = -1;

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Informational, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            var at = (e.TimeStamp.ToUniversalTime() - EpochUtc).TotalMilliseconds;
            switch (e.EventName)
            {
                case "GCStart_V2" or "GCStart_V1" or "GCStart" when e.Payload is { Count: > 1 }:
                    generation = Convert.ToInt32(e.Payload[1], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "GCSuspendEEBegin_V1" or "GCSuspendEEBegin":
                    suspendedAt = at;
                    break;
                case "GCRestartEEEnd_V1" or "GCRestartEEEnd" when !double.IsNaN(suspendedAt):
                    Pauses.Enqueue(new GcPause(suspendedAt, at, generation));
                    suspendedAt = double.NaN;
                    generation = -1;
                    break;
            }
        }
    }

    /// <summary>As the portal benchmark (issue 13): three forced, blocking, compacting full collections.</summary>
    public static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>One per circuit: counts open circuits and marks the circuit's async flows as its user's.</summary>
    public sealed class TimingCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
    {
        private readonly UserBox user = new();

        // Not async: the value set here stays in the flow that opens the circuit and initialises its components.
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref openCircuits);
            CurrentUser.Value = user;
            _ = ResolveUserAsync();
            return Task.CompletedTask;
        }

        private async Task ResolveUserAsync()
        {
            try
            {
                user.Name = (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name;
            }
            catch (InvalidOperationException)
            {
            }
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref openCircuits);
            return Task.CompletedTask;
        }

        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            context =>
            {
                CurrentUser.Value = user;
                return next(context);
            };
    }
}
