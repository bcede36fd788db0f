using Clinic.Data.Billing;
using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Charged once, under any concurrency (issue 11): the unique key uq_charge_source makes a second charge
/// for the same source impossible, and one draft invoice per patient and visit (uq_invoice_draft) keeps
/// charges arriving at the same instant on one draft whose total is their sum.
/// </summary>
public class BillingChargeRaceTests
{
    private const int Racers = 16;

    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<List<int>> RaceAsync(IReadOnlyList<Func<Task>> calls)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = calls.Select(call => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await call();
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        return (await Task.WhenAll(racers)).ToList();
    }

    [Test]
    public async Task Sixteen_connections_charging_the_same_source_at_once_make_one_charge()
    {
        var visit = await Db.NewOpenVisitAsync();
        var service = await Db.NewServiceAsync(2_000m);
        var adminId = await Db.AdminIdAsync();
        // A source row with no charge yet (as the schema owner), then sixteen connections charge it at once,
        // each in its own transaction as the care procedures do: take the draft, record the charge, total the draft.
        await Db.ExecuteAsOwnerAsync(
            "INSERT INTO service_charge (patient_id, visit_id, service_id, quantity, created_by) VALUES (@patient, @visitId, @service, 1, @adminId)",
            new { patient = visit.PatientId, visitId = visit.VisitId, service, adminId });
        var source = await Db.ScalarAsync<int>("SELECT MAX(service_charge_id) FROM service_charge WHERE visit_id = @id", new { id = visit.VisitId });
        var owner = new MySqlConnectionStringBuilder(Db.Migrator) { AllowUserVariables = true }.ConnectionString;
        const string charge = """
            START TRANSACTION;
            CALL invoice_draft_for_visit(@patient, @visitId, @invoice);
            CALL charge_record(@adminId, @invoice, 'service_charge', @source, @patient, @visitId, 'other', @service, 'Race', 1, 2000, CURDATE(), @charge);
            CALL invoice_draft_total(@invoice);
            COMMIT;
            """;
        var connections = new List<MySqlConnection>();
        for (var i = 0; i < Racers; i++)
        {
            var connection = new MySqlConnection(owner);
            await connection.OpenAsync();
            connections.Add(connection);
        }
        try
        {
            var errors = new List<Exception>();
            var outcomes = await RaceAsync(connections.Select(c => (Func<Task>)(async () =>
            {
                try
                {
                    await c.ExecuteAsync(charge, new { patient = visit.PatientId, visitId = visit.VisitId, adminId, source, service });
                }
                catch (MySqlException ex)
                {
                    lock (errors)
                        errors.Add(ex);
                }
            })).ToList());
            Assert.That(errors, Is.Empty, "no charging attempt fails, none deadlocks");
            Assert.That(outcomes, Is.All.EqualTo(0));
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }

        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE source_type = 'service_charge' AND source_id = @source", new { source }),
            Is.EqualTo(1));
        var invoices = await Db.InvoicesOfVisitAsync(visit.VisitId);
        Assert.That(invoices.Select(i => (i.Status, i.Total)), Is.EqualTo(new[] { ("draft", 12_000m) }), "consultation 10,000 + the one charge");
    }

    [Test]
    public async Task Sixteen_clerks_adding_services_to_one_visit_at_once_fill_one_draft_whose_total_is_their_sum()
    {
        var service = await Db.NewServiceAsync(1_500m);
        var visit = await Db.NewOpenVisitAsync();
        var clerks = new List<BillingProcedures>();
        for (var i = 0; i < Racers; i++)
            clerks.Add(Db.BillingAs((await Db.NewAccountAsync("billing_clerk")).Id));
        // Warm: each clerk's session exists before the race.
        foreach (var clerk in clerks)
            await clerk.ListServicesAsync(null, null, 0, 1);

        var outcomes = await RaceAsync(clerks.Select(c => (Func<Task>)(() => c.AddServiceChargeAsync(visit.PatientId, visit.VisitId, service))).ToList());

        Assert.That(outcomes, Is.All.EqualTo(0));
        var charges = await Db.ChargesOfVisitAsync(visit.VisitId);
        Assert.That(charges.Count(c => c.SourceType == ChargeSource.ServiceCharge), Is.EqualTo(Racers));
        var invoices = await Db.InvoicesOfVisitAsync(visit.VisitId);
        Assert.That(invoices, Has.Count.EqualTo(1), "one draft for the visit");
        Assert.That(charges.Select(c => c.InvoiceId), Is.All.EqualTo(invoices[0].InvoiceId));
        Assert.That((invoices[0].Subtotal, invoices[0].Total, invoices[0].PatientShare),
            Is.EqualTo((10_000m + Racers * 1_500m, 10_000m + Racers * 1_500m, 10_000m + Racers * 1_500m)));
    }

    [Test]
    public async Task Sixteen_connections_cancelling_the_same_lab_order_at_once_credit_it_once()
    {
        var labTest = await Db.NewLabTestAsync(price: 4_000m);
        var visit = await Db.NewOpenVisitAsync();
        var order = await Db.LabAs(visit.DoctorAccountId).PlaceAsync(visit.VisitId, labTest, null);
        var nurses = new List<Clinic.Data.Lab.LabProcedures>();
        for (var i = 0; i < Racers; i++)
            nurses.Add(Db.LabAs(await Db.NewStaffAccountAsync("nurse", visit.DepartmentId)));

        var outcomes = await RaceAsync(nurses.Select(n => (Func<Task>)(() => n.CancelAsync(order, "Specimen haemolysed"))).ToList());

        Assert.That(outcomes.Count(o => o == 0), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE source_type = 'lab_order_credit' AND source_id = @order", new { order }),
            Is.EqualTo(1));
        Assert.That((await Db.InvoicesOfVisitAsync(visit.VisitId)).Single().Total, Is.EqualTo(10_000m));
    }
}
