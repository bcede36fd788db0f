using Clinic.Data.Common;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Clinic.Web.Observability;

/// <summary>
/// OpenTelemetry traces and metrics of HTTP requests (ASP.NET Core) and of every stored-procedure call
/// (<see cref="ProcedureTelemetry"/>, source and meter "Clinic.Data"), exported over OTLP (with the app's log records,
/// which UseOtlpExporter sends too), and only when an endpoint is
/// configured: <c>Clinic:Telemetry:OtlpEndpoint</c> (with <c>Clinic:Telemetry:OtlpProtocol</c> grpc or http/protobuf),
/// else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other OTEL_* variables). Without one nothing is
/// registered, so nothing listens and nothing is collected or sent. Spans carry no parameter values: the request's
/// path and query are dropped (the route template stays), procedures record their name and error number only.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name when OTEL_SERVICE_NAME does not give one.</summary>
    public const string ServiceName = "clinic-web";

    /// <summary>The OTLP endpoint and protocol to export to, or null when export is off.</summary>
    public static (Uri Endpoint, OtlpExportProtocol? Protocol)? OtlpTarget(IConfiguration configuration)
    {
        var own = configuration["Clinic:Telemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(own))
            return (new Uri(own.Trim()), ParseProtocol(configuration["Clinic:Telemetry:OtlpProtocol"]));
        var standard = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        return string.IsNullOrWhiteSpace(standard) ? null : (new Uri(standard.Trim()), null);
    }

    public static IServiceCollection AddClinicTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var target = OtlpTarget(configuration);
        if (target is null)
            return services;

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                    resource.AddService(ServiceName);
            })
            .WithTracing(tracing => tracing
                .AddSource(ProcedureTelemetry.Name)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.RecordException = false;
                    options.EnrichWithHttpRequest = (activity, _) => DropRequestValues(activity);
                    options.EnrichWithHttpResponse = (activity, _) => DropRequestValues(activity);
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(ProcedureTelemetry.Name)
                .AddAspNetCoreInstrumentation());

        var (endpoint, protocol) = target.Value;
        if (protocol is null)
            builder.UseOtlpExporter(); // reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS from the configuration
        else
            builder.UseOtlpExporter(protocol.Value, endpoint);
        return services;
    }

    /// <summary>The path may carry record ids and the query search text: the span keeps the route template only.</summary>
    internal static void DropRequestValues(System.Diagnostics.Activity activity)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
        activity.SetTag("url.full", null);
    }

    private static OtlpExportProtocol ParseProtocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"Clinic:Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{value}'."),
    };
}
