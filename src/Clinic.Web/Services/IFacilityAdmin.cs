using Clinic.Data.Staff;

namespace Clinic.Web.Services;

/// <summary>
/// What the facility screens (/admin/departments, /admin/rooms, their dialogs and the staff dialog's pickers) call.
/// A seam so that component tests need no database; every rule stays in the procedures (department_*, specialisation_*,
/// room_*), which refuse with the sentence the page shows.
/// </summary>
public interface IFacilityAdmin
{
    Task<int> CreateDepartmentAsync(string name, CancellationToken ct = default);
    Task UpdateDepartmentAsync(int departmentId, string name, bool active, CancellationToken ct = default);
    Task<IReadOnlyList<DepartmentRow>> ListDepartmentsAsync(bool includeInactive = false, CancellationToken ct = default);
    Task<int> CreateSpecialisationAsync(string name, int defaultAppointmentMinutes, CancellationToken ct = default);
    Task UpdateSpecialisationAsync(int specialisationId, string name, int defaultAppointmentMinutes, bool active, CancellationToken ct = default);
    Task<IReadOnlyList<SpecialisationRow>> ListSpecialisationsAsync(bool includeInactive = false, CancellationToken ct = default);
    Task<int> CreateRoomAsync(string name, string roomType, int? departmentId, CancellationToken ct = default);
    Task UpdateRoomAsync(int roomId, string name, string roomType, int? departmentId, CancellationToken ct = default);
    Task SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default);
    Task<IReadOnlyList<RoomRow>> ListRoomsAsync(int? departmentId = null, bool includeInactive = false, CancellationToken ct = default);
}

public sealed class FacilityAdmin(FacilityProcedures facilities) : IFacilityAdmin
{
    public Task<int> CreateDepartmentAsync(string name, CancellationToken ct = default) => facilities.CreateDepartmentAsync(name, ct);

    public Task UpdateDepartmentAsync(int departmentId, string name, bool active, CancellationToken ct = default) =>
        facilities.UpdateDepartmentAsync(departmentId, name, active, ct);

    public Task<IReadOnlyList<DepartmentRow>> ListDepartmentsAsync(bool includeInactive = false, CancellationToken ct = default) =>
        facilities.ListDepartmentsAsync(includeInactive, ct);

    public Task<int> CreateSpecialisationAsync(string name, int defaultAppointmentMinutes, CancellationToken ct = default) =>
        facilities.CreateSpecialisationAsync(name, defaultAppointmentMinutes, ct);

    public Task UpdateSpecialisationAsync(int specialisationId, string name, int defaultAppointmentMinutes, bool active, CancellationToken ct = default) =>
        facilities.UpdateSpecialisationAsync(specialisationId, name, defaultAppointmentMinutes, active, ct);

    public Task<IReadOnlyList<SpecialisationRow>> ListSpecialisationsAsync(bool includeInactive = false, CancellationToken ct = default) =>
        facilities.ListSpecialisationsAsync(includeInactive, ct);

    public Task<int> CreateRoomAsync(string name, string roomType, int? departmentId, CancellationToken ct = default) =>
        facilities.CreateRoomAsync(name, roomType, departmentId, ct);

    public Task UpdateRoomAsync(int roomId, string name, string roomType, int? departmentId, CancellationToken ct = default) =>
        facilities.UpdateRoomAsync(roomId, name, roomType, departmentId, ct);

    public Task SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default) => facilities.SetRoomActiveAsync(roomId, active, ct);

    public Task<IReadOnlyList<RoomRow>> ListRoomsAsync(int? departmentId = null, bool includeInactive = false, CancellationToken ct = default) =>
        facilities.ListRoomsAsync(departmentId, includeInactive, ct);
}
