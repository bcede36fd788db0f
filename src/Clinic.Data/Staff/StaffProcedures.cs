using Clinic.Data.Common;

namespace Clinic.Data.Staff;

public sealed record StaffInput
{
    public int? UserAccountId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string StaffRole { get; init; } = "";
    public int? DepartmentId { get; init; }
    public int? SpecialisationId { get; init; }
    public decimal? ConsultationFee { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

public sealed record StaffRow
{
    public int StaffId { get; init; }
    public int? UserAccountId { get; init; }
    public string? Username { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string StaffRole { get; init; } = "";
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public int? SpecialisationId { get; init; }
    public string? SpecialisationName { get; init; }
    public decimal? ConsultationFee { get; init; }
    public string? Phone { get; init; }
    public string? PhoneLocal { get; init; }
    public string? Email { get; init; }
    public bool IsActive { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long TotalCount { get; init; }
}

public sealed record StaffShiftRow
{
    public int StaffShiftId { get; init; }
    public int StaffId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string StaffRole { get; init; } = "";
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string? Note { get; init; }
    public long TotalCount { get; init; }
}

/// <summary>Staff and their shifts (db/procedures/staff_*.sql).</summary>
public sealed class StaffProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<int> CreateAsync(StaffInput input, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("staff_create", session, Args(input), ct);

    public async Task UpdateAsync(int staffId, StaffInput input, CancellationToken ct = default)
    {
        var args = new Dapper.DynamicParameters(Args(input));
        args.Add("p_staff_id", staffId);
        await runner.ExecuteAsync("staff_update", session, args, ct);
    }

    /// <summary>The staff whose role is doctor (staff_list filtered by that role code), a page at a time.</summary>
    public Task<IReadOnlyList<StaffRow>> ListDoctorsAsync(bool? active, int offset, int limit, CancellationToken ct = default) =>
        ListAsync(DoctorRole, null, active, offset, limit, ct);

    /// <summary>The role code of doctors in staff.staff_role (role table).</summary>
    public const string DoctorRole = "doctor";

    /// <summary>The roles a staff record may have, with their display names, in display order (staff_role_list).</summary>
    public async Task<IReadOnlyList<Clinic.Data.Accounts.RoleRow>> RolesAsync(CancellationToken ct = default) =>
        await runner.QueryAsync<Clinic.Data.Accounts.RoleRow>("staff_role_list", session, null, ct);

    /// <summary>Also activates or deactivates the linked sign-in account, in the same transaction.</summary>
    public async Task SetActiveAsync(int staffId, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("staff_set_active", session, new { p_staff_id = staffId, p_is_active = active }, ct);

    public async Task<IReadOnlyList<StaffRow>> ListAsync(string? role, int? departmentId, bool? active, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<StaffRow>("staff_list", session,
            new { p_staff_role = role, p_department_id = departmentId, p_is_active = active, p_offset = offset, p_limit = limit }, ct);

    public async Task<int> AddShiftAsync(int staffId, DateTime startsAt, DateTime endsAt, string? note = null, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("staff_shift_add", session,
            new { p_staff_id = staffId, p_starts_at = startsAt, p_ends_at = endsAt, p_note = note }, ct);

    public async Task RemoveShiftAsync(int staffShiftId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("staff_shift_remove", session, new { p_staff_shift_id = staffShiftId }, ct);

    public async Task<IReadOnlyList<StaffShiftRow>> ListShiftsAsync(int? staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        await runner.QueryAsync<StaffShiftRow>("staff_shift_list", session,
            new { p_staff_id = staffId, p_from = from, p_to = to, p_offset = offset, p_limit = limit }, ct);

    private static object Args(StaffInput input) => new
    {
        p_user_account_id = input.UserAccountId, p_given_name = input.GivenName, p_family_name = input.FamilyName,
        p_staff_role = input.StaffRole, p_department_id = input.DepartmentId, p_specialisation_id = input.SpecialisationId,
        p_consultation_fee = input.ConsultationFee, p_phone = input.Phone, p_email = input.Email,
    };

    /// <summary>The staff record linked to the signed-in account, or null (e.g. the administrator).</summary>
    public async Task<CurrentStaffRow?> CurrentAsync(CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<CurrentStaffRow>("staff_for_actor", session, null, ct);
}

public sealed record CurrentStaffRow
{
    public int StaffId { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string StaffRole { get; init; } = "";
    public int? DepartmentId { get; init; }
    public int? SpecialisationId { get; init; }
    public bool IsActive { get; init; }
    /// <summary>An active doctor: has appointments and queue patients of their own (staff_for_actor decides).</summary>
    public bool SeesPatients { get; init; }
}
