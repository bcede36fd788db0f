using Clinic.Data.Common;

namespace Clinic.Database.Tests.Integration;

/// <summary>Doctors' weekly working hours and schedule exceptions (db/procedures/working_hours_*, schedule_exception_*).</summary>
public class WorkingHoursTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    [Test]
    public async Task Blocks_of_one_doctor_and_day_may_touch_but_never_overlap()
    {
        var adminId = await Db.AdminIdAsync();
        var hours = Db.WorkingHoursAs(adminId);
        var doctor = await Db.NewDoctorAsync(withHours: false);
        var morning = await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(12));
        await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(12), TimeSpan.FromHours(14));
        await hours.AddBlockAsync(doctor, 2, TimeSpan.FromHours(11), TimeSpan.FromHours(13));
        await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(20), TimeSpan.FromHours(24));

        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(11), TimeSpan.FromHours(13))), Is.EqualTo(50404));
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(7), TimeSpan.FromHours(15))), Is.EqualTo(50404));
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 0, TimeSpan.FromHours(8), TimeSpan.FromHours(9))), Is.EqualTo(50402));
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 8, TimeSpan.FromHours(8), TimeSpan.FromHours(9))), Is.EqualTo(50402));
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 3, TimeSpan.FromHours(9), TimeSpan.FromHours(9))), Is.EqualTo(50403));
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 3, TimeSpan.FromHours(10), TimeSpan.FromHours(9))), Is.EqualTo(50403));

        var list = await hours.ListAsync(doctor);
        Assert.That(list.Select(b => (b.Weekday, b.StartsAt, b.EndsAt)), Is.EqualTo(new[]
        {
            (1, TimeSpan.FromHours(8), TimeSpan.FromHours(12)), (1, TimeSpan.FromHours(12), TimeSpan.FromHours(14)),
            (1, TimeSpan.FromHours(20), TimeSpan.FromHours(24)), (2, TimeSpan.FromHours(11), TimeSpan.FromHours(13)),
        }));

        await hours.RemoveBlockAsync(morning);
        await hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(9), TimeSpan.FromHours(11));
        Assert.That(await CodeOf(() => hours.RemoveBlockAsync(morning)), Is.EqualTo(50405));
    }

    [Test]
    public async Task Only_active_doctors_have_hours_and_only_admins_change_them()
    {
        var adminId = await Db.AdminIdAsync();
        var hours = Db.WorkingHoursAs(adminId);
        var nurse = await Db.StaffAs(adminId).CreateAsync(new Clinic.Data.Staff.StaffInput { GivenName = "N", FamilyName = "Urse", StaffRole = "nurse" });
        Assert.That(await CodeOf(() => hours.AddBlockAsync(nurse, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(9))), Is.EqualTo(50401));
        Assert.That(await CodeOf(() => hours.AddExceptionAsync(nurse, "leave", DateTime.Today.AddDays(3), DateTime.Today.AddDays(4))), Is.EqualTo(50401));
        var doctor = await Db.NewDoctorAsync(withHours: false);
        await Db.StaffAs(adminId).SetActiveAsync(doctor, false);
        Assert.That(await CodeOf(() => hours.AddBlockAsync(doctor, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(9))), Is.EqualTo(50401));

        var active = await Db.NewDoctorAsync(withHours: false);
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.WorkingHoursAs(receptionist).AddBlockAsync(active, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(9))), Is.EqualTo(50102));
        await hours.AddBlockAsync(active, 1, TimeSpan.FromHours(8), TimeSpan.FromHours(9));
        Assert.That(await Db.WorkingHoursAs(receptionist).ListAsync(active), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Exceptions_have_a_kind_and_a_period_and_can_be_listed_and_removed()
    {
        var adminId = await Db.AdminIdAsync();
        var hours = Db.WorkingHoursAs(adminId);
        var doctor = await Db.NewDoctorAsync(withHours: false);
        var day = DateTime.Today.AddDays(30);
        Assert.That(await CodeOf(() => hours.AddExceptionAsync(doctor, "sabbatical", day, day.AddDays(1))), Is.EqualTo(50406));
        Assert.That(await CodeOf(() => hours.AddExceptionAsync(doctor, "leave", day, day)), Is.EqualTo(50407));
        var leave = await hours.AddExceptionAsync(doctor, "leave", day, day.AddDays(2), "Annual leave");
        await hours.AddExceptionAsync(doctor, "extra_session", day.AddDays(5).AddHours(18), day.AddDays(5).AddHours(20));
        await hours.AddExceptionAsync(doctor, "holiday", day.AddDays(10), day.AddDays(11));

        var rows = await hours.ListExceptionsAsync(doctor, day.AddDays(1), day.AddDays(6), 0, 10);
        Assert.That(rows.Select(r => r.Kind), Is.EqualTo(new[] { "leave", "extra_session" }));
        Assert.That(rows[0].Reason, Is.EqualTo("Annual leave"));
        Assert.That(rows[0].TotalCount, Is.EqualTo(2));
        await hours.RemoveExceptionAsync(leave);
        Assert.That(await CodeOf(() => hours.RemoveExceptionAsync(leave)), Is.EqualTo(50408));
        Assert.That(await hours.ListExceptionsAsync(doctor, null, null, 0, 10), Has.Count.EqualTo(2));
    }
}
