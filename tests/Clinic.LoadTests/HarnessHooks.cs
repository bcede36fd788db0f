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
    public sealed record Sample(string User, string Step, string Kind, double Ms, double DbMs);

    public static readonly ConcurrentQueue<Sample> Samples = new();
    private static readonly ConcurrentDictionary<string, string> CurrentStep = new(StringComparer.Ordinal);
    private static int openCircuits;
    private static readonly AsyncLocal<DbTime?> Db = new();

    public static int OpenCircuits => Volatile.Read(ref openCircuits);

    private sealed class DbTime
    {
        public double Ms;
    }

    /// <summary>Procedure spans (ProcedureTelemetry) add their duration to the server activity they ran in.</summary>
    public static ActivityListener ListenToProcedures()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProcedureTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Db.Value is { } db)
                    lock (db)
                        db.Ms += activity.Duration.TotalMilliseconds;
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    public static void Record(string? user, string kind, double ms, double dbMs)
    {
        if (user is null || !CurrentStep.TryGetValue(user, out var step) || step.Length == 0)
            return;
        Samples.Enqueue(new Sample(user, step, kind, ms, dbMs));
    }

    /// <summary>Times a server activity and the procedure calls inside it.</summary>
    public static async Task TimeAsync(Func<Task> work, Func<string?> user, string kind)
    {
        var db = new DbTime();
        Db.Value = db;
        var start = Stopwatch.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Db.Value = null;
            Record(user(), kind, ms, db.Ms);
        }
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
                await TimeAsync(() => nextMiddleware(context), () => context.User.Identity?.Name, "http");
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
                CurrentStep[query["user"].ToString()] = query["step"].ToString();
                context.Response.StatusCode = 204;
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
            case "/samples":
                await context.Response.WriteAsJsonAsync(Samples.ToArray(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
                return;
            default:
                context.Response.StatusCode = 404;
                return;
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

    /// <summary>One per circuit: counts open circuits and times each inbound activity as its user's.</summary>
    public sealed class TimingCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
    {
        private string? user;

        public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref openCircuits);
            try
            {
                user = (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name;
            }
            catch (InvalidOperationException)
            {
                // No authentication state yet: the first activity asks again.
            }
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref openCircuits);
            return Task.CompletedTask;
        }

        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            context => TimeAsync(() => next(context), () => user, "circuit");
    }
}
