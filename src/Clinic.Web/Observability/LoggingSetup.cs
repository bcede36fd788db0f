namespace Clinic.Web.Observability;

/// <summary>
/// Every log line written while a request (or any traced work) runs carries its TraceId, SpanId and ParentId as a
/// scope, so a line can be matched with the request's trace (TelemetrySetup). The console writes JSON lines with
/// their scopes (appsettings.json, Logging:Console); Logging__Console__FormatterName=simple gives plain text, still
/// with the scopes. Lines written outside any request (start-up, the outbox sender between polls) have no trace.
/// </summary>
public static class LoggingSetup
{
    public const ActivityTrackingOptions Tracked =
        ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId;

    public static IServiceCollection AddClinicLogging(this IServiceCollection services) =>
        services.Configure<LoggerFactoryOptions>(options => options.ActivityTrackingOptions |= Tracked);
}
