using Clinic.Web.Services;

namespace Clinic.Web.Tests;

/// <summary>The clinic's clock without a database: a fixed clinic date and time (default: the test machine's today,
/// so tests written before the clinic clock keep their dates); counts the questions.</summary>
public sealed class FakeClinicClock(DateTime now) : IClinicClock
{
    public DateTime Now { get; set; } = now;
    public int Asked { get; private set; }

    public Task<DateTime> NowAsync(CancellationToken ct = default)
    {
        Asked++;
        return Task.FromResult(Now);
    }

    public Task<DateTime> TodayAsync(CancellationToken ct = default)
    {
        Asked++;
        return Task.FromResult(Now.Date);
    }
}
