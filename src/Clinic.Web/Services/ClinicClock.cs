using System.Diagnostics;
using Clinic.Data.Settings;

namespace Clinic.Web.Services;

/// <summary>
/// The clinic's clock for the screens: the database says what day and time it is at the clinic (clinic_clock_now, on the
/// setting clinic.time_zone), once per circuit or request; after that the answer moves on with a monotonic stopwatch, so a
/// screen left open over midnight turns to the next day without asking again. No business date comes from the web
/// server's clock (its zone may differ from the clinic's, and so may its idea of the date).
/// </summary>
public interface IClinicClock
{
    /// <summary>The clinic's date: the default day of the calendar, the queue, the money and cash-up screens, report ranges.</summary>
    Task<DateTime> TodayAsync(CancellationToken ct = default);

    /// <summary>The clinic's wall clock (e.g. the "updated at" of a board).</summary>
    Task<DateTime> NowAsync(CancellationToken ct = default);
}

public sealed class ClinicClock(ClinicClockProcedures procedures) : IClinicClock
{
    private Task<ClinicClockRow>? _answer;
    private readonly Stopwatch _since = new();

    public async Task<DateTime> NowAsync(CancellationToken ct = default)
    {
        var answer = _answer ??= AskAsync();
        try
        {
            return (await answer).Now + _since.Elapsed;
        }
        catch
        {
            // A failed answer (e.g. the session ended) is not kept: the next call asks again.
            if (ReferenceEquals(_answer, answer))
                _answer = null;
            throw;
        }
    }

    public async Task<DateTime> TodayAsync(CancellationToken ct = default) => (await NowAsync(ct)).Date;

    private async Task<ClinicClockRow> AskAsync()
    {
        var row = await procedures.NowAsync(CancellationToken.None);
        _since.Restart();
        return row;
    }
}
