using Clinic.Data.Common;

namespace Clinic.Data.Settings;

/// <summary>What day and time it is at the clinic (db/procedures/clinic_clock_now.sql), on the clinic's time zone (setting clinic.time_zone).</summary>
public sealed record ClinicClockRow
{
    /// <summary>The clinic's date: the "today" of every rule.</summary>
    public DateTime Today { get; init; }
    /// <summary>The clinic's wall clock.</summary>
    public DateTime Now { get; init; }
    /// <summary>The setting clinic.time_zone: SYSTEM, a zone name or an offset.</summary>
    public string TimeZone { get; init; } = "";
    /// <summary>Minutes the clinic's clock is ahead of UTC (negative: behind).</summary>
    public int UtcOffsetMinutes { get; init; }
    /// <summary>False when the server does not know the zone and runs on its own (its time zone tables are missing).</summary>
    public bool ZoneApplied { get; init; }
}

/// <summary>The clinic's clock, asked of the database: no business date comes from the web server's clock.</summary>
public sealed class ClinicClockProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Error codes of the clinic clock (db/ERRORS.md, 51710-51719).</summary>
    public const int UnknownTimeZone = 51710;

    public async Task<ClinicClockRow> NowAsync(CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<ClinicClockRow>("clinic_clock_now", session, null, ct)
        ?? throw new InvalidOperationException("clinic_clock_now answered nothing.");
}
