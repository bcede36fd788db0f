using Clinic.Data.Common;

namespace Clinic.Data.Staff;

public sealed record DepartmentRow
{
    public int DepartmentId { get; init; }
    public string Name { get; init; } = "";
    public bool IsActive { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record SpecialisationRow
{
    public int SpecialisationId { get; init; }
    public string Name { get; init; } = "";
    public int DefaultAppointmentMinutes { get; init; }
    public bool IsActive { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record RoomRow
{
    public int RoomId { get; init; }
    public string Name { get; init; } = "";
    public string RoomType { get; init; } = "";
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public bool IsActive { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>Departments, specialisations and rooms (db/procedures/department_*, specialisation_*, room_*.sql).</summary>
public sealed class FacilityProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    public async Task<int> CreateDepartmentAsync(string name, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("department_create", session, new { p_name = name }, ct);

    public async Task UpdateDepartmentAsync(int departmentId, string name, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("department_update", session,
            new { p_department_id = departmentId, p_name = name, p_is_active = active }, ct);

    public async Task<IReadOnlyList<DepartmentRow>> ListDepartmentsAsync(bool includeInactive = false, CancellationToken ct = default) =>
        await runner.QueryAsync<DepartmentRow>("department_list", session, new { p_include_inactive = includeInactive }, ct);

    public async Task<int> CreateSpecialisationAsync(string name, int defaultAppointmentMinutes, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("specialisation_create", session,
            new { p_name = name, p_default_appointment_minutes = defaultAppointmentMinutes }, ct);

    public async Task UpdateSpecialisationAsync(int specialisationId, string name, int defaultAppointmentMinutes, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("specialisation_update", session,
            new { p_specialisation_id = specialisationId, p_name = name, p_default_appointment_minutes = defaultAppointmentMinutes, p_is_active = active }, ct);

    public async Task<IReadOnlyList<SpecialisationRow>> ListSpecialisationsAsync(bool includeInactive = false, CancellationToken ct = default) =>
        await runner.QueryAsync<SpecialisationRow>("specialisation_list", session, new { p_include_inactive = includeInactive }, ct);

    public async Task<int> CreateRoomAsync(string name, string roomType, int? departmentId, CancellationToken ct = default) =>
        await runner.QuerySingleOrDefaultAsync<int>("room_create", session,
            new { p_name = name, p_room_type = roomType, p_department_id = departmentId }, ct);

    public async Task UpdateRoomAsync(int roomId, string name, string roomType, int? departmentId, CancellationToken ct = default) =>
        await runner.ExecuteAsync("room_update", session,
            new { p_room_id = roomId, p_name = name, p_room_type = roomType, p_department_id = departmentId }, ct);

    public async Task SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default) =>
        await runner.ExecuteAsync("room_set_active", session, new { p_room_id = roomId, p_is_active = active }, ct);

    public async Task<IReadOnlyList<RoomRow>> ListRoomsAsync(int? departmentId = null, bool includeInactive = false, CancellationToken ct = default) =>
        await runner.QueryAsync<RoomRow>("room_list", session,
            new { p_department_id = departmentId, p_include_inactive = includeInactive }, ct);
}
