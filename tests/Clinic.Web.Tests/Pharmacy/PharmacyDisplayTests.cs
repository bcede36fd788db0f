using Clinic.Data.Pharmacy;
using Clinic.Web.Components.Pharmacy;

namespace Clinic.Web.Tests.Pharmacy;

public sealed class PharmacyDisplayTests
{
    [Test]
    public void Statuses_have_labels()
    {
        Assert.That(PrescriptionStatus.All.Select(PharmacyDisplay.Status), Is.EqualTo(new[] { "Issued", "Partially dispensed", "Dispensed", "Cancelled" }));
        Assert.That(PharmacyDisplay.IsPending(PrescriptionStatus.PartiallyDispensed), Is.True);
        Assert.That(PharmacyDisplay.IsPending(PrescriptionStatus.Dispensed), Is.False);
    }
}
