using NUnit.Framework;
using NUnit.Framework.Interfaces;

// Every test in the assembly starts well clear of midnight (tests/Shared/NotAcrossMidnight.cs).
[assembly: Clinic.Tests.Shared.NotAcrossMidnight]

namespace Clinic.Tests.Shared;

/// <summary>
/// Many tests make rows "today" and then read "today" back (CURDATE(), DateTime.Today, a page's day): a
/// test that straddles midnight would see two different days. So a test that would start in the last
/// minutes of a day waits until the new day has begun: local time (the database servers' clock) and UTC.
/// Costs nothing the rest of the day.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NotAcrossMidnightAttribute : Attribute, ITestAction
{
    /// <summary>Longer than any one test runs.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(3);

    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test)
    {
        WaitPastMidnight(() => DateTime.Now);
        WaitPastMidnight(() => DateTime.UtcNow);
    }

    public void AfterTest(ITest test)
    {
    }

    /// <summary>How long a test starting at <paramref name="now"/> waits: until 5 s into the next day if midnight is less than <see cref="Margin"/> away.</summary>
    public static TimeSpan WaitFor(DateTime now)
    {
        var untilMidnight = now.Date.AddDays(1) - now;
        return untilMidnight < Margin ? untilMidnight + TimeSpan.FromSeconds(5) : TimeSpan.Zero;
    }

    private static void WaitPastMidnight(Func<DateTime> clock)
    {
        var wait = WaitFor(clock());
        if (wait > TimeSpan.Zero)
        {
            TestContext.Progress.WriteLine($"Waiting {wait.TotalSeconds:0} s for midnight to pass before the next test.");
            Thread.Sleep(wait);
        }
    }
}
