using System.Globalization;

namespace Clinic.Generator;

/// <summary>The three sizes of the generated clinic.</summary>
public enum ClinicSize
{
    /// <summary>What demo mode loads: 6 doctors, 300 patients, appointments three weeks back and three ahead.</summary>
    Demo,

    /// <summary>A year of a 10-doctor clinic.</summary>
    Clinic,

    /// <summary>200,000 patients and 2,000,000 appointments (benchmarks).</summary>
    Large,
}

/// <summary>
/// How much to generate. <see cref="For"/> gives a size's counts; <see cref="With"/> overrides one entity's count
/// (clinic-db generate --patients N ...). <see cref="Today"/> anchors every date (ages, the past and the future), so
/// the same seed and the same day give the same files byte for byte.
/// </summary>
public sealed record GeneratorSettings
{
    public required ClinicSize Size { get; init; }
    public int Seed { get; init; } = 2026;
    public required DateOnly Today { get; init; }
    public required int Patients { get; init; }
    public required int Doctors { get; init; }
    /// <summary>Nurses, receptionists, pharmacists and billing clerks.</summary>
    public required int OtherStaff { get; init; }
    public required int Appointments { get; init; }
    public required int Medications { get; init; }
    public required int StockLots { get; init; }
    /// <summary>How many days back the appointments start (more are taken when the doctors' hours cannot hold them).</summary>
    public required int PastDays { get; init; }
    public required int FutureDays { get; init; }

    /// <summary>The names of the counts that can be overridden, as clinic-db generate options.</summary>
    public static IReadOnlyList<string> CountOptions { get; } =
        ["patients", "doctors", "staff", "appointments", "medications", "stock-lots", "past-days", "future-days"];

    public static GeneratorSettings For(ClinicSize size, DateOnly today, int seed = 2026) => size switch
    {
        ClinicSize.Demo => new GeneratorSettings
        {
            Size = size, Seed = seed, Today = today, Patients = 300, Doctors = 6, OtherStaff = 5, Appointments = 700,
            Medications = 40, StockLots = 80, PastDays = 21, FutureDays = 21,
        },
        ClinicSize.Clinic => new GeneratorSettings
        {
            Size = size, Seed = seed, Today = today, Patients = 12_000, Doctors = 10, OtherStaff = 22, Appointments = 50_000,
            Medications = 40, StockLots = 400, PastDays = 365, FutureDays = 42,
        },
        ClinicSize.Large => new GeneratorSettings
        {
            Size = size, Seed = seed, Today = today, Patients = 200_000, Doctors = 160, OtherStaff = 240, Appointments = 2_000_000,
            Medications = 40, StockLots = 5_000, PastDays = 1_095, FutureDays = 56,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(size)),
    };

    public static ClinicSize ParseSize(string text) => text.Trim().ToLowerInvariant() switch
    {
        "demo" => ClinicSize.Demo,
        "clinic" => ClinicSize.Clinic,
        "large" => ClinicSize.Large,
        _ => throw new ArgumentException($"unknown size '{text}': give demo, clinic or large."),
    };

    /// <summary>This settings with one count overridden; <paramref name="option"/> is one of <see cref="CountOptions"/>.</summary>
    public GeneratorSettings With(string option, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new ArgumentException($"--{option} needs a whole number, not '{value}'.");
        var result = option switch
        {
            "patients" => this with { Patients = n },
            "doctors" => this with { Doctors = n },
            "staff" => this with { OtherStaff = n },
            "appointments" => this with { Appointments = n },
            "medications" => this with { Medications = n },
            "stock-lots" => this with { StockLots = n },
            "past-days" => this with { PastDays = n },
            "future-days" => this with { FutureDays = n },
            _ => throw new ArgumentException($"unknown count --{option}."),
        };
        result.Validate();
        return result;
    }

    public void Validate()
    {
        if (Patients < 1 || Doctors < 1 || Patients < Doctors)
            throw new ArgumentException("give at least one doctor and at least as many patients as doctors.");
        if (Medications < 1 || Medications > ReferenceData.Medications.Count)
            throw new ArgumentException($"--medications must be between 1 and {ReferenceData.Medications.Count} (the catalogue in src/Clinic.Generator/Data/medications.txt).");
        if (OtherStaff < 0 || Appointments < 0 || StockLots < 0 || PastDays < 1 || FutureDays < 0)
            throw new ArgumentException("counts cannot be negative, and --past-days must be at least 1.");
    }
}
