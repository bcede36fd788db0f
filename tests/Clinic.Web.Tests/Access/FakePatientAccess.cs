using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Web.Services;

namespace Clinic.Web.Tests.Access;

/// <summary>
/// An in-memory IPatientAccess: breaking the glass answers like patient_break_glass (a reason shorter than 10 characters
/// after trimming is refused with 50791, the database's rule mirrored only in this fake), and the two logs are served
/// newest first and paged as their procedures do. Every call is recorded.
/// </summary>
public sealed class FakePatientAccess : IPatientAccess
{
    public const string ReasonMessage = "Please say why you need this record (at least 10 characters).";

    public List<(int PatientId, string Reason)> BreakGlassCalls { get; } = [];
    public HashSet<int> Opened { get; } = [];
    public List<PatientAccessRow> AccessLog { get; set; } = [];
    public List<BreakGlassRow> Openings { get; set; } = [];
    public List<(int PatientId, DateTime? From, DateTime? To, int Offset, int Limit)> AccessLogCalls { get; } = [];
    public List<(int? PatientId, DateTime? From, DateTime? To, int Offset, int Limit)> OpeningsCalls { get; } = [];

    public Task BreakGlassAsync(int patientId, string reason, CancellationToken ct = default)
    {
        BreakGlassCalls.Add((patientId, reason));
        if (reason.Trim().Length < 10)
            throw new ClinicRuleException(PatientProcedures.BreakGlassReasonMissing, ReasonMessage);
        Opened.Add(patientId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PatientAccessRow>> AccessLogAsync(int patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default)
    {
        AccessLogCalls.Add((patientId, from, to, offset, limit));
        var matching = AccessLog.Where(r => (from is null || r.AccessedAt >= from) && (to is null || r.AccessedAt < to))
            .OrderByDescending(r => r.AccessedAt).ToList();
        IReadOnlyList<PatientAccessRow> page = matching.Skip(offset).Take(limit).Select(r => r with { TotalCount = matching.Count }).ToList();
        return Task.FromResult(page);
    }

    public Task<IReadOnlyList<BreakGlassRow>> BreakGlassListAsync(int? patientId, DateTime? from, DateTime? to, int offset, int limit,
        CancellationToken ct = default)
    {
        OpeningsCalls.Add((patientId, from, to, offset, limit));
        var matching = Openings.Where(r => (from is null || r.OpenedAt >= from) && (to is null || r.OpenedAt < to))
            .OrderByDescending(r => r.OpenedAt).ToList();
        IReadOnlyList<BreakGlassRow> page = matching.Skip(offset).Take(limit).Select(r => r with { TotalCount = matching.Count }).ToList();
        return Task.FromResult(page);
    }
}
