using Clinic.Data.Accounts;
using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>
/// What the staff screens (/admin/staff and its dialog, /admin/shifts) call. A seam so that component tests need
/// no database; every rule stays in the procedures (db/procedures/staff_*.sql), which refuse with the sentence the
/// page shows. Role codes and their names come from the database (staff_role_list).
/// </summary>
public interface IStaffAdmin
{
    /// <summary>The roles a staff record may have, with their display names, in display order.</summary>
    Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default);
    Task<IReadOnlyList<StaffRow>> ListAsync(string? role, int? departmentId, bool? active, int offset, int limit, CancellationToken ct = default);
    Task<int> CreateAsync(StaffInput input, CancellationToken ct = default);
    Task UpdateAsync(int staffId, StaffInput input, CancellationToken ct = default);

    /// <summary>Also activates or deactivates the linked sign-in account, in the same transaction.</summary>
    Task SetActiveAsync(int staffId, bool active, CancellationToken ct = default);
    Task<int> AddShiftAsync(int staffId, DateTime startsAt, DateTime endsAt, string? note = null, CancellationToken ct = default);
    Task RemoveShiftAsync(int staffShiftId, CancellationToken ct = default);
    Task<IReadOnlyList<StaffShiftRow>> ListShiftsAsync(int? staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);
}

public sealed class StaffAdmin(StaffProcedures staff) : IStaffAdmin
{
    public Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default) => staff.RolesAsync(ct);

    public Task<IReadOnlyList<StaffRow>> ListAsync(string? role, int? departmentId, bool? active, int offset, int limit, CancellationToken ct = default) =>
        staff.ListAsync(role, departmentId, active, offset, limit, ct);

    public Task<int> CreateAsync(StaffInput input, CancellationToken ct = default) => staff.CreateAsync(input, ct);
    public Task UpdateAsync(int staffId, StaffInput input, CancellationToken ct = default) => staff.UpdateAsync(staffId, input, ct);
    public Task SetActiveAsync(int staffId, bool active, CancellationToken ct = default) => staff.SetActiveAsync(staffId, active, ct);

    public Task<int> AddShiftAsync(int staffId, DateTime startsAt, DateTime endsAt, string? note = null, CancellationToken ct = default) =>
        staff.AddShiftAsync(staffId, startsAt, endsAt, note, ct);

    public Task RemoveShiftAsync(int staffShiftId, CancellationToken ct = default) => staff.RemoveShiftAsync(staffShiftId, ct);

    public Task<IReadOnlyList<StaffShiftRow>> ListShiftsAsync(int? staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        staff.ListShiftsAsync(staffId, from, to, offset, limit, ct);
}
