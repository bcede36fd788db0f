using Clinic.Data.Common;

namespace Clinic.Data.Clinical;

public static class AllergySeverity
{
    public const string Mild = "mild";
    public const string Moderate = "moderate";
    public const string Severe = "severe";
    public const string LifeThreatening = "life_threatening";
    public static readonly IReadOnlyList<string> All = [Mild, Moderate, Severe, LifeThreatening];

    public static string Describe(string severity) => severity switch
    {
        LifeThreatening => "Life-threatening",
        Severe => "Severe",
        Moderate => "Moderate",
        Mild => "Mild",
        _ => severity,
    };
}

public sealed record AllergyInput
{
    public string Substance { get; init; } = "";
    public string? Reaction { get; init; }
    public string Severity { get; init; } = AllergySeverity.Moderate;
}

public sealed record AllergyRow
{
    public int AllergyId { get; init; }
    public int PatientId { get; init; }
    public string Substance { get; init; } = "";
    public string? Reaction { get; init; }
    public string Severity { get; init; } = "";
    public string Status { get; init; } = "";
    public string? InactiveReason { get; init; }
    public int RecordedBy { get; init; }
    public string? RecordedByName { get; init; }
    public DateTime RecordedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public bool IsActive => Status == "active";
}

public sealed record ProblemInput
{
    public string Description { get; init; } = "";
    public string? Icd10Code { get; init; }
    public DateTime? OnsetDate { get; init; }
}

public sealed record ProblemRow
{
    public int ProblemId { get; init; }
    public int PatientId { get; init; }
    public string Description { get; init; } = "";
    public string? Icd10Code { get; init; }
    public string? Icd10Title { get; init; }
    public string Status { get; init; } = "";
    public DateTime? OnsetDate { get; init; }
    public DateTime? ResolvedDate { get; init; }
    public int RecordedBy { get; init; }
    public string? RecordedByName { get; init; }
    public DateTime RecordedAt { get; init; }
    public bool IsActive => Status == "active";
}

/// <summary>
/// The patient-level clinical record (db/procedures/allergy_*.sql, problem_*.sql): allergies (never
/// deleted: deactivated with a reason) and the problem list (active and resolved conditions).
/// </summary>
public sealed class ClinicalRecordProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public const int DuplicateAllergy = 50752;

    /// <summary>Records an allergy (substance stored trimmed); refused when the patient already has an active one to the same substance. Returns allergy_id.</summary>
    public async Task<int> AddAllergyAsync(int patientId, AllergyInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("allergy_add", session,
            new { p_patient_id = patientId, p_substance = input.Substance, p_reaction = input.Reaction, p_severity = input.Severity }, ct);

    public async Task DeactivateAllergyAsync(int allergyId, string reason, CancellationToken ct = default) =>
        await runner.ExecuteAsync("allergy_deactivate", session, new { p_allergy_id = allergyId, p_reason = reason }, ct);

    /// <summary>The patient's allergies: active ones first (most severe first); inactive ones only when asked for.</summary>
    public async Task<IReadOnlyList<AllergyRow>> AllergiesAsync(int patientId, bool includeInactive = false, CancellationToken ct = default) =>
        await runner.QueryAsync<AllergyRow>("allergy_list", session,
            new { p_patient_id = patientId, p_include_inactive = includeInactive }, ct);

    /// <summary>Adds an active problem; returns problem_id.</summary>
    public async Task<int> AddProblemAsync(int patientId, ProblemInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("problem_add", session,
            new { p_patient_id = patientId, p_description = input.Description, p_icd10_code = input.Icd10Code, p_onset_date = input.OnsetDate?.Date }, ct);

    /// <summary>Marks a problem resolved on <paramref name="resolvedDate"/> (NULL: today).</summary>
    public async Task ResolveProblemAsync(int problemId, DateTime? resolvedDate, CancellationToken ct = default) =>
        await runner.ExecuteAsync("problem_resolve", session, new { p_problem_id = problemId, p_resolved_date = resolvedDate?.Date }, ct);

    /// <summary>The problem list: active problems first, then resolved ones, each newest first.</summary>
    public async Task<IReadOnlyList<ProblemRow>> ProblemsAsync(int patientId, CancellationToken ct = default) =>
        await runner.QueryAsync<ProblemRow>("problem_list", session, new { p_patient_id = patientId }, ct);
}
