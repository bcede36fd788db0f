using Clinic.Data.Staff;

namespace Clinic.Database.Tests.Integration;

/// <summary>doctor_list: the active doctors the booking and calendar pickers offer.</summary>
public class DoctorListTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    [Test]
    public async Task Lists_active_doctors_by_name_with_their_specialisation_and_finds_them_by_name_prefix()
    {
        var adminId = await Db.AdminIdAsync();
        var staff = Db.StaffAs(adminId);
        var facilities = Db.FacilitiesAs(adminId);
        var tag = "Dl" + Guid.NewGuid().ToString("N")[..8];
        var department = await facilities.CreateDepartmentAsync("Dept " + tag);
        var cardiology = await Db.NewSpecialisationAsync(30);
        var dermatology = await Db.NewSpecialisationAsync(15);
        async Task<int> Doctor(string given, string family, int specialisation) => await staff.CreateAsync(new StaffInput
        {
            GivenName = given, FamilyName = family, StaffRole = "doctor", DepartmentId = department, SpecialisationId = specialisation,
            ConsultationFee = 1000m,
        });
        var zed = await Doctor("Zed", tag + "b", cardiology);
        var amy = await Doctor("Amy", tag + "a", dermatology);
        var gone = await Doctor("Gone", tag + "c", cardiology);
        await staff.SetActiveAsync(gone, false);
        await staff.CreateAsync(new StaffInput { GivenName = "Nora", FamilyName = tag + "n", StaffRole = "nurse" });
        var (nurseAccount, _) = await Db.NewAccountAsync("nurse");
        var doctors = Db.AppointmentsAs(nurseAccount);

        var found = await doctors.ListDoctorsAsync(tag.ToLowerInvariant(), null);

        Assert.That(found.Select(d => d.StaffId), Is.EqualTo(new[] { amy, zed }), "active doctors only, by family name; case-insensitive");
        Assert.That(found[0].GivenName, Is.EqualTo("Amy"));
        Assert.That(found[0].SpecialisationId, Is.EqualTo(dermatology));
        Assert.That(found[0].DefaultAppointmentMinutes, Is.EqualTo(15));
        Assert.That(found[0].SpecialisationName, Does.StartWith("Spec "));
        Assert.That(found[0].DepartmentName, Is.EqualTo("Dept " + tag));
        Assert.That(found[1].DefaultAppointmentMinutes, Is.EqualTo(30));

        Assert.That((await doctors.ListDoctorsAsync(tag, cardiology)).Select(d => d.StaffId), Is.EqualTo(new[] { zed }));
        Assert.That((await doctors.ListDoctorsAsync($"Zed {tag}", null)).Select(d => d.StaffId), Is.EqualTo(new[] { zed }), "full name");
        Assert.That((await doctors.ListDoctorsAsync(tag, null, limit: 1)).Select(d => d.StaffId), Is.EqualTo(new[] { amy }));
        Assert.That(await doctors.ListDoctorsAsync(tag + "x", null), Is.Empty);
        Assert.That(await doctors.ListDoctorsAsync("%", null), Is.Empty, "LIKE wildcards in the search are literal");
        Assert.That((await doctors.ListDoctorsAsync(null, cardiology)).Select(d => d.StaffId), Is.EqualTo(new[] { zed }));
        Assert.That(await doctors.ListDoctorsAsync(null, null, limit: 1000), Has.Count.InRange(2, 100));
    }

    [Test]
    public async Task Roles_outside_the_front_desk_and_clinic_cannot_list_doctors()
    {
        var (pharmacist, _) = await Db.NewAccountAsync("pharmacist");
        Assert.That(await AppointmentTests.CodeOf(() => Db.AppointmentsAs(pharmacist).ListDoctorsAsync(null, null)), Is.EqualTo(50102));
        Assert.That(await AppointmentTests.CodeOf(() => Db.AppointmentsAs(null).ListDoctorsAsync(null, null)), Is.EqualTo(50101));
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await Db.AppointmentsAs(receptionist).ListDoctorsAsync(null, null), Is.Not.Null);
    }
}
