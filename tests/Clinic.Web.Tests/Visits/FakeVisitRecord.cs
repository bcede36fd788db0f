using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Visits;

/// <summary>An in-memory IVisitRecord for component tests: canned rows, a call log, and an optional refusal per call.</summary>
public sealed class FakeVisitRecord : IVisitRecord
{
    public VisitHeader? Visit { get; set; } = Open();
    public List<VisitListRow> Worklist { get; } = [];
    /// <summary>What visit_list_scope answers: own, department, all or none.</summary>
    public string Scope { get; set; } = "own";
    public VisitNoteView Note { get; set; } = new(null, []);
    public List<VitalSignRow> Vitals { get; } = [];
    public List<VisitDiagnosisRow> Diagnoses { get; } = [];
    public List<AllergyRow> Allergies { get; } = [];
    public List<ProblemRow> Problems { get; } = [];
    public List<string> Calls { get; } = [];
    /// <summary>Thrown by the next write (save, record, add, close ...) when set.</summary>
    public Exception? Refuse { get; set; }
    /// <summary>While true, reading the visit is refused as visit_get refuses a reader outside the visit's care (50790).</summary>
    public Func<bool> OutsideCare { get; set; } = () => false;

    public const string NotInCareMessage = "You are not part of this patient's care. To open the record, give a reason: it will be logged.";

    public static VisitHeader Open(bool canWrite = true, bool canClose = true) => new()
    {
        VisitId = 42, PatientId = 7, PatientName = "Mary Nakato", Mrn = "HMS/000007", Sex = "female", AgeYears = 34, DateOfBirth = new DateTime(1991, 3, 1),
        StaffId = 3, DoctorName = "Sarah Okello", DepartmentId = 1, DepartmentName = "General Medicine", Status = VisitStatus.Open,
        StartedAt = DateTime.Today.AddHours(9), CanWrite = canWrite, CanClose = canClose, CanReadNotes = true,
    };

    private Task Write(string call)
    {
        Calls.Add(call);
        if (Refuse is { } refusal)
        {
            Refuse = null;
            throw refusal;
        }
        return Task.CompletedTask;
    }

    public Task<string> ListScopeAsync(CancellationToken ct = default) => Task.FromResult(Scope);

    public Task<IReadOnlyList<VisitListRow>> ListAsync(DateTime? day, string? status, int offset, int limit, CancellationToken ct = default)
    {
        Calls.Add($"list {day:yyyy-MM-dd} {status} {offset} {limit}");
        return Task.FromResult<IReadOnlyList<VisitListRow>>(Worklist.Where(r => status is null || r.Status == status).ToList());
    }

    /// <summary>The visit's read answers later, as a database does, instead of at once (the page renders in between).</summary>
    public bool VisitAnswersLater { get; set; }

    public async Task<VisitHeader?> GetAsync(int visitId, CancellationToken ct = default)
    {
        Calls.Add($"get {visitId}");
        if (OutsideCare())
            throw new ClinicRuleException(Clinic.Data.Patients.PatientProcedures.NotInCare, NotInCareMessage);
        if (VisitAnswersLater)
            await Task.Yield();
        return Visit?.VisitId == visitId ? Visit : null;
    }

    public async Task CloseAsync(int visitId, CancellationToken ct = default)
    {
        await Write($"close {visitId}");
        Visit = Visit! with { Status = VisitStatus.Closed, ClosedAt = DateTime.Now, ClosedBy = 5, ClosedByName = "Dr Okello", CanClose = false };
    }

    public Task<VisitNoteView> NoteAsync(int visitId, CancellationToken ct = default)
    {
        Calls.Add($"note {visitId}");
        return Task.FromResult(Note);
    }

