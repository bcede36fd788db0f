using Clinic.Web.Components.Shared;

namespace Clinic.Web.Tests;

/// <summary>The screens' one formatting class writes what the pages wrote inline before (bUnit and browser tests read these texts).</summary>
public sealed class FormatTests
{
    private static readonly DateTime At = new(2026, 12, 3, 14, 5, 9);

    [Test]
    public void Dates_and_times()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Format.Date(At), Is.EqualTo("2026-12-03"));
            Assert.That(Format.Date(new DateOnly(2026, 1, 2)), Is.EqualTo("2026-01-02"));
            Assert.That(Format.Date((DateTime?)null), Is.EqualTo(""));
            Assert.That(Format.DateTime(At), Is.EqualTo("2026-12-03 14:05"));
            Assert.That(Format.Timestamp(At), Is.EqualTo("2026-12-03 14:05:09"));
            Assert.That(Format.Time(At), Is.EqualTo("14:05"));
            Assert.That(Format.Time(new TimeSpan(7, 30, 0)), Is.EqualTo("07:30"));
            Assert.That(Format.Time((DateTime?)null), Is.EqualTo(""));
            Assert.That(Format.TimeWithSeconds(At), Is.EqualTo("14:05:09"));
            Assert.That(Format.DayLong(At), Is.EqualTo("Thursday 2026-12-03"));
            Assert.That(Format.DayShort(At), Is.EqualTo("Thu 2026-12-03"));
            Assert.That(Format.DayShortTime(At), Is.EqualTo("Thu 2026-12-03 14:05"));
            Assert.That(Format.DayLongAt(At), Is.EqualTo("Thursday 2026-12-03 at 14:05"));
            Assert.That(Format.Heading(At), Is.EqualTo("Thursday 3 December 2026"));
            Assert.That(Format.WeekdayShort(At), Is.EqualTo("Thu"));
            Assert.That(Format.DayMonth(At), Is.EqualTo("3 Dec"));
            Assert.That(Format.LocalMinute(At), Is.EqualTo("2026-12-03T14:05"));
            Assert.That(Format.MonthDay(At), Is.EqualTo("12-03"));
        });
    }

    [Test]
    public void Numbers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Format.Count(1234), Is.EqualTo("1,234"));
            Assert.That(Format.Count(1234567L), Is.EqualTo("1,234,567"));
            Assert.That(Format.Money(1234.5m), Is.EqualTo("1,234.50"));
            Assert.That(Format.Money((decimal?)null), Is.EqualTo(""));
            Assert.That(Format.OneDecimal(36.65m), Is.EqualTo("36.7"));
            Assert.That(Format.OneDecimal((decimal?)null), Is.EqualTo(""));
            Assert.That(Format.Measure(36.750m), Is.EqualTo("36.75"));
            Assert.That(Format.Measure(120.00m), Is.EqualTo("120"));
            Assert.That(Format.Measure(null), Is.EqualTo(""));
            Assert.That(Format.Quantity(12.5000m), Is.EqualTo("12.5"));
            Assert.That(Format.Quantity(0.25m), Is.EqualTo("0.25"));
        });
    }
}
