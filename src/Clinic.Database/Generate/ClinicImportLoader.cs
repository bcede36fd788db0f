using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Import;
using Clinic.Data.Lab;
using Clinic.Data.Staff;
using Clinic.Demo;
using Clinic.Generator;

namespace Clinic.Database.Generate;

/// <summary>One file of a load: its batch as the database left it, and the time spent sending and checking + importing.</summary>
public sealed record LoadedFile(string FileName, ImportBatch Batch, TimeSpan Sending, TimeSpan Checking)
{
    public double RowsPerSecond => (Sending + Checking).TotalSeconds is > 0 and var s ? Batch.RowsTotal / s : 0;
}

/// <summary>How a load ended: the files imported, and the file the database refused (with its first errors), if any.</summary>
public sealed record LoadResult(IReadOnlyList<LoadedFile> Files, TimeSpan Elapsed, RefusedFile? Refused);

public sealed record RefusedFile(string FileName, ImportBatch Batch, IReadOnlyList<ImportError> FirstErrors);

/// <summary>
/// Loads a generated clinic (<see cref="ClinicModel"/>) into a database as a clinic would load its own files: the
/// departments, specialisations and rooms, the doctors' sign-in accounts (which the staff file links) and the lab
/// catalogue's tests that the database lacks through the screens' procedures (the import has no kind for them), then
/// every file of <see cref="ImportFormats.All"/>, in that order, through the bulk import
/// (<see cref="CsvImporter"/>), each all or nothing, so every row obeys the rules the screens obey. Stops at the first
/// file the database refuses. Used by clinic-db generate and by the import benchmark.
/// </summary>
public static class ClinicImportLoader
{
    /// <summary>Writes the files into <paramref name="directory"/> when they are not there, then loads them as the
    /// signed-in administrator of <paramref name="session"/>; prints a line per file on <paramref name="output"/>. With
    /// <paramref name="until"/>, the files after that kind's are left out (scripts/bench-import-floor.sh needs only the
    /// patients and the appointments).</summary>
    public static async Task<LoadResult> LoadAsync(ClinicModel model, ProcedureRunner runner, ISessionAccessor session, string directory,
        TextWriter output, string? until = null, CancellationToken ct = default)
    {
        if (ImportFormats.All.Any(f => !File.Exists(Path.Combine(directory, f.FileName))))
            model.WriteCsvFiles(directory).ToList();
        var total = Stopwatch.StartNew();
        await CreateFacilitiesAsync(model, new FacilityProcedures(runner, session), output, ct);
        await CreateDoctorAccountsAsync(model, new UserAccountProcedures(runner, session, new ClinicPasswordHasher()), output, ct);
        await CreateLabCatalogueAsync(runner, session, output, ct);

        var imports = new ImportProcedures(runner, session);
        var importer = new CsvImporter(imports);
        var files = new List<LoadedFile>();
        output.WriteLine($"  {"file",-18} {"rows",10} {"imported",10} {"skipped",9} {"sending",9} {"checking+importing",19} {"rows/s",9}");
        foreach (var format in ImportFormats.All)
        {
            var path = Path.Combine(directory, format.FileName);
            CsvImportOutcome outcome;
            await using (var stream = File.OpenRead(path))
                outcome = await importer.ImportAsync(format.Kind, path, stream, validRows: false, dryRun: false, ct);
            var b = outcome.Batch;
            var file = new LoadedFile(format.FileName, b, outcome.Sending, outcome.Checking);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {format.FileName,-18} {b.RowsTotal,10:N0} {b.RowsImported,10:N0} {b.RowsSkipped,9:N0} {outcome.Sending.TotalSeconds,7:0.0} s {outcome.Checking.TotalSeconds,17:0.0} s {file.RowsPerSecond,9:N0}"));
            if (b.RowsRejected > 0 || b.HeaderErrorCount > 0 || b.Status == "rejected")
                return new LoadResult(files, total.Elapsed, new RefusedFile(format.FileName, b, await imports.ErrorsAsync(b.ImportBatchId, 0, 10, ct)));
            files.Add(file);
            if (format.Kind == until)
                break;
        }
        return new LoadResult(files, total.Elapsed, null);
    }

    /// <summary>The departments, specialisations and rooms of the model that the database does not have yet (by name).</summary>
    private static async Task CreateFacilitiesAsync(ClinicModel model, FacilityProcedures facilities, TextWriter output, CancellationToken ct)
    {
        var departments = (await facilities.ListDepartmentsAsync(includeInactive: true, ct))
            .ToDictionary(d => d.Name, d => d.DepartmentId, StringComparer.OrdinalIgnoreCase);
        var created = 0;
        foreach (var name in ClinicModel.Departments.Where(n => !departments.ContainsKey(n)))
        {
            departments[name] = await facilities.CreateDepartmentAsync(name, ct);
            created++;
        }
        var specialisations = (await facilities.ListSpecialisationsAsync(includeInactive: true, ct)).Select(s => s.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var specialisation in model.UsedSpecialisations.Where(s => !specialisations.Contains(s.Name)))
        {
            await facilities.CreateSpecialisationAsync(specialisation.Name, specialisation.Minutes, ct);
            created++;
        }
        var rooms = (await facilities.ListRoomsAsync(includeInactive: true, ct: ct)).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var room in model.Rooms.Where(r => !rooms.Contains(r.Name)))
        {
            await facilities.CreateRoomAsync(room.Name, room.RoomType, departments[room.Department], ct);
            created++;
        }
        output.WriteLine($"Facilities: {created} departments, specialisations and rooms created (the others were there).");
    }

    /// <summary>
    /// A sign-in account for every doctor of the model that has none yet (<see cref="ClinicModel.Doctor.Username"/>, role
    /// doctor), so that the staff file links it and the treating doctor verifies the results of lab_orders.csv (the four-eyes
    /// rule: the administrator who imports enters the results). The password is random, temporary and never shown: an
    /// administrator resets it to hand the account over.
    /// </summary>
    private static async Task CreateDoctorAccountsAsync(ClinicModel model, UserAccountProcedures accounts, TextWriter output, CancellationToken ct)
    {
        var created = 0;
        foreach (var doctor in model.Doctors)
        {
            try
            {
                await accounts.CreateAsync(doctor.Username, $"Dr. {doctor.GivenName} {doctor.FamilyName}", "doctor",
                    Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)), ct);
                created++;
            }
            catch (ClinicRuleException ex) when (ex.Code == 50104)
            {
                // The account was created by an earlier run.
            }
        }
        output.WriteLine($"Doctors' sign-in accounts: {created} created (the others were there).");
    }

    /// <summary>
    /// The tests of <see cref="ClinicModel.LabCatalogue"/> the catalogue lacks (by code), with their reference ranges, as the
    /// demo clinic creates them (<see cref="DemoLab.SeedAsync"/>: one way of writing the one catalogue).
    /// </summary>
    private static async Task CreateLabCatalogueAsync(ProcedureRunner runner, ISessionAccessor session, TextWriter output, CancellationToken ct)
    {
        var summary = await DemoLab.SeedAsync(runner, session, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        output.WriteLine($"Lab catalogue: {summary.TestsCreated} tests created (the others were there).");
    }
}
