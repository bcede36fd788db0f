using Clinic.Tests.Shared;

namespace Clinic.Web.Tests;

/// <summary>The guard that keeps a test from straddling midnight (tests/Shared/NotAcrossMidnight.cs).</summary>
public sealed class NotAcrossMidnightTests
{
    [Test]
    public void A_test_in_the_last_minutes_of_a_day_waits_until_just_after_midnight_and_any_other_starts_at_once()
    {
        Assert.That(NotAcrossMidnightAttribute.WaitFor(new DateTime(2026, 12, 4, 23, 58, 30)), Is.EqualTo(TimeSpan.FromSeconds(95)));
        Assert.That(NotAcrossMidnightAttribute.WaitFor(new DateTime(2026, 12, 4, 23, 59, 59)), Is.EqualTo(TimeSpan.FromSeconds(6)));
        Assert.That(NotAcrossMidnightAttribute.WaitFor(new DateTime(2026, 12, 4, 23, 56, 59)), Is.EqualTo(TimeSpan.Zero));
        Assert.That(NotAcrossMidnightAttribute.WaitFor(new DateTime(2026, 12, 5, 0, 0, 0)), Is.EqualTo(TimeSpan.Zero));
        Assert.That(NotAcrossMidnightAttribute.WaitFor(new DateTime(2026, 12, 5, 12, 0, 0)), Is.EqualTo(TimeSpan.Zero));
    }
}
