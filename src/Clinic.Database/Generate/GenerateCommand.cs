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
/// procedures as the demo accounts, exactly what demo mode showed before; see src/Clinic.Demo).
/// </summary>
internal static class GenerateCommand
{
    public const string Usage = """
          generate      --size demo|clinic|large [--seed N] [--today YYYY-MM-DD] [--out DIR] [--connection CS]
                        [--patients N] [--doctors N] [--staff N] [--appointments N] [--medications N]
                        [--stock-lots N] [--past-days N] [--future-days N]
                                            --out DIR writes the generated clinic as the import's CSV files
                                            (staff, working_hours, patients, appointments, medications,
                                            stock_lots, price_list .csv; same seed and day, same bytes);
                                            --size demo with a connection (--connection, else
                                            CLINIC_DB: the app account is enough) loads the demo accounts
                                            and demo clinic through the public procedures, once (a second
                                            run adds nothing; refused on a database with real data). The
                                            administrator 'admin' / admin123 must exist (create-admin)
        """;

    public static async Task<int> RunAsync(Dictionary<string, string?> options, TextWriter output)
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
        var known = new HashSet<string>(GeneratorSettings.CountOptions) { "size", "today", "seed", "out", "connection" };
        if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"generate does not know --{unknown}.");

        var outDirectory = options.GetValueOrDefault("out");
        var connection = options.GetValueOrDefault("connection")
                         ?? (outDirectory is null ? Environment.GetEnvironmentVariable("CLINIC_DB") is { Length: > 0 } env ? env : null : null);
        if (outDirectory is null && connection is null)
            throw new ArgumentException("generate needs --out DIR (CSV files) or a database (--connection CS, or CLINIC_DB).");

        if (outDirectory is not null)
            WriteFiles(new ClinicModel(settings), outDirectory, output);
        if (connection is null)
            return 0;
        if (size == ClinicSize.Demo)
            return await LoadDemoAsync(connection, output);

        // TODO(issue 14): load the clinic and large sizes through the bulk import, so they obey the same rules as a
        // clinic's own files: create the departments, specialisations and rooms of ClinicModel (FacilityProcedures), write
        // the files with WriteFiles, then run `clinic-db import` on each file of ImportFormats.All in that order (kinds
        // staff, working_hours, patient, appointment, medication, stock_lot, price_list). The import command is being
        // written on its own branch; until it lands, write the files with --out DIR and import them.
        output.WriteLine("Loading the clinic and large sizes into a database goes through the CSV import (clinic-db import), " +
                         "which this build does not have yet: write the files with --out DIR and import them.");
        return 1;
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
