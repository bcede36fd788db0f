using System.Data.Common;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;

namespace Clinic.Web.Health;

public sealed record HealthReport(string Database, string Schema, IReadOnlyList<string> AppliedMigrations, IReadOnlyList<string> ExpectedMigrations)
{
    public bool Healthy => Database == "reachable" && Schema == "current";
}

/// <summary>
/// /health: is the database reachable, and does its migration journal match the migrations this
/// build was made with (db/migrations/*.sql, embedded as resources named migrations/…)?
/// </summary>
public static class SchemaHealth
{
    public static IReadOnlyList<string> ExpectedMigrations { get; } =
        typeof(SchemaHealth).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("migrations/", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Compare(IReadOnlyCollection<string> applied, IReadOnlyCollection<string> expected)
    {
        var missing = expected.Except(applied, StringComparer.Ordinal).Any();
        var unknown = applied.Except(expected, StringComparer.Ordinal).Any();
        return (missing, unknown) switch
        {
            (false, false) => "current",
            (true, false) => "behind",
            (false, true) => "ahead",
            _ => "unknown",
        };
    }

    public static async Task<HealthReport> CheckAsync(DashboardQueries queries, CancellationToken ct)
    {
        try
        {
            var applied = await queries.AppliedMigrationsAsync(ct);
            return new HealthReport("reachable", Compare(applied, ExpectedMigrations), applied, ExpectedMigrations);
        }
        catch (ClinicDataUnavailableException)
        {
            return new HealthReport("unreachable", "unknown", [], ExpectedMigrations);
        }
        catch (DbException)
        {
            // Reachable, but the schema status view is missing or unreadable.
            return new HealthReport("reachable", "unknown", [], ExpectedMigrations);
        }
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous callers (load balancers, monitors) learn only "ok" or "unavailable"; the
        // administrators' health page shows the migrations (schema_status).
        endpoints.MapGet("/health", async (DashboardQueries queries, HttpContext context, CancellationToken ct) =>
        {
            var report = await CheckAsync(queries, ct);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(report.Healthy ? "ok" : "unavailable", "text/plain",
                statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return endpoints;
    }
}
