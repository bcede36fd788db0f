using Clinic.Data.Common;
using Clinic.Data.Queue;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// Queue numbers under concurrency: 32 connections add at the same instant (each call on its own
/// pooled connection). queue_add takes the number from the day's locked counter row in the same
/// transaction as the insert, so the numbers are distinct and consecutive; the same patient added
/// by many receptionists at once gets exactly one entry.
/// </summary>
public class QueueRaceTests
{
    private const int Racers = 32;

    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<List<(QueueTicket? Ticket, int Code)>> RaceAsync(Func<int, Task<QueueTicket>> add)
    {
        var warm = Db.QueueAs(await Db.AdminIdAsync());
        await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            try { await warm.GetAsync(0); } catch (ClinicRuleException) { }
        })));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                return ((QueueTicket?)await add(i), 0);
            }
            catch (ClinicRuleException ex)
            {
                return (null, ex.Code);
            }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        return (await Task.WhenAll(racers)).ToList();
    }

    [Test]
    public async Task Thirty_two_connections_adding_at_once_get_distinct_consecutive_numbers()
    {
        var queue = Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);
        var patients = new int[Racers];
        for (var i = 0; i < Racers; i++)
            patients[i] = await Db.NewPatientAsync();

        var outcomes = await RaceAsync(i => i % 2 == 0
            ? queue.AddAsync(new QueueAddInput { PatientId = patients[i] })
            : queue.AddAsync(new QueueAddInput { WalkInName = $"Walker {i}", WalkInPhone = $"07720{i:D5}", Priority = QueuePriority.Urgent }));

        Assert.That(outcomes.Select(o => o.Code), Is.All.EqualTo(0));
        var numbers = outcomes.Select(o => o.Ticket!.QueueNumber).Order().ToList();
        Assert.That(numbers.Distinct().Count(), Is.EqualTo(Racers));
        Assert.That(numbers[^1] - numbers[0], Is.EqualTo(Racers - 1), "no gaps within the burst");
        var ids = outcomes.Select(o => o.Ticket!.QueueEntryId).ToArray();
        var stored = await Db.QueryAsync<int>(
            "SELECT queue_number FROM queue_entry WHERE queue_entry_id IN @ids ORDER BY queue_number", new { ids });
        Assert.That(stored, Is.EqualTo(numbers));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) - COUNT(DISTINCT queue_number) FROM queue_entry WHERE clinic_day = CURDATE()"), Is.EqualTo(0));
    }

    [Test]
    public async Task Thirty_two_receptionists_adding_the_same_patient_make_one_entry()
    {
        var queue = Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);
        var patient = await Db.NewPatientAsync();

        var outcomes = await RaceAsync(_ => queue.AddAsync(new QueueAddInput { PatientId = patient }));

        Assert.That(outcomes.Count(o => o.Code == 0), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o.Code != 0).Select(o => o.Code), Is.All.EqualTo(QueueProcedures.AlreadyQueued));
        Assert.That(await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM queue_entry WHERE patient_id = @patient AND clinic_day = CURDATE()", new { patient }), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_doctors_racing_to_start_the_same_patient_make_one_visit()
    {
        var queue = Db.QueueAs((await Db.NewAccountAsync("receptionist")).Id);
        var doctors = new List<QueueProcedures>();
        for (var i = 0; i < 8; i++)
        {
            var (accountId, _) = await Db.NewAccountAsync("doctor");
            await Db.NewDoctorAsync(withHours: false, userAccountId: accountId);
            doctors.Add(Db.QueueAs(accountId));
        }
        var ticket = await queue.AddAsync(new QueueAddInput { PatientId = await Db.NewPatientAsync() });

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = doctors.Select(d => Task.Run(async () =>
        {
            await gate.Task;
            try { await d.StartAsync(ticket.QueueEntryId); return 0; }
            catch (ClinicRuleException ex) { return ex.Code; }
        })).ToList();
        await Task.Delay(50);
        gate.SetResult();
        var codes = await Task.WhenAll(racers);

        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Where(c => c != 0), Is.All.EqualTo(QueueProcedures.AnotherDoctorsPatient).Or.EqualTo(50611));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM visit WHERE queue_entry_id = @id", new { id = ticket.QueueEntryId }), Is.EqualTo(1));
    }
}
