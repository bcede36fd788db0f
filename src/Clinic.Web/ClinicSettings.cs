namespace Clinic.Web;

/// <summary>Reads the few settings the web app has.</summary>
public static class ClinicSettings
{
    /// <summary><c>ConnectionStrings:Clinic</c> (appsettings or <c>--ConnectionStrings:Clinic=…</c>), else env <c>CLINIC_DB</c>.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        NullIfBlank(configuration.GetConnectionString("Clinic"))
        ?? NullIfBlank(configuration["CLINIC_DB"])
        ?? throw new InvalidOperationException(
            "No database connection string: set the CLINIC_DB environment variable or ConnectionStrings:Clinic.");

    /// <summary>
    /// <c>Clinic:DemoMode=true</c>, or env <c>CLINIC_DEMO=1</c>: notification channels left unconfigured write to files
    /// (<see cref="DependencyInjection.DemoNotificationDefaults"/>). The web app loads no data: the demo accounts and
    /// clinic are loaded by <c>clinic-db generate --size demo</c> (scripts/run.sh does it).
    /// </summary>
    public static bool DemoMode(IConfiguration configuration) =>
        IsOn(configuration["Clinic:DemoMode"]) || IsOn(configuration["CLINIC_DEMO"]);

    private static bool IsOn(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
