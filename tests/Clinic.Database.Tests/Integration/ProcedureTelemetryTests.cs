using System.Diagnostics;
using Clinic.Data.Common;
using Clinic.Data.Settings;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// ProcedureTelemetry (src/Clinic.Data/Common): real procedure calls through ProcedureRunner, collected by OpenTelemetry's
/// in-memory exporters. Each call is a span named after the procedure; a rule's refusal sets its error number and the
/// error status; the duration histogram is tagged with procedure and outcome; no argument or session token is recorded.
/// </summary>
[NonParallelizable]
public class ProcedureTelemetryTests
{
    private static readonly ActivitySource TestSource = new("Clinic.Database.Tests.Telemetry");
    private static TestDatabase Db => DatabaseFixture.Main;

    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private TracerProvider _tracer = null!;
    private MeterProvider _meter = null!;

    [SetUp]
    public void Listen()
    {
        _spans.Clear();
        _metrics.Clear();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(ProcedureTelemetry.Name, TestSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ProcedureTelemetry.Name)
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    [TearDown]
    public void Stop()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }

    [Test]
    public async Task A_call_is_a_span_named_after_the_procedure_under_the_callers_trace()
    {
        var session = Db.SessionOf(await Db.AdminIdAsync());
        var settings = new ClinicSettingProcedures(Db.Runner, session);
        var span = await SpanOfAsync("clinic_setting_list", async () => Assert.That(await settings.ListAsync(), Is.Not.Empty));
        Assert.That(span.Source.Name, Is.EqualTo("Clinic.Data"));
        Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(span.GetTagItem(ProcedureTelemetry.ProcedureTag), Is.EqualTo("clinic_setting_list"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.OutcomeTag), Is.EqualTo("ok"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.ErrorTypeTag), Is.Null);
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(span.Duration, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(span.ParentSpanId, Is.Not.EqualTo(default(ActivitySpanId)), "the call is a child of the caller's span");
        AssertNoValues(span, await session.GetSessionTokenAsync());
    }

    [Test]
    public async Task A_rule_violation_records_its_error_number_and_the_error_status()
    {
        var session = Db.SessionOf(await Db.AdminIdAsync());
        var settings = new ClinicSettingProcedures(Db.Runner, session);
        var span = await SpanOfAsync("clinic_setting_set", async () =>
        {
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => settings.SetAsync("patient.mrn_digits", "abc-telemetry"));
            Assert.That(ex!.Code, Is.EqualTo(50004));
        });
        Assert.That(span.GetTagItem(ProcedureTelemetry.OutcomeTag), Is.EqualTo("rule"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.ErrorTypeTag), Is.EqualTo("50004"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.StatusCodeTag), Is.EqualTo("50004"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.RuleCodeTag), Is.EqualTo(50004));
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.StatusDescription, Does.Contain("50004"));
        Assert.That(span.Events, Is.Empty, "no exception event: its message could quote what the user typed");
        AssertNoValues(span, await session.GetSessionTokenAsync(), "abc-telemetry", "patient.mrn_digits");
    }

    [Test]
    public async Task A_refused_session_is_recorded_as_session_ended_with_its_code()
    {
        var settings = Db.SettingsAs(null);
        var span = await SpanOfAsync("clinic_setting_list", async () =>
        {
            var ex = await Assert.CatchAsync<ClinicSessionEndedException>(() => settings.ListAsync());
            Assert.That(ex!.Code, Is.EqualTo(ClinicSessionEndedException.NotSignedIn));
        });
        Assert.That(span.GetTagItem(ProcedureTelemetry.OutcomeTag), Is.EqualTo("session_ended"));
        Assert.That(span.GetTagItem(ProcedureTelemetry.ErrorTypeTag), Is.EqualTo("50101"));
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
    }

    [Test]
    public async Task The_duration_histogram_is_tagged_with_procedure_and_outcome()
    {
        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.ListAsync();
        await settings.ListAsync();
        await Assert.CatchAsync<ClinicRuleException>(() => settings.SetAsync("patient.mrn_digits", "abc"));
        _meter.ForceFlush();

        var histogram = _metrics.Last(m => m.Name == ProcedureTelemetry.DurationName);
        Assert.That(histogram.Unit, Is.EqualTo("s"));
        var points = histogram.MetricPoints.Select(p =>
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in p.Tags)
                tags[tag.Key] = tag.Value;
            return (Tags: tags, Count: p.GetHistogramCount(), Sum: p.GetHistogramSum());
        }).ToList();

        var ok = points.Single(p => Equals(p.Tags[ProcedureTelemetry.ProcedureTag], "clinic_setting_list")
                                   && Equals(p.Tags[ProcedureTelemetry.OutcomeTag], "ok"));
        Assert.That(ok.Count, Is.EqualTo(2));
        Assert.That(ok.Sum, Is.GreaterThan(0));
        Assert.That(ok.Tags.ContainsKey(ProcedureTelemetry.ErrorTypeTag), Is.False);

        var refused = points.Single(p => Equals(p.Tags[ProcedureTelemetry.ProcedureTag], "clinic_setting_set"));
        Assert.That(refused.Count, Is.EqualTo(1));
        Assert.That(refused.Tags[ProcedureTelemetry.OutcomeTag], Is.EqualTo("rule"));
        Assert.That(refused.Tags[ProcedureTelemetry.ErrorTypeTag], Is.EqualTo("50004"));
    }

    [Test]
    public async Task A_streamed_call_ends_its_span_when_the_reader_is_disposed()
    {
        var session = Db.SessionOf(await Db.AdminIdAsync());
        var span = await SpanOfAsync("clinic_setting_list", async () =>
        {
            var trace = Activity.Current!.TraceId;
            await using (var reader = await Db.Runner.OpenReaderAsync("clinic_setting_list", session))
            {
                var rows = 0;
                while (await reader.ReadAsync())
                    rows++;
                Assert.That(rows, Is.GreaterThan(0));
                _tracer.ForceFlush();
                Assert.That(_spans.Where(s => s.TraceId == trace && s.DisplayName == "clinic_setting_list"), Is.Empty,
                    "the span is still open while the rows are read");
            }
        });
        Assert.That(span.GetTagItem(ProcedureTelemetry.OutcomeTag), Is.EqualTo("ok"));
    }

    /// <summary>Runs <paramref name="call"/> under a test span and returns the one span of <paramref name="procedure"/> in its trace.</summary>
    private async Task<Activity> SpanOfAsync(string procedure, Func<Task> call)
    {
        ActivityTraceId trace;
        using (var parent = TestSource.StartActivity("test"))
        {
            trace = parent!.TraceId;
            await call();
        }
        _tracer.ForceFlush();
        return _spans.Single(s => s.TraceId == trace && s.DisplayName == procedure);
    }

    /// <summary>Only the known tags, and none of them holds an argument, the session token or a message.</summary>
    private static void AssertNoValues(Activity span, string? token, params string[] arguments)
    {
        string[] allowed =
        [
            "db.system.name", "db.operation.name", ProcedureTelemetry.ProcedureTag, ProcedureTelemetry.OutcomeTag,
            ProcedureTelemetry.ErrorTypeTag, ProcedureTelemetry.StatusCodeTag, ProcedureTelemetry.RuleCodeTag, ProcedureTelemetry.RetriesTag,
        ];
        Assert.That(span.TagObjects.Select(t => t.Key), Is.SubsetOf(allowed));
        Assert.That(token, Is.Not.Null.And.Not.Empty);
        var texts = span.TagObjects.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .Append(span.StatusDescription ?? "").ToList();
        foreach (var secret in arguments.Prepend(token!))
            Assert.That(texts, Has.None.Contains(secret));
    }
}
