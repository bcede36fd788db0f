using Clinic.Data.Pharmacy;
using Clinic.Web.Components.Pharmacy;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class PharmacyDisplayTests
{
    [TestCase("three times a day", 5, "1 tablet", "tablet", 15)]
    [TestCase("twice a day", 7, "2 tablets", "tablet", 28)]
    [TestCase("every 8 hours", 3, "1", "capsule", 9)]
    [TestCase("Once a day", 30, "1 tab", "tablet", 30)]
    [TestCase("four times a day", 3, "0.5 tablet", "tablet", 6)]
    [TestCase("three times a day", 5, "500 mg", "tablet", null)]
    [TestCase("three times a day", 5, "5 ml", "syrup", null)]
    [TestCase("as needed", 5, "1 tablet", "tablet", null)]
    [TestCase("after lunch on Sundays", 5, "1 tablet", "tablet", null)]
    [TestCase("three times a day", 5, "2", "syrup", null)]
    public void A_quantity_is_suggested_only_when_frequency_and_dose_are_countable(string frequency, int days, string dose, string form, int? expected) =>
        Assert.That(PharmacyDisplay.SuggestQuantity(frequency, days, dose, form), Is.EqualTo(expected));

    [Test]
    public void Statuses_have_labels()
    {
        Assert.That(PrescriptionStatus.All.Select(PharmacyDisplay.Status), Is.EqualTo(new[] { "Issued", "Partially dispensed", "Dispensed", "Cancelled" }));
        Assert.That(PharmacyDisplay.IsPending(PrescriptionStatus.PartiallyDispensed), Is.True);
        Assert.That(PharmacyDisplay.IsPending(PrescriptionStatus.Dispensed), Is.False);
    }
}