    public async Task<VisitNoteRow> SaveNoteAsync(int visitId, SoapNoteInput note, CancellationToken ct = default)
    {
        await Write($"save note {note.Subjective}|{note.Assessment}|{note.ExpectedUpdatedAt:HH:mm:ss}");
        var saved = new VisitNoteRow
        {
            VisitId = visitId, Subjective = note.Subjective, Objective = note.Objective, Assessment = note.Assessment, Plan = note.Plan,
            UpdatedBy = 5, UpdatedByName = "Dr Okello", CreatedAt = DateTime.Now, UpdatedAt = DateTime.Now,
        };
        Note = Note with { Note = saved };
        return saved;
    }

    public async Task<int> AddAddendumAsync(int visitId, string body, CancellationToken ct = default)
    {
        await Write($"addendum {body}");
        Note = Note with { Addenda = [.. Note.Addenda, new VisitAddendumRow { VisitAddendumId = 9, VisitId = visitId, Body = body, SignedName = "Sarah Okello", SignedAt = DateTime.Now }] };
        return 9;
    }

    public Task<IReadOnlyList<VitalSignRow>> VitalsAsync(int visitId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<VitalSignRow>>(Vitals.ToList());

    public async Task<int> RecordVitalsAsync(int visitId, VitalSignInput input, CancellationToken ct = default)
    {
        await Write($"vitals {input.TemperatureC} {input.PulseBpm}");
        return 1;
    }

    public Task<IReadOnlyList<Icd10Row>> SearchIcd10Async(string query, CancellationToken ct = default)
    {
        Calls.Add($"search {query}");
        return Task.FromResult<IReadOnlyList<Icd10Row>>([new Icd10Row { Icd10Code = "B50.9", Title = "Plasmodium falciparum malaria, unspecified", Chapter = "I" }]);
    }

    public Task<IReadOnlyList<VisitDiagnosisRow>> DiagnosesAsync(int visitId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<VisitDiagnosisRow>>(Diagnoses.ToList());

    public async Task<int> AddDiagnosisAsync(int visitId, string icd10Code, bool isPrimary, string? note, CancellationToken ct = default)
    {
        await Write($"diagnosis {icd10Code} {isPrimary}");
        return 1;
    }

    public Task RemoveDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) => Write($"remove diagnosis {visitDiagnosisId}");
    public Task SetPrimaryDiagnosisAsync(int visitDiagnosisId, CancellationToken ct = default) => Write($"primary {visitDiagnosisId}");

    /// <summary>When set, the allergies' read answers only once this task completes (a read still under way).</summary>
    public Task? AllergiesHeldUntil { get; set; }

    public async Task<IReadOnlyList<AllergyRow>> AllergiesAsync(int patientId, bool includeInactive, CancellationToken ct = default)
    {
        Calls.Add($"allergies {patientId}");
        if (AllergiesHeldUntil is { } held)
            await held;
        return Allergies.Where(a => includeInactive || a.IsActive).ToList();
    }

    public async Task<int> AddAllergyAsync(int patientId, AllergyInput input, CancellationToken ct = default)
    {
        await Write($"allergy {input.Substance} {input.Severity}");
        Allergies.Add(new AllergyRow { AllergyId = 50 + Allergies.Count, PatientId = patientId, Substance = input.Substance.Trim(), Severity = input.Severity, Status = "active" });
        return 50;
    }

    public async Task DeactivateAllergyAsync(int allergyId, string reason, CancellationToken ct = default)
    {
        await Write($"deactivate {allergyId} {reason}");
        var index = Allergies.FindIndex(a => a.AllergyId == allergyId);
        Allergies[index] = Allergies[index] with { Status = "inactive", InactiveReason = reason };
    }

    public Task<IReadOnlyList<ProblemRow>> ProblemsAsync(int patientId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<ProblemRow>>(Problems.ToList());

    public async Task<int> AddProblemAsync(int patientId, ProblemInput input, CancellationToken ct = default)
    {
        await Write($"problem {input.Description}");
        return 1;
    }

    public Task ResolveProblemAsync(int problemId, DateTime? resolvedDate, CancellationToken ct = default) => Write($"resolve {problemId}");
}
