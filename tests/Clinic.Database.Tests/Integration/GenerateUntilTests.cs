using Clinic.Database.Tests.Support;
using Clinic.Generator;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// clinic-db generate --until KIND (src/Clinic.Database/Generate/GenerateCommand.cs): the generated clinic is loaded
/// through the import up to that kind's file and no further (scripts/bench-import-floor.sh loads the patients and
/// the appointments only); an unknown kind is refused before anything is written.
/// </summary>
[NonParallelizable]
public class GenerateUntilTests
{
    private static Task<(int Code, string Output, string Error)> GenerateAsync(TestDatabase db, string until) =>
        ClinicDbCli.RunAsync("admin-password-1",
            "generate", "--size", "clinic", "--patients", "120", "--doctors", "2", "--staff", "2", "--appointments", "300",
            "--stock-lots", "10", "--past-days", "20", "--future-days", "7", "--until", until,
            "--connection", db.App, "--username", "admin");

    [Test]
    public async Task Loading_until_the_appointments_imports_the_files_up_to_them_and_none_after()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await db.AdminIdAsync();

        var (code, output, error) = await GenerateAsync(db, "appointment");

        Assert.That(code, Is.Zero, output + error);
        var kinds = ImportFormats.All.Select(f => f.Kind).ToList();
        var expected = kinds.Take(kinds.IndexOf("appointment") + 1).ToList();
        Assert.That(expected, Does.Contain("patient"));
        var batches = await db.QueryAsync<(string Kind, string Status)>("SELECT kind, status FROM import_batch ORDER BY import_batch_id");
        Assert.That(batches.Select(b => b.Kind), Is.EqualTo(expected));
        Assert.That(batches.Select(b => b.Status), Has.All.EqualTo("imported"));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.EqualTo(120));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment"), Is.GreaterThan(0));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM invoice"), Is.Zero);
    }

    [Test]
    public async Task An_unknown_kind_is_refused_and_nothing_is_loaded()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        await db.AdminIdAsync();

        var (code, output, error) = await GenerateAsync(db, "appointments");

        Assert.That(code, Is.Not.Zero);
        Assert.That(output + error, Does.Contain("--until needs a kind of the import").And.Contain("appointment, visit"));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM import_batch"), Is.Zero);
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM patient"), Is.Zero);
    }
}
