using System.Globalization;
using Clinic.Data;
using Clinic.Demo;
using Clinic.Generator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Database.Generate;

/// <summary>
/// clinic-db generate: the generated clinic (src/Clinic.Generator) as the bulk import's CSV files (--out DIR), and the
/// demo loaded into a database (--size demo with a connection: the demo accounts and the demo clinic, through the public
/// procedures as the demo accounts, exactly what demo mode showed before; see src/Clinic.Demo), and the clinic and
/// large sizes loaded into a database through the bulk import, so every row obeys the rules a clinic's own files obey
/// (the facilities, which the import has no kind for, through the screens' procedures first).
/// </summary>
internal static class GenerateCommand
{
    public const string Usage = """
          generate      --size demo|clinic|large [--seed N] [--today YYYY-MM-DD] [--out DIR] [--connection CS] [--username U]
                        [--patients N] [--doctors N] [--staff N] [--appointments N] [--medications N]
                        [--stock-lots N] [--past-days N] [--future-days N]
                                            --out DIR writes the generated clinic as the import's CSV files
                                            (staff, working_hours, patients, appointments, visits, lab_orders, queue,
                                            medications, stock_lots, price_list, invoices .csv; same seed and day,
                                            same bytes);
                                            --size demo with a connection (--connection, else
                                            CLINIC_DB: the app account is enough) loads the demo accounts
                                            and demo clinic through the public procedures, once (a second
                                            run adds nothing; refused on a database with real data). The
                                            administrator 'admin' / admin123 must exist (create-admin).
                                            --size clinic|large with a connection loads the clinic through
                                            the bulk import, signed in as --username U (an administrator;
                                            password from CLINIC_IMPORT_PASSWORD or standard input): the
                                            departments, specialisations, rooms, doctors' sign-in accounts
                                            and lab tests first (those missing),
                                            then every file, all or nothing per file; a second run skips
                                            the rows imported before. Prints the time of every file;
                                            --until KIND stops after the file of that kind (e.g. appointment)
        """;

    public static async Task<int> RunAsync(Dictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        var size = GeneratorSettings.ParseSize(options.GetValueOrDefault("size") ?? throw new ArgumentException("generate needs --size demo, clinic or large."));
        var today = options.GetValueOrDefault("today") is { } day
            ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(DateTime.Now);
        var seed = options.GetValueOrDefault("seed") is { } seedText
            ? int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException("--seed needs a whole number.")
            : 2026;
        var settings = GeneratorSettings.For(size, today, seed);
        foreach (var name in GeneratorSettings.CountOptions)
            if (options.GetValueOrDefault(name) is { } value)
                settings = settings.With(name, value);
        var known = new HashSet<string>(GeneratorSettings.CountOptions) { "size", "today", "seed", "out", "connection", "username", "until" };
        if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"generate does not know --{unknown}.");

        var outDirectory = options.GetValueOrDefault("out");
        var connection = options.GetValueOrDefault("connection")
                         ?? (outDirectory is null ? Environment.GetEnvironmentVariable("CLINIC_DB") is { Length: > 0 } env ? env : null : null);
        if (outDirectory is null && connection is null)
            throw new ArgumentException("generate needs --out DIR (CSV files) or a database (--connection CS, or CLINIC_DB).");

        if (connection is null)
        {
            WriteFiles(new ClinicModel(settings), outDirectory!, output);
            return 0;
        }
        if (size == ClinicSize.Demo)
        {
            if (outDirectory is not null)
                WriteFiles(new ClinicModel(settings), outDirectory, output);
            return await LoadDemoAsync(connection, output);
        }
        var username = options.GetValueOrDefault("username")
                       ?? throw new ArgumentException("loading the clinic through the import needs --username (an administrator).");
        var until = options.GetValueOrDefault("until");
        if (until is not null && ImportFormats.All.All(f => f.Kind != until))
            throw new ArgumentException($"--until needs a kind of the import: {string.Join(", ", ImportFormats.All.Select(f => f.Kind))}.");
        return await LoadThroughImportAsync(new ClinicModel(settings), connection, username, outDirectory, until, output, error);
    }

    /// <summary>
    /// The clinic and large sizes into a database (<see cref="ClinicImportLoader"/>), signed in as the administrator
    /// <paramref name="username"/>. Files go to <paramref name="directory"/>, or to a temporary folder removed afterwards;
    /// <paramref name="until"/>: the kind whose file is the last one loaded (null: every file).
    /// </summary>
    private static async Task<int> LoadThroughImportAsync(ClinicModel model, string connection, string username, string? directory,
        string? until, TextWriter output, TextWriter error)
    {
        var temporary = directory is null;
        directory ??= Directory.CreateTempSubdirectory("clinic-generate-").FullName;
        try
        {
            WriteFiles(model, directory, output);
            await using var signIn = await StaffSignIn.OpenAsync(connection, username, "clinic-db generate", error);
            if (signIn is null)
                return 3;
            var loaded = await ClinicImportLoader.LoadAsync(model, signIn.Runner, signIn.Session, directory, output, until);
            if (loaded.Refused is { } refused)
            {
                error.WriteLine($"The database refused {refused.FileName} (import {refused.Batch.ImportBatchId}, status {refused.Batch.Status}); nothing of it was written. First errors:");
                foreach (var e in refused.FirstErrors)
                    error.WriteLine($"  {e}");
                return 6;
            }
            output.WriteLine($"Loaded in {loaded.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        finally
        {
            if (temporary)
                Directory.Delete(directory, recursive: true);
        }
    }

    private static void WriteFiles(ClinicModel model, string directory, TextWriter output)
    {
        var s = model.Settings;
        output.WriteLine($"Generating the {s.Size.ToString().ToLowerInvariant()} clinic (seed {s.Seed}, today {s.Today:yyyy-MM-dd}) into {directory}...");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (file, rows) in model.WriteCsvFiles(directory))
            output.WriteLine($"  {file,-18} {rows,10:N0} rows");
        output.WriteLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s. Import the files in the order above (clinic-db import).");
    }

    private static async Task<int> LoadDemoAsync(string connection, TextWriter output)
    {
        await using var services = new ServiceCollection().AddClinicData(connection).BuildServiceProvider();
        output.WriteLine("Loading the demo accounts and the demo clinic through the public procedures...");
        var summary = await DemoSeeder.SeedAsync(services, new WriterLogger(output));
        output.WriteLine(summary.AlreadyLoaded
            ? "The demo clinic was loaded before: nothing added."
            : $"Demo clinic loaded in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Doctors} doctors, {summary.Patients} patients, {summary.Appointments} appointments.");
        return 0;
    }

    /// <summary>The demo loader's log lines (information and above) on the command's output.</summary>
    private sealed class WriterLogger(TextWriter output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                output.WriteLine(formatter(state, exception));
        }
    }
}
