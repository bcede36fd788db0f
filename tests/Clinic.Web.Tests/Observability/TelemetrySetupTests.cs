using System.Diagnostics;
using System.Diagnostics.Metrics;
using Clinic.Data.Common;
using Clinic.Web.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Clinic.Web.Tests.Observability;

/// <summary>TelemetrySetup: OpenTelemetry is registered, and so collects anything, only when an OTLP endpoint is configured.</summary>
[NonParallelizable]
public class TelemetrySetupTests
{
    [Test]
    public void Without_an_endpoint_nothing_is_registered_or_collected()
    {
        using var provider = Build([]);
        Assert.That(TelemetrySetup.OtlpTarget(Config([])), Is.Null);
        Assert.That(provider.GetService<TracerProvider>(), Is.Null);
        Assert.That(provider.GetService<MeterProvider>(), Is.Null);
    }

    [Test]
    public void The_standard_environment_variable_turns_export_on_for_requests_and_procedures()
    {
        using var provider = Build(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });
        Assert.That(provider.GetService<TracerProvider>(), Is.Not.Null);
        Assert.That(provider.GetService<MeterProvider>(), Is.Not.Null);
        Assert.That(ProcedureTelemetry.ActivitySource.HasListeners(), Is.True, "the tracer listens to Clinic.Data");
        Assert.That(MeterListens(provider), Is.True, "the meter provider listens to Clinic.Data");
    }

    [Test]
    public void The_configuration_key_gives_endpoint_and_protocol()
    {
        var target = TelemetrySetup.OtlpTarget(Config(new()
        {
            ["Clinic:Telemetry:OtlpEndpoint"] = "http://collector:4318", ["Clinic:Telemetry:OtlpProtocol"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://other:4317",
        }));
        Assert.That(target!.Value.Endpoint, Is.EqualTo(new Uri("http://collector:4318")));
        Assert.That(target.Value.Protocol, Is.EqualTo(OtlpExportProtocol.HttpProtobuf));
        Assert.That(TelemetrySetup.OtlpTarget(Config(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "  " })), Is.Null, "blank is off (compose passes it empty)");
        Assert.Throws<InvalidOperationException>(() => TelemetrySetup.OtlpTarget(Config(new()
        {
            ["Clinic:Telemetry:OtlpEndpoint"] = "http://collector:4318", ["Clinic:Telemetry:OtlpProtocol"] = "carrier-pigeon",
        })));
    }

    [Test]
    public void A_request_span_keeps_no_path_or_query()
    {
        using var activity = new Activity("GET");
        activity.SetTag("url.path", "/patients/42");
        activity.SetTag("url.query", "?q=Jane");
        activity.SetTag("url.full", "http://x/patients/42?q=Jane");
        activity.SetTag("http.route", "/patients/{PatientId:int}");
        TelemetrySetup.DropRequestValues(activity);
        Assert.That(activity.TagObjects.Select(t => t.Key), Is.EqualTo(new[] { "http.route" }));
    }

    private static bool MeterListens(IServiceProvider provider)
    {
        _ = provider.GetRequiredService<MeterProvider>();
        using var meter = new Meter(ProcedureTelemetry.Name);
        var histogram = meter.CreateHistogram<double>("clinic.test.probe");
        return histogram.Enabled;
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = Config(values);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddClinicTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
