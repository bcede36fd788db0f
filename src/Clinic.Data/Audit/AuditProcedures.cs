using Clinic.Data.Common;

namespace Clinic.Data.Audit;

public sealed record AuditLogRow
{
    public long AuditLogId { get; init; }
    public string TableName { get; init; } = "";
    public string RowKey { get; init; } = "";
    public string Action { get; init; } = "";
    public string? OldRow { get; init; }
    public string? NewRow { get; init; }
    public int? ActorUserId { get; init; }
    public string? ActorUsername { get; init; }
    public string DbUser { get; init; } = "";
    public DateTime ChangedAt { get; init; }
}

public sealed record AuditLogFilter(string? TableName = null, string? RowKey = null, int? ActorUserId = null, DateTime? From = null, DateTime? To = null);

/// <summary>Reading the audit trail (db/procedures/audit_log_search.sql). Administrators only.</summary>
public sealed class AuditProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<IReadOnlyList<AuditLogRow>> SearchAsync(AuditLogFilter filter, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<AuditLogRow>("audit_log_search", session,
            new
            {
                p_table_name = filter.TableName, p_row_key = filter.RowKey, p_actor_user_id = filter.ActorUserId,
                p_from = filter.From, p_to = filter.To, p_offset = offset, p_limit = limit,
            }, ct);
}
