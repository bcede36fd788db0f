using Clinic.Data;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Pharmacy;
using Clinic.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clinic.Database.Tests.Integration;

public class DemoPharmacyTests
{
    [Test]
    public async Task The_demo_pharmacy_has_a_catalogue_alerts_and_prescriptions_in_every_status_once()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await using var services = new ServiceCollection().AddClinicData(db.App).AddSingleton(Clinic.Tests.Shared.TestPasswords.Hasher).BuildServiceProvider();
        await db.CreateFirstAdminAsync(DemoSeeder.Admin.Username, DemoSeeder.Admin.Password);
        await DemoSeeder.SeedAsync(services, NullLogger.Instance);
        var runner = services.GetRequiredService<ProcedureRunner>();
        var sessions = new DemoSessions(services.GetRequiredService<AccountService>(), services.GetRequiredService<AuthProcedures>());
        sessions.Know("admin", DemoSeeder.Admin.Password);
        sessions.Know("pharmacist", "pharmacist123");
        var admin = await sessions.ForAsync("admin");
        var pharmacist = await sessions.ForAsync("pharmacist");

        // DemoSeeder loads the demo pharmacy (after the clinic, whose open queue visits carry today's prescriptions).
        var medications = await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication");
        Assert.That(medications, Is.GreaterThanOrEqualTo(40));
        // Four from the pharmacy's queue visits, and the demo portal patient's, issued today (DemoPortal).
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription"), Is.EqualTo(5));

        var stock = new StockProcedures(runner, pharmacist);
        var below = await stock.BelowReorderAsync();
        Assert.That(below, Has.Count.EqualTo(5));
        var expiring = await stock.ExpiringLotsAsync();
        Assert.That(expiring.Count(l => l.IsExpired), Is.EqualTo(2));
        Assert.That(expiring.Count(l => !l.IsExpired), Is.GreaterThanOrEqualTo(4));
        var statuses = (await db.QueryAsync<string>("SELECT status FROM prescription")).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[]
        {
            PrescriptionStatus.Issued, PrescriptionStatus.Dispensed, PrescriptionStatus.PartiallyDispensed, PrescriptionStatus.Cancelled,
            PrescriptionStatus.Issued,
        }));
        var counts = await new DispensingProcedures(runner, pharmacist).CountsAsync();
        Assert.That((counts.PendingPrescriptionCount, counts.DispensedTodayCount, counts.LowStockCount, counts.ExpiredLotCount),
            Is.EqualTo((3L, 2L, 5L, 2L)));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM stock_adjustment WHERE reason = 'damaged'"), Is.EqualTo(1));

        var again = await DemoPharmacy.SeedAsync(runner, admin, pharmacist, sessions, Clinic.Tests.Shared.TestPasswords.Hasher, NullLogger.Instance);
        Assert.That(again.AlreadyLoaded, Is.True);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM medication"), Is.EqualTo(medications));
    }
}
