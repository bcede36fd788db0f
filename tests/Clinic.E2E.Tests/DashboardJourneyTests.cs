using Dapper;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The three dashboards on a real server and database, each opened from the menu by the role that holds its
/// permission, at 1280 px and on a 768 px tablet: the figures rendered are the rows written by the schema owner a few
/// days ago (unique doctors, departments and medications, so other journeys' data does not change them), each chart
/// has its table, and the screenshots are kept for a look.
/// </summary>
public sealed class DashboardJourneyTests : BrowserTest
{
    private static async Task<T> OwnerAsync<T>(string sql, object? args = null)
    {
        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    private static Task<DateTime> TodayAsync() => OwnerAsync<DateTime>("SELECT CURDATE()");

    private static Task<int> AppointmentAsync(int staffId, int patientId, DateTime startsAt, int minutes, string status) =>
        OwnerAsync<int>(
            """
            INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status, checked_in_at, started_at, completed_at,
                                     cancelled_at, cancel_reason)
            VALUES (@patientId, @staffId, @startsAt, @endsAt, @status,
                    CASE WHEN @status = 'completed' THEN @startsAt END, CASE WHEN @status = 'completed' THEN @startsAt END,
                    CASE WHEN @status = 'completed' THEN @endsAt END,
                    CASE WHEN @status = 'cancelled' THEN @startsAt - INTERVAL 1 DAY END, CASE WHEN @status = 'cancelled' THEN 'Travelling' END);
            SELECT LAST_INSERT_ID();
            """, new { patientId, staffId, startsAt, endsAt = startsAt.AddMinutes(minutes), status });

    /// <summary>A walk-in seen by the doctor after the given wait.</summary>
    private static async Task WalkInAsync(int staffId, DateTime arrivedAt, int waitMinutes)
    {
        var id = await OwnerAsync<int>(
            """
            INSERT INTO queue_entry (clinic_day, queue_number, walk_in_name, walk_in_phone, priority, staff_id, arrived_at)
            SELECT @day, COALESCE(MAX(queue_number), 0) + 1, 'Walk In', '+256772000000', 'normal', @staffId, @arrivedAt
              FROM queue_entry WHERE clinic_day = @day;
            SELECT LAST_INSERT_ID();
            """, new { day = arrivedAt.Date, staffId, arrivedAt });
        await OwnerAsync<int>("UPDATE queue_entry SET status = 'with_doctor', started_at = @startedAt WHERE queue_entry_id = @id; SELECT 0;",
            new { id, startedAt = arrivedAt.AddMinutes(waitMinutes) });
    }

    private static Task<int> VisitAsync(int staffId, int patientId, DateTime startedAt) =>
        OwnerAsync<int>("INSERT INTO visit (patient_id, staff_id, started_at, status) VALUES (@patientId, @staffId, @startedAt, 'open'); SELECT LAST_INSERT_ID();",
            new { patientId, staffId, startedAt });

    private static Task<string> DepartmentOfAsync(int staffId) =>
        OwnerAsync<string>("SELECT d.name FROM staff AS s JOIN department AS d ON d.department_id = s.department_id WHERE s.staff_id = @staffId", new { staffId });

    /// <summary>A doctor with a morning of appointments and walk-ins five days ago; returns the doctor and that day.</summary>
    private static async Task<(FrontDeskData.Doctor Doctor, DateTime Day, int PatientId)> BusyDoctorAsync(string familyName)
    {
        var doctor = await FrontDeskData.NewDoctorAsync(familyName);
        var patient = await FrontDeskData.NewPatientAsync("Dora", "Dashboard");
        var day = (await TodayAsync()).AddDays(-5);
        var at = day.AddHours(9);
        await AppointmentAsync(doctor.StaffId, patient.PatientId, at, 30, "completed");
        await AppointmentAsync(doctor.StaffId, patient.PatientId, at.AddMinutes(30), 30, "completed");
        await AppointmentAsync(doctor.StaffId, patient.PatientId, at.AddMinutes(60), 30, "no_show");
        await AppointmentAsync(doctor.StaffId, patient.PatientId, at.AddMinutes(90), 30, "cancelled");
        await WalkInAsync(doctor.StaffId, day.AddHours(8), 10);
        await WalkInAsync(doctor.StaffId, day.AddHours(8).AddMinutes(5), 25);
        await WalkInAsync(doctor.StaffId, day.AddHours(8).AddMinutes(10), 40);
        return (doctor, day, patient.PatientId);
    }

    private async Task TabletAsync()
    {
        await Page.SetViewportSizeAsync(768, 1024);
        await Page.WaitForTimeoutAsync(300);
    }

    private async Task FullPageShotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    [Test]
    public async Task The_administrator_opens_the_clinic_dashboard_from_the_menu_and_reads_each_chart_with_its_table()
    {
        var (doctor, day, _) = await BusyDoctorAsync("Clinicdash");
        var department = await DepartmentOfAsync(doctor.StaffId);

        await SignInAsync("admin", "admin123");
        await TestId("nav-clinic-dashboard").ClickAsync();
        await Page.WaitForURLAsync("**/reports/clinic**");
        await Expect(TestId("dash-appointments")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var today = await TodayAsync();
        await Expect(TestId("dash-range")).ToHaveTextAsync($"{today.AddDays(-29):yyyy-MM-dd} to {today:yyyy-MM-dd}");
        await Expect(TestId("dash-appointments-row")).ToHaveCountAsync(30);
        var dayRow = Page.Locator($"[data-testid=dash-appointments-row][data-day='{day:yyyy-MM-dd}']");
        await Expect(dayRow.GetByTestId("dash-appointments-booked")).Not.ToHaveTextAsync("0");
        var departmentRow = Page.Locator($"[data-testid=dash-departments-row][data-department='{department}']");
        await Expect(departmentRow).ToContainTextAsync("3");
        await Expect(departmentRow.Locator("td").Nth(1)).ToHaveTextAsync("3", new() { Timeout = 5_000 });
        await Expect(departmentRow.Locator("td").Nth(2)).ToHaveTextAsync("3");
        var utilisation = Page.Locator($"[data-testid=dash-utilisation-row][data-staff='{doctor.StaffId}']");
        await Expect(utilisation.Locator("td").Nth(2)).ToHaveTextAsync("90");
        await Expect(Page.Locator($"[data-testid=dash-waits-row][data-day='{day:yyyy-MM-dd}'][data-priority=normal]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=dash-appointments-chart] svg")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid$=-chart] svg")).ToHaveCountAsync(5);
        await ScreenshotAsync("dashboard-clinic-1280");
        await FullPageShotAsync("dashboard-clinic-1280-full");

        await TabletAsync();
        await Expect(TestId("dash-utilisation")).ToBeVisibleAsync();
        await FullPageShotAsync("dashboard-clinic-768-full");
        await ScreenshotAsync("dashboard-clinic-768");

        // A period the database refuses shows its sentence.
        await GotoInteractiveAsync($"/reports/clinic?from={today:yyyy-MM-dd}&to={today.AddDays(-3):yyyy-MM-dd}");
        await Expect(TestId("dash-refused")).ToContainTextAsync("must not be after the last day");
    }

    [Test]
    public async Task The_pharmacist_opens_the_pharmacy_dashboard_and_the_desk_still_works()
    {
        var pharmacist = await ClinicalData.NewStaffAsync("pharmacist");
        var doctor = await FrontDeskData.NewDoctorAsync("Pharmdash");
        var patient = await FrontDeskData.NewPatientAsync("Paula", "Pharmdash");
        var today = await TodayAsync();
        var day = today.AddDays(-4);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var admin = await OwnerAsync<int>("SELECT user_account_id FROM user_account WHERE username = 'admin'");
        var medication = await OwnerAsync<int>(
            """
            INSERT INTO medication (name, generic_substance, form, strength, unit_price, reorder_level)
            VALUES (@name, @substance, 'tablet', '500 mg', 500, 80); SELECT LAST_INSERT_ID();
            """, new { name = "Dashcillin " + suffix, substance = "dashcillin-" + suffix });
        var lot = await OwnerAsync<int>(
            """
            INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost, received_date, received_by)
            VALUES (@medication, @batch, @expiry, 60, 60, 100, @received, @admin); SELECT LAST_INSERT_ID();
            """, new { medication, batch = "DB" + suffix, expiry = today.AddDays(20), received = today.AddDays(-30), admin });
        var visit = await VisitAsync(doctor.StaffId, patient.PatientId, day.AddHours(9));
        var prescription = await OwnerAsync<int>(
            "INSERT INTO prescription (visit_id, patient_id, staff_id, issued_by, issued_at) VALUES (@visit, @patient, @staff, @admin, @at); SELECT LAST_INSERT_ID();",
            new { visit, patient = patient.PatientId, staff = doctor.StaffId, admin, at = day.AddHours(9) });
        var item = await OwnerAsync<int>(
            """
            INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, start_date, end_date)
            VALUES (@prescription, @medication, '1 tablet', 'oral', 'daily', 5, 12, @day, @day + INTERVAL 4 DAY); SELECT LAST_INSERT_ID();
            """, new { prescription, medication, day });
        var dispensing = await OwnerAsync<int>(
            """
            INSERT INTO dispensing (receipt_number, prescription_id, patient_id, dispensed_by, dispensed_at, total_amount)
            VALUES (@receipt, @prescription, @patient, @pharmacist, @at, 6000); SELECT LAST_INSERT_ID();
            """, new { receipt = "DR" + suffix, prescription, patient = patient.PatientId, pharmacist = pharmacist.AccountId, at = day.AddHours(10) });
        await OwnerAsync<int>(
            "INSERT INTO dispensing_line (dispensing_id, prescription_item_id, stock_lot_id, quantity, unit_price) VALUES (@dispensing, @item, @lot, 12, 500); SELECT 0;",
            new { dispensing, item, lot });

        await SignInAsync(pharmacist.Username, pharmacist.Password);
        await TestId("nav-pharmacy-dashboard").ClickAsync();
        await Page.WaitForURLAsync("**/reports/pharmacy**");
        await Expect(TestId("dash-dispensing")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var dayRow = Page.Locator($"[data-testid=dash-dispensing-row][data-day='{day:yyyy-MM-dd}']");
        await Expect(dayRow).ToHaveCountAsync(1);
        await Expect(Page.Locator($"[data-testid=dash-prescribers-row][data-staff='{doctor.StaffId}'] [data-testid=dash-prescribers-items]")).ToHaveTextAsync("1");
        var reorder = Page.Locator($"[data-testid=dash-reorder-row][data-medication='{medication}']");
        await Expect(reorder.GetByTestId("dash-reorder-shortfall")).ToHaveTextAsync("20");
        var month = new DateTime(today.AddDays(20).Year, today.AddDays(20).Month, 1);
        await Expect(Page.Locator($"[data-testid=dash-expiring-row][data-month='{month:yyyy-MM-dd}']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid$=-chart] svg")).ToHaveCountAsync(5);
        await ScreenshotAsync("dashboard-pharmacy-1280");
        await FullPageShotAsync("dashboard-pharmacy-1280-full");

        await TabletAsync();
        await FullPageShotAsync("dashboard-pharmacy-768-full");
        await ScreenshotAsync("dashboard-pharmacy-768");

        // The pharmacy desk's own dashboard is still at /pharmacy.
        await Page.SetViewportSizeAsync(1280, 900);
        await TestId("nav-pharmacy").ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/pharmacy", StringComparison.Ordinal));
        await Expect(TestId("pharmacy-refresh")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(TestId("nav-clinic-dashboard")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_doctor_opens_my_performance_and_sees_their_own_figures_only()
    {
        var (doctor, day, patient) = await BusyDoctorAsync("Mydash");
        var (colleague, _, _) = await BusyDoctorAsync("Otherdash");
        foreach (var (staffId, code) in new[] { (doctor.StaffId, "J06.9"), (doctor.StaffId, "J06.9"), (colleague.StaffId, "I10") })
        {
            var visit = await VisitAsync(staffId, patient, day.AddHours(9));
            await OwnerAsync<int>(
                """
                INSERT INTO visit_diagnosis (visit_id, patient_id, icd10_code, is_primary, recorded_by, recorded_at)
                SELECT @visit, @patient, @code, 1, user_account_id, @at FROM user_account WHERE username = 'admin';
                SELECT 0;
                """, new { visit, patient, code, at = day.AddHours(9) });
        }

        await SignInAsync(doctor.Username, doctor.Password);
        await TestId("nav-my-performance").ClickAsync();
        await Page.WaitForURLAsync("**/reports/my-performance**");
        await Expect(TestId("dash-consultations")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var dayRow = Page.Locator($"[data-testid=dash-consultations-row][data-day='{day:yyyy-MM-dd}']");
        await Expect(dayRow.GetByTestId("dash-consultations-total")).ToHaveTextAsync("5");
        await Expect(TestId("dash-consultations-row")).ToHaveCountAsync(1);
        await Expect(TestId("dash-my-waits-median")).ToHaveTextAsync(["25.0"]);
        await Expect(TestId("dash-my-waits-p90")).ToHaveTextAsync(["40.0"]);
        await Expect(TestId("dash-diagnoses-row")).ToHaveCountAsync(1);
        await Expect(TestId("dash-diagnoses-count")).ToHaveTextAsync(["2"]);
        await Expect(Page.Locator("[data-testid$=-chart] svg")).ToHaveCountAsync(3);
        await ScreenshotAsync("dashboard-my-performance-1280");
        await FullPageShotAsync("dashboard-my-performance-1280-full");

        await TabletAsync();
        await FullPageShotAsync("dashboard-my-performance-768-full");

        // The clinic's dashboard is not the doctor's.
        await Expect(TestId("nav-clinic-dashboard")).ToHaveCountAsync(0);
        await Page.GotoAsync("/reports/clinic");
        await Page.WaitForURLAsync("**/account/not-allowed**");
    }
}
