using Bunit;
using Clinic.Data.Accounts;
using Clinic.Data.Audit;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Clinic.Data.Settings;
using Clinic.Data.Staff;
using Clinic.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Clinic.Web.Tests.Admin;

/// <summary>
/// The admin screens' seams (<see cref="IFacilityAdmin"/>, <see cref="IStaffAdmin"/>, <see cref="IClinicAdmin"/>) answered from lists;
/// <see cref="Refusal"/>, when set, is what every call throws, as the database refuses with a sentence.
/// </summary>
public sealed class FakeAdmin : IFacilityAdmin, IStaffAdmin, IClinicAdmin
{
    public List<DepartmentRow> Departments { get; } = [];
    public List<SpecialisationRow> Specialisations { get; } = [];
    public List<RoomRow> Rooms { get; } = [];
    public List<RoleRow> Roles { get; } = [new() { RoleCode = "admin", RoleName = "Administrator" }, new() { RoleCode = "nurse", RoleName = "Nurse (ward)" }];
    public List<StaffRow> Staff { get; } = [];
    public List<StaffShiftRow> Shifts { get; } = [];
    public List<ClinicSettingRow> Settings { get; } = [];
    public List<AuditLogRow> Audit { get; } = [];
    public List<AppliedMigration> Migrations { get; } = [];
    public Exception? Refusal { get; set; }

    private Task<IReadOnlyList<T>> Answer<T>(List<T> rows) =>
        Refusal is { } refusal ? Task.FromException<IReadOnlyList<T>>(refusal) : Task.FromResult<IReadOnlyList<T>>(rows.ToList());

    private Task Done() => Refusal is { } refusal ? Task.FromException(refusal) : Task.CompletedTask;
    private Task<int> Id() => Refusal is { } refusal ? Task.FromException<int>(refusal) : Task.FromResult(1);

    public Task<int> CreateDepartmentAsync(string name, CancellationToken ct = default) => Id();
    public Task UpdateDepartmentAsync(int departmentId, string name, bool active, CancellationToken ct = default) => Done();
    public Task<IReadOnlyList<DepartmentRow>> ListDepartmentsAsync(bool includeInactive = false, CancellationToken ct = default) => Answer(Departments);
    public Task<int> CreateSpecialisationAsync(string name, int defaultAppointmentMinutes, CancellationToken ct = default) => Id();
    public Task UpdateSpecialisationAsync(int specialisationId, string name, int defaultAppointmentMinutes, bool active, CancellationToken ct = default) => Done();
    public Task<IReadOnlyList<SpecialisationRow>> ListSpecialisationsAsync(bool includeInactive = false, CancellationToken ct = default) => Answer(Specialisations);
    public Task<int> CreateRoomAsync(string name, string roomType, int? departmentId, CancellationToken ct = default) => Id();
    public Task UpdateRoomAsync(int roomId, string name, string roomType, int? departmentId, CancellationToken ct = default) => Done();
    public Task SetRoomActiveAsync(int roomId, bool active, CancellationToken ct = default) => Done();
    public Task<IReadOnlyList<RoomRow>> ListRoomsAsync(int? departmentId = null, bool includeInactive = false, CancellationToken ct = default) => Answer(Rooms);

    public Task<IReadOnlyList<RoleRow>> RolesAsync(CancellationToken ct = default) => Answer(Roles);
    public Task<IReadOnlyList<StaffRow>> ListAsync(string? role, int? departmentId, bool? active, int offset, int limit, CancellationToken ct = default) =>
        Answer(Staff.Select(s => s with { TotalCount = Staff.Count }).ToList());
    public Task<int> CreateAsync(StaffInput input, CancellationToken ct = default) => Id();
    public Task UpdateAsync(int staffId, StaffInput input, CancellationToken ct = default) => Done();
    public Task SetActiveAsync(int staffId, bool active, CancellationToken ct = default) => Done();
    public Task<int> AddShiftAsync(int staffId, DateTime startsAt, DateTime endsAt, string? note = null, CancellationToken ct = default) => Id();
    public Task RemoveShiftAsync(int staffShiftId, CancellationToken ct = default) => Done();
    public Task<IReadOnlyList<StaffShiftRow>> ListShiftsAsync(int? staffId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        Answer(Shifts.Select(s => s with { TotalCount = Shifts.Count }).ToList());

    public Task<IReadOnlyList<ClinicSettingRow>> SettingsAsync(CancellationToken ct = default) => Answer(Settings);
    public Task SetSettingAsync(string key, string value, CancellationToken ct = default) => Done();
    public Task<IReadOnlyList<AuditLogRow>> AuditAsync(AuditLogFilter filter, int offset, int limit, CancellationToken ct = default) => Answer(Audit);
    public Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(CancellationToken ct = default) => Answer(Migrations);
}

/// <summary>An admin page rendered against <see cref="FakeAdmin"/>, with the snackbar that shows the database's refusals.</summary>
public abstract class AdminPageTest : BunitTest
{
    protected FakeAdmin Admin { get; private set; } = default!;
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;
#pragma warning restore NUnit1032

    /// <summary>What the database says when the session may not read this (50102).</summary>
    protected static readonly ClinicRuleException NotAllowed = new(50102, "Your role is not allowed to do this.");

    public override void Setup()
    {
        base.Setup();
        Admin = new FakeAdmin();
        Context.Services.AddSingleton<IFacilityAdmin>(Admin);
        Context.Services.AddSingleton<IStaffAdmin>(Admin);
        Context.Services.AddSingleton<IClinicAdmin>(Admin);
        SignInWith(typeof(Clinic.Web.Auth.Permissions).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!));
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        Snackbars = Context.Render<MudSnackbarProvider>();
    }

    protected static void WaitUntil<T>(IRenderedComponent<T> component, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        Lab.LabWorklistTests.WaitUntil(component, assertion);

    protected static IReadOnlyList<string> Rows<T>(IRenderedComponent<T> page, string tableTestId) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll($"[data-testid={tableTestId}] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    /// <summary>Renders the page while the database refuses, and checks the refusal's sentence is shown.</summary>
    protected void RefusalIsShown<T>() where T : Microsoft.AspNetCore.Components.IComponent
    {
        Admin.Refusal = NotAllowed;
        var page = Context.Render<T>();
        WaitUntil(Snackbars, () => Assert.That(Snackbars.Markup, Does.Contain("Your role is not allowed to do this.")));
        Assert.That(page.Markup, Is.Not.Empty);
    }
}
