using Clinic.Data.Common;
using Clinic.Data.Staff;
using static Clinic.Database.Tests.Integration.PatientTests;

namespace Clinic.Database.Tests.Integration;

/// <summary>Departments, specialisations, staff, rooms and shifts (db/procedures/department_*, staff_*, room_*).</summary>
public class StaffTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<(FacilityProcedures Facilities, StaffProcedures Staff, int DepartmentId, int SpecialisationId)> SetUpAsync()
    {
        var adminId = await Db.AdminIdAsync();
        var facilities = Db.FacilitiesAs(adminId);
        // "Dep " and "Spe " sort before the "Dept <hex>" and "Spec <hex>" rows every test doctor adds (NewDoctorAsync), so these
        // stay on the lists' first page (at most 500 rows, by name) however many doctors the tests before this one created.
        var department = await facilities.CreateDepartmentAsync("Dep " + Letters(8));
        var specialisation = await facilities.CreateSpecialisationAsync("Spe " + Letters(8), 20);
        return (facilities, Db.StaffAs(adminId), department, specialisation);
    }

    private static StaffInput Nurse(int? account = null) =>
        new() { UserAccountId = account, GivenName = "N" + Letters(5), FamilyName = "Staff" + Letters(6), StaffRole = "nurse" };

    [Test]
    public async Task The_staff_roles_listed_are_exactly_those_a_staff_record_accepts_with_their_names()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var roles = await staff.RolesAsync();
        var clause = (await Db.QueryAsync<string>(
            "SELECT check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() AND constraint_name = 'ck_staff_role'")).Single();
        // MariaDB writes 'doctor'; MySQL writes _utf8mb4\'doctor\'.
        var accepted = System.Text.RegularExpressions.Regex.Matches(clause, @"\\?'([a-z_]+)\\?'").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.That(roles.Select(r => r.RoleCode), Is.EquivalentTo(accepted), clause);
        Assert.That(roles.Select(r => r.RoleCode), Does.Not.Contain("patient"));
        Assert.That(roles.Single(r => r.RoleCode == "billing_clerk").RoleName, Is.EqualTo("Billing clerk"));
        Assert.That(roles[0].RoleCode, Is.EqualTo("admin"), "in the role table's display order");
    }

    [Test]
    public async Task Departments_and_specialisations_have_unique_names_and_valid_lengths()
    {
        var (facilities, _, departmentId, specialisationId) = await SetUpAsync();
        var name = (await facilities.ListDepartmentsAsync()).Single(d => d.DepartmentId == departmentId).Name;
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateDepartmentAsync(name.ToUpperInvariant())))!.Code, Is.EqualTo(50302));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateDepartmentAsync(" ")))!.Code, Is.EqualTo(50301));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.UpdateDepartmentAsync(int.MaxValue, "x", true)))!.Code, Is.EqualTo(50303));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateSpecialisationAsync("S" + Letters(6), 4)))!.Code, Is.EqualTo(50307));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateSpecialisationAsync("S" + Letters(6), 241)))!.Code, Is.EqualTo(50307));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateSpecialisationAsync("", 30)))!.Code, Is.EqualTo(50304));
        var specName = (await facilities.ListSpecialisationsAsync()).Single(s => s.SpecialisationId == specialisationId).Name;
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateSpecialisationAsync(specName, 30)))!.Code, Is.EqualTo(50305));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.UpdateSpecialisationAsync(int.MaxValue, "x", 30, true)))!.Code, Is.EqualTo(50306));

        await facilities.UpdateSpecialisationAsync(specialisationId, specName, 240, true);
        Assert.That((await facilities.ListSpecialisationsAsync()).Single(s => s.SpecialisationId == specialisationId).DefaultAppointmentMinutes, Is.EqualTo(240));
        await facilities.UpdateDepartmentAsync(departmentId, name, false);
        Assert.That((await facilities.ListDepartmentsAsync()).Select(d => d.DepartmentId), Does.Not.Contain(departmentId));
        Assert.That((await facilities.ListDepartmentsAsync(includeInactive: true)).Select(d => d.DepartmentId), Does.Contain(departmentId));
    }

    [Test]
    public async Task A_doctor_needs_a_specialisation_a_department_and_a_fee_in_the_procedure_and_the_table()
    {
        var (_, staff, departmentId, specialisationId) = await SetUpAsync();
        var doctor = new StaffInput
        {
            GivenName = "Doc", FamilyName = "Tor" + Letters(5), StaffRole = "doctor",
            DepartmentId = departmentId, SpecialisationId = specialisationId, ConsultationFee = 50_000m, Phone = "0772 000 111",
        };
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { SpecialisationId = null })))!.Code, Is.EqualTo(50310));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { DepartmentId = null })))!.Code, Is.EqualTo(50310));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { ConsultationFee = null })))!.Code, Is.EqualTo(50310));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { ConsultationFee = -1m })))!.Code, Is.EqualTo(50311));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { StaffRole = "surgeon" })))!.Code, Is.EqualTo(50309));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { GivenName = "" })))!.Code, Is.EqualTo(50308));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { Phone = "123" })))!.Code, Is.EqualTo(50204));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { Email = "x@" })))!.Code, Is.EqualTo(50205));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { DepartmentId = int.MaxValue })))!.Code, Is.EqualTo(50303));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(doctor with { SpecialisationId = int.MaxValue })))!.Code, Is.EqualTo(50306));

        var id = await staff.CreateAsync(doctor);
        var row = (await staff.ListAsync("doctor", departmentId, true, 0, 100)).Single(r => r.StaffId == id);
        Assert.That(row.Phone, Is.EqualTo("+256772000111"));
        Assert.That(row.ConsultationFee, Is.EqualTo(50_000m));

        // The table refuses a doctor without a specialisation even when the procedure is bypassed.
        await using var owner = await Db.OpenAsync(Db.Migrator);
        var check = await Assert.ThrowsAsync<MySqlConnector.MySqlException>(async () =>
            await Dapper.SqlMapper.ExecuteAsync(owner, "UPDATE staff SET specialisation_id = NULL WHERE staff_id = @id", new { id }));
        Assert.That(check!.Number, Is.AnyOf(3819, 4025));
    }

    [Test]
    public async Task Staff_link_to_an_existing_account_of_the_same_role_once()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var (nurseAccount, _) = await Db.NewAccountAsync("nurse");
        var (pharmacistAccount, _) = await Db.NewAccountAsync("pharmacist");
        var id = await staff.CreateAsync(Nurse(nurseAccount));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(Nurse(nurseAccount))))!.Code, Is.EqualTo(50313));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(Nurse(pharmacistAccount))))!.Code, Is.EqualTo(50314));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.CreateAsync(Nurse(int.MaxValue))))!.Code, Is.EqualTo(50312));
        await staff.UpdateAsync(id, Nurse(nurseAccount) with { FamilyName = "Renamed" });
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.UpdateAsync(int.MaxValue, Nurse())))!.Code, Is.EqualTo(50315));
    }

    [Test]
    public async Task Deactivating_a_staff_member_deactivates_their_sign_in_and_reactivating_restores_it()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var (account, username) = await Db.NewAccountAsync("nurse", "nurse-password");
        var id = await staff.CreateAsync(Nurse(account));

        await staff.SetActiveAsync(id, false);
        Assert.That(await Db.ScalarAsync<int>("SELECT is_active FROM user_account WHERE user_account_id = @account", new { account }), Is.EqualTo(0));
        Assert.That((await Db.Accounts.SignInAsync(username, "nurse-password")).Outcome, Is.EqualTo("invalid"), "deactivated: the generic message");
        Assert.That((await AllAsync(staff, "nurse", false)).Select(r => r.StaffId), Does.Contain(id));

        await staff.SetActiveAsync(id, true);
        Assert.That((await Db.Accounts.SignInAsync(username, "nurse-password")).Outcome, Is.EqualTo("ok"));
        Assert.That((await AllAsync(staff, "nurse", true)).Single(r => r.StaffId == id).Username, Is.EqualTo(username));
    }

    /// <summary>Every page of staff_list: the shared test database holds the staff of every other test too.</summary>
    private static async Task<List<StaffRow>> AllAsync(StaffProcedures staff, string role, bool? active)
    {
        var rows = new List<StaffRow>();
        for (var offset = 0; ; offset += 100)
        {
            var page = await staff.ListAsync(role, null, active, offset, 100);
            rows.AddRange(page);
            if (page.Count < 100)
                return rows;
        }
    }

    [Test]
    public async Task An_administrator_cannot_deactivate_their_own_staff_record()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var (adminAccount, _) = await Db.NewAccountAsync("admin");
        var id = await staff.CreateAsync(new StaffInput { UserAccountId = adminAccount, GivenName = "Ad", FamilyName = "Min", StaffRole = "admin" });
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => Db.StaffAs(adminAccount).SetActiveAsync(id, false));
        Assert.That(ex!.Code, Is.EqualTo(50316));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.SetActiveAsync(int.MaxValue, false)))!.Code, Is.EqualTo(50315));
    }

    [Test]
    public async Task Staff_and_rooms_are_managed_by_administrators_only()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        var ex = await Assert.CatchAsync<ClinicRuleException>(() => Db.StaffAs(receptionist).CreateAsync(Nurse()));
        Assert.That(ex!.Code, Is.EqualTo(50102));
        var room = await Assert.CatchAsync<ClinicRuleException>(() => Db.FacilitiesAs(receptionist).CreateRoomAsync("R" + Letters(5), "consultation", null));
        Assert.That(room!.Code, Is.EqualTo(50102));
        Assert.That(await Db.StaffAs(receptionist).ListAsync(null, null, null, 0, 10), Is.Not.Null, "reception reads staff lists for booking");
        var (patientAccount, _) = await Db.NewAccountAsync("patient");
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => Db.StaffAs(patientAccount).ListAsync(null, null, null, 0, 10)))!.Code, Is.EqualTo(50102));
    }

    [Test]
    public async Task Staff_list_pages_and_filters()
    {
        var (_, staff, departmentId, specialisationId) = await SetUpAsync();
        for (var i = 0; i < 5; i++)
            await staff.CreateAsync(new StaffInput
            {
                GivenName = $"G{i}", FamilyName = $"Fam{i}", StaffRole = "doctor", DepartmentId = departmentId,
                SpecialisationId = specialisationId, ConsultationFee = 1000m,
            });
        var page = await staff.ListAsync("doctor", departmentId, null, 1, 2);
        Assert.That(page.Select(r => r.FamilyName), Is.EqualTo(new[] { "Fam1", "Fam2" }));
        Assert.That(page[0].TotalCount, Is.EqualTo(5));
        Assert.That(await staff.ListAsync("nurse", departmentId, null, 0, 10), Is.Empty);
        Assert.That(await staff.ListAsync(null, null, null, 0, 100_000), Has.Count.LessThanOrEqualTo(100));
    }

    [Test]
    public async Task Rooms_have_unique_names_a_type_and_an_active_flag()
    {
        var (facilities, _, departmentId, _) = await SetUpAsync();
        var name = "Room " + Letters(6);
        var id = await facilities.CreateRoomAsync(name, "consultation", departmentId);
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateRoomAsync(name, "ward", null)))!.Code, Is.EqualTo(50318));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateRoomAsync("", "ward", null)))!.Code, Is.EqualTo(50317));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateRoomAsync("R" + Letters(6), "kitchen", null)))!.Code, Is.EqualTo(50320));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.CreateRoomAsync("R" + Letters(6), "ward", int.MaxValue)))!.Code, Is.EqualTo(50303));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.UpdateRoomAsync(int.MaxValue, "x", "ward", null)))!.Code, Is.EqualTo(50319));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => facilities.SetRoomActiveAsync(int.MaxValue, false)))!.Code, Is.EqualTo(50319));

        await facilities.UpdateRoomAsync(id, name + " B", "examination", departmentId);
        var room = (await facilities.ListRoomsAsync(departmentId)).Single(r => r.RoomId == id);
        Assert.That((room.Name, room.RoomType, room.DepartmentId), Is.EqualTo((name + " B", "examination", (int?)departmentId)));
        await facilities.SetRoomActiveAsync(id, false);
        Assert.That((await facilities.ListRoomsAsync(departmentId)).Select(r => r.RoomId), Does.Not.Contain(id));
        Assert.That((await facilities.ListRoomsAsync(departmentId, includeInactive: true)).Single(r => r.RoomId == id).IsActive, Is.False);
    }

    [Test]
    public async Task Shifts_of_one_person_never_overlap()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var id = await staff.CreateAsync(Nurse());
        var day = DateTime.Today.AddDays(7);
        var shift = await staff.AddShiftAsync(id, day.AddHours(8), day.AddHours(16), "Day");

        foreach (var (from, to) in new[] { (7, 9), (15, 17), (9, 10), (6, 18) })
        {
            var ex = await Assert.CatchAsync<ClinicRuleException>(() => staff.AddShiftAsync(id, day.AddHours(from), day.AddHours(to)));
            Assert.That(ex!.Code, Is.EqualTo(50322), $"{from}-{to}");
        }
        await staff.AddShiftAsync(id, day.AddHours(16), day.AddHours(23));
        await staff.AddShiftAsync(id, day.AddHours(0), day.AddHours(8));
        var other = await staff.CreateAsync(Nurse());
        await staff.AddShiftAsync(other, day.AddHours(8), day.AddHours(16));

        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.AddShiftAsync(id, day.AddHours(30), day.AddHours(29))))!.Code, Is.EqualTo(50321));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.AddShiftAsync(id, day.AddHours(30), day.AddHours(55))))!.Code, Is.EqualTo(50321));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.AddShiftAsync(int.MaxValue, day, day.AddHours(1))))!.Code, Is.EqualTo(50315));

        var shifts = await staff.ListShiftsAsync(id, day, day.AddDays(1), 0, 100);
        Assert.That(shifts.Select(s => s.StartsAt.Hour), Is.EqualTo(new[] { 0, 8, 16 }));
        await staff.RemoveShiftAsync(shift);
        await staff.AddShiftAsync(id, day.AddHours(9), day.AddHours(10));
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.RemoveShiftAsync(shift)))!.Code, Is.EqualTo(50324));

        await staff.SetActiveAsync(other, false);
        Assert.That((await Assert.CatchAsync<ClinicRuleException>(() => staff.AddShiftAsync(other, day.AddDays(1), day.AddDays(1).AddHours(2))))!.Code, Is.EqualTo(50323));
    }

    [Test]
    public async Task Concurrent_overlapping_shifts_for_one_person_produce_exactly_one()
    {
        var (_, staff, _, _) = await SetUpAsync();
        var id = await staff.CreateAsync(Nurse());
        var start = DateTime.Today.AddDays(10).AddHours(8);
        var attempts = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            try
            {
                await staff.AddShiftAsync(id, start.AddMinutes(i * 10), start.AddMinutes(i * 10).AddHours(6));
                return 0;
            }
            catch (ClinicRuleException ex)
            {
                return ex.Code;
            }
        }));
        var codes = await Task.WhenAll(attempts);
        Assert.That(codes.Count(c => c == 0), Is.EqualTo(1));
        Assert.That(codes.Count(c => c == 50322), Is.EqualTo(23));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM staff_shift WHERE staff_id = @id", new { id }), Is.EqualTo(1));
    }
}
