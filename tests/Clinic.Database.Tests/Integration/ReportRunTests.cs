using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Reports;
using Dapper;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The Reports page's procedures (report_list, report_run; migration 0063): which reports a role may run (data:
/// report_definition and role_permission), the range checks (51330-51335), the row written to the report export log
/// for every run (and none for a refusal), and the rows of each report from known data, read through the data layer's
/// streaming reader. One database of its own, so every figure is exact: one doctor (in one department) with an open
/// visit today (from the queue), four appointments yesterday, two diagnoses, a prescription, a lab result and a lot.
/// </summary>
[NonParallelizable]
public class ReportRunTests
{
    private TestDatabase db = null!;
    private OpenVisit visit = null!;
    private int adminId;
    private DateTime today;
    private DateTime yesterday;
    private string departmentName = "";
    private string doctorFamilyName = "";
    private string medicationName = "";
    private string testCode = "";
    private decimal minutesToResult;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        db = await DatabaseFixture.CreateDatabaseAsync();
        adminId = await db.AdminIdAsync();
        today = await db.TodayAsync();
        yesterday = today.AddDays(-1);
        visit = await db.NewOpenVisitAsync();
        departmentName = await db.ScalarAsync<string>("SELECT name FROM department WHERE department_id = @id", new { id = visit.DepartmentId });
        doctorFamilyName = await db.ScalarAsync<string>("SELECT family_name FROM staff WHERE staff_id = @id", new { id = visit.DoctorStaffId });

        // Yesterday's appointments of the doctor: completed, no-show, cancelled and one still booked (30 minutes each).
        await db.ExecuteAsOwnerAsync(
            """
            INSERT INTO appointment (patient_id, staff_id, starts_at, ends_at, status, checked_in_at, started_at, completed_at, cancelled_at, cancel_reason)
            VALUES (@p, @s, @d + INTERVAL 9 HOUR, @d + INTERVAL 570 MINUTE, 'completed', @d + INTERVAL 535 MINUTE, @d + INTERVAL 9 HOUR, @d + INTERVAL 565 MINUTE, NULL, NULL),
                   (@p, @s, @d + INTERVAL 10 HOUR, @d + INTERVAL 630 MINUTE, 'no_show', NULL, NULL, NULL, NULL, NULL),
                   (@p, @s, @d + INTERVAL 11 HOUR, @d + INTERVAL 690 MINUTE, 'cancelled', NULL, NULL, NULL, @d + INTERVAL 8 HOUR, 'Patient travelling'),
                   (@p, @s, @d + INTERVAL 12 HOUR, @d + INTERVAL 750 MINUTE, 'booked', NULL, NULL, NULL, NULL, NULL)
            """, new { p = visit.PatientId, s = visit.DoctorStaffId, d = yesterday });

        // Today's visit: two diagnoses, a prescription of 10 tablets, and a lab result above its range.
        var visits = db.VisitsAs(visit.DoctorAccountId);
        await visits.AddDiagnosisAsync(visit.VisitId, "J06.9", isPrimary: true);
        await visits.AddDiagnosisAsync(visit.VisitId, "I10", isPrimary: false);
        medicationName = "Report med " + Guid.NewGuid().ToString("N")[..6];
        var medicationId = await db.NewMedicationAsync(name: medicationName, reorderLevel: 50);
        await db.NewLotAsync(medicationId, 20, expiresInDays: 300, unitCost: 100m);
        await db.IssueAsync(visit, (medicationId, 10));
        var labTestId = await db.NewLabTestAsync(ranges: [(LabRangeSex.Any, 0, 150, 10m, 20m)]);
        testCode = await db.ScalarAsync<string>("SELECT code FROM lab_test WHERE lab_test_id = @labTestId", new { labTestId });
        var lab = db.LabAs(visit.DoctorAccountId);
        var orderId = await lab.PlaceAsync(visit.VisitId, labTestId, "Check");
        var labWork = db.LabAs(adminId);
        await labWork.CollectAsync(orderId);
        await labWork.ResultAsync(orderId, 25m, null);
        // The minutes from order to result as stored (placed and resulted seconds apart).
        minutesToResult = await db.ScalarAsync<decimal>(
            "SELECT ROUND(TIMESTAMPDIFF(SECOND, ordered_at, resulted_at) / 60, 1) FROM lab_order WHERE lab_order_id = @orderId", new { orderId });
    }

    private ReportProcedures ReportsAs(int accountId) => new(db.Runner, db.SessionOf(accountId));

    private async Task<(ReportHeader Header, IReadOnlyList<string> Columns, List<object?[]> Rows)> RunAsync(int accountId, string code,
        DateTime? from, DateTime? to, string format = "csv")
    {
        await using var run = await ReportsAs(accountId).RunAsync(code, from, to, format);
        var rows = new List<object?[]>();
        await foreach (var row in run.ReadRowsAsync())
            rows.Add(row);
        return (run.Header, run.Columns, rows);
    }

    private static object? Cell((ReportHeader, IReadOnlyList<string> Columns, List<object?[]>) report, object?[] row, string column) =>
        row[report.Columns.ToList().IndexOf(column)];

    private Task<long> LogCountAsync() => db.ScalarAsync<long>("SELECT COUNT(*) FROM report_export_trail");

    [Test]
    public async Task Each_role_sees_every_report_with_can_run_from_the_permission_map()
    {
        var pharmacist = await db.NewPharmacistAsync();
        var adminList = await ReportsAs(adminId).ListAsync();
        Assert.That(adminList.Select(r => r.ReportCode), Is.EqualTo(new[]
            { "appointments", "diagnoses", "treatments_prescriptions", "lab_turnaround", "department_efficiency", "stock" }));
        Assert.That(adminList.All(r => r.CanRun), Is.True);
        Assert.That(adminList.Single(r => r.ReportCode == "stock").UsesRange, Is.False);
        Assert.That(adminList.Single(r => r.ReportCode == "stock").Description, Does.Contain("date range does not apply"));

        var pharmacistList = await ReportsAs(pharmacist).ListAsync();
        Assert.That(pharmacistList.Where(r => r.CanRun).Select(r => r.ReportCode), Is.EqualTo(new[] { "stock" }));
        var doctorList = await ReportsAs(visit.DoctorAccountId).ListAsync();
        Assert.That(doctorList.Where(r => r.CanRun).Select(r => r.ReportCode),
            Is.EqualTo(new[] { "diagnoses", "treatments_prescriptions", "lab_turnaround" }));

        // A role is given a report by a row of role_permission, with no code change.
        await db.ExecuteAsOwnerAsync("INSERT INTO role_permission (role_code, permission_code) VALUES ('pharmacist', 'report.clinical')");
        try
        {
            Assert.That((await ReportsAs(pharmacist).ListAsync()).Where(r => r.CanRun).Select(r => r.ReportCode),
                Is.EqualTo(new[] { "diagnoses", "treatments_prescriptions", "lab_turnaround", "stock" }));
            var (_, _, rows) = await RunAsync(pharmacist, "treatments_prescriptions", today, today);
            Assert.That(rows, Has.Count.EqualTo(1));
        }
        finally
        {
            await db.ExecuteAsOwnerAsync("DELETE FROM role_permission WHERE role_code = 'pharmacist' AND permission_code = 'report.clinical'");
        }
    }

    [Test]
    public async Task A_role_without_the_reports_permission_or_the_reports_own_one_is_refused_and_nothing_is_logged()
    {
        var (receptionist, _) = await db.NewAccountAsync("receptionist");
        var pharmacist = await db.NewPharmacistAsync();
        var before = await LogCountAsync();

        Assert.That((await ClinicalTestData.RefusalOf(() => ReportsAs(receptionist).ListAsync())).Code, Is.EqualTo(50102));
        Assert.That((await ClinicalTestData.RefusalOf(() => RunAsync(receptionist, "stock", null, null))).Code, Is.EqualTo(50102));
        var refused = await ClinicalTestData.RefusalOf(() => RunAsync(pharmacist, "diagnoses", today, today));
        Assert.That(refused.Code, Is.EqualTo(51331));
        Assert.That(refused.Message, Is.EqualTo("Your role may not run this report."));
        Assert.That((await ClinicalTestData.RefusalOf(() => RunAsync(visit.DoctorAccountId, "stock", null, null))).Code, Is.EqualTo(51331));

        Assert.That(await LogCountAsync(), Is.EqualTo(before));
    }

    [TestCase("no_such_report", "2026-01-01", "2026-01-31", "csv", 51330)]
    [TestCase("appointments", "2026-01-01", "2026-01-31", "docx", 51332)]
    [TestCase("appointments", null, "2026-01-31", "csv", 51333)]
    [TestCase("appointments", "2026-01-01", null, "pdf", 51333)]
    [TestCase("appointments", "2026-01-31", "2026-01-01", "csv", 51334)]
    [TestCase("lab_turnaround", "2025-01-01", "2026-01-02", "xlsx", 51335)]
    [TestCase("diagnoses", "2024-01-01", "2026-01-01", "csv", 51335)]
    public async Task The_range_and_format_are_checked_by_the_database(string code, string? from, string? to, string format, int expected)
    {
        var before = await LogCountAsync();
        var refusal = await ClinicalTestData.RefusalOf(() =>
            RunAsync(adminId, code, from is null ? null : DateTime.Parse(from), to is null ? null : DateTime.Parse(to), format));
        Assert.That(refusal.Code, Is.EqualTo(expected), refusal.Message);
        Assert.That(refusal.Message.Length, Is.LessThanOrEqualTo(128));
        Assert.That(await LogCountAsync(), Is.EqualTo(before), "a refused run is not logged");
    }

    [Test]
    public async Task A_range_of_366_days_is_allowed_and_one_of_367_is_not()
    {
        var (_, _, rows) = await RunAsync(adminId, "appointments", today.AddDays(-365), today);
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That((await ClinicalTestData.RefusalOf(() => RunAsync(adminId, "appointments", today.AddDays(-366), today))).Code, Is.EqualTo(51335));
    }

    [Test]
    public async Task Every_run_writes_who_which_report_the_range_and_the_format_to_the_export_log()
    {
        var before = await LogCountAsync();
        await RunAsync(adminId, "appointments", yesterday, today, "xlsx");
        await RunAsync(adminId, "stock", today.AddDays(-900), null, "pdf");

        var rows = (await db.QueryAsync<(long Id, int? UserAccountId, long? UserSessionId, string ReportCode, DateTime? RangeFrom, DateTime? RangeTo,
                string ExportFormat, int? RowCount)>(
            "SELECT report_export_log_id, user_account_id, user_session_id, report_code, range_from, range_to, export_format, row_count " +
            "FROM report_export_trail ORDER BY report_export_log_id DESC LIMIT 2")).Reverse().ToList();
        Assert.That(await LogCountAsync(), Is.EqualTo(before + 2));
        Assert.That(rows[0].UserAccountId, Is.EqualTo(adminId));
        Assert.That(rows[0].UserSessionId, Is.Not.Null);
        Assert.That((rows[0].ReportCode, rows[0].RangeFrom, rows[0].RangeTo, rows[0].ExportFormat, rows[0].RowCount),
            Is.EqualTo(("appointments", (DateTime?)yesterday, (DateTime?)today, "xlsx", (int?)null)));
        // The stock snapshot ignores the range, and its row count is known before the rows stream.
        var stockRows = await db.ScalarAsync<int>("SELECT COUNT(*) FROM rpt_stock_valuation");
        Assert.That((rows[1].ReportCode, rows[1].RangeFrom, rows[1].RangeTo, rows[1].ExportFormat, rows[1].RowCount),
            Is.EqualTo(("stock", (DateTime?)null, (DateTime?)null, "pdf", (int?)stockRows)));
    }

    [Test]
    public async Task The_appointments_report_counts_each_status_of_the_day_and_the_no_show_rate()
    {
        var report = await RunAsync(adminId, "appointments", yesterday, yesterday);
        Assert.That(report.Header.Title, Is.EqualTo("Appointments by day and doctor"));
        Assert.That((report.Header.RangeFrom, report.Header.RangeTo), Is.EqualTo(((DateTime?)yesterday, (DateTime?)yesterday)));
        Assert.That(report.Columns, Is.EqualTo(new[]
            { "day", "doctor", "department", "specialisation", "appointments", "completed", "cancelled", "no_show", "still_open", "no_show_rate" }));
        Assert.That(report.Rows, Has.Count.EqualTo(1));
        var row = report.Rows[0];
        Assert.That(Cell(report, row, "day"), Is.EqualTo(yesterday));
        Assert.That((string)Cell(report, row, "doctor")!, Does.Contain(doctorFamilyName));
        Assert.That(Cell(report, row, "department"), Is.EqualTo(departmentName));
        Assert.That(new[] { "appointments", "completed", "cancelled", "no_show", "still_open" }.Select(c => Convert.ToInt64(Cell(report, row, c))),
            Is.EqualTo(new long[] { 4, 1, 1, 1, 1 }));
        Assert.That(Convert.ToDecimal(Cell(report, row, "no_show_rate")), Is.EqualTo(0.3333m));

        Assert.That((await RunAsync(adminId, "appointments", today, today)).Rows, Is.Empty, "today has no appointments");
    }

    [Test]
    public async Task The_diagnoses_report_sums_the_month_per_ICD10_code()
    {
        var report = await RunAsync(visit.DoctorAccountId, "diagnoses", today, today);
        Assert.That(report.Columns, Is.EqualTo(new[] { "month", "chapter", "icd10_code", "diagnosis", "diagnoses", "primary_diagnoses" }));
        var rows = report.Rows.Select(r => ((DateTime)Cell(report, r, "month")!, (string)Cell(report, r, "chapter")!, (string)Cell(report, r, "icd10_code")!,
            Convert.ToInt64(Cell(report, r, "diagnoses")), Convert.ToInt64(Cell(report, r, "primary_diagnoses")))).ToList();
        var month = new DateTime(today.Year, today.Month, 1);
        Assert.That(rows, Is.EqualTo(new[] { (month, "IX", "I10", 1L, 0L), (month, "X", "J06.9", 1L, 1L) }));
        Assert.That(Cell(report, report.Rows[1], "diagnosis"), Is.EqualTo("Acute upper respiratory infection, unspecified"));
    }

    [Test]
    public async Task The_treatments_and_prescriptions_report_has_the_month_medication_and_doctor()
    {
        var report = await RunAsync(adminId, "treatments_prescriptions", today, today);
        Assert.That(report.Columns, Is.EqualTo(new[] { "month", "medication", "doctor", "prescriptions", "items", "quantity_prescribed", "patients" }));
        Assert.That(report.Rows, Has.Count.EqualTo(1));
        var row = report.Rows[0];
        Assert.That(Cell(report, row, "month"), Is.EqualTo(new DateTime(today.Year, today.Month, 1)));
        Assert.That(Cell(report, row, "medication"), Is.EqualTo(medicationName));
        Assert.That((string)Cell(report, row, "doctor")!, Does.Contain(doctorFamilyName));
        Assert.That(new[] { "prescriptions", "items", "quantity_prescribed", "patients" }.Select(c => Convert.ToInt64(Cell(report, row, c))),
            Is.EqualTo(new long[] { 1, 1, 10, 1 }));
    }

    [Test]
    public async Task The_lab_turnaround_report_sums_the_range_per_test()
    {
        var report = await RunAsync(adminId, "lab_turnaround", yesterday, today);
        Assert.That(report.Columns, Is.EqualTo(new[]
        {
            "test_code", "test_name", "orders", "cancelled", "resulted", "verified", "abnormal", "abnormal_rate", "avg_minutes_to_result",
            "avg_minutes_to_verify",
        }));
        Assert.That(report.Rows, Has.Count.EqualTo(1));
        var row = report.Rows[0];
        Assert.That(Cell(report, row, "test_code"), Is.EqualTo(testCode));
        Assert.That(new[] { "orders", "cancelled", "resulted", "verified", "abnormal" }.Select(c => Convert.ToInt64(Cell(report, row, c))),
            Is.EqualTo(new long[] { 1, 0, 1, 0, 1 }));
        Assert.That(Convert.ToDecimal(Cell(report, row, "abnormal_rate")), Is.EqualTo(1m));
        Assert.That(Convert.ToDecimal(Cell(report, row, "avg_minutes_to_result")), Is.EqualTo(minutesToResult));
        Assert.That(Cell(report, row, "avg_minutes_to_verify"), Is.Null, "nothing verified");
    }

    [Test]
    public async Task The_department_efficiency_report_puts_load_no_shows_and_utilisation_side_by_side()
    {
        var report = await RunAsync(adminId, "department_efficiency", yesterday, yesterday);
        Assert.That(report.Columns, Is.EqualTo(new[]
        {
            "department", "appointments", "walk_ins", "visits", "share_of_load", "no_shows", "no_show_rate", "working_minutes", "booked_minutes",
            "utilisation",
        }));
        Assert.That(report.Rows, Has.Count.EqualTo(1));
        var row = report.Rows[0];
        Assert.That(Cell(report, row, "department"), Is.EqualTo(departmentName));
        // Yesterday: three appointments not cancelled, one no-show of three not cancelled, 90 of 540 working minutes booked.
        Assert.That(new[] { "appointments", "walk_ins", "visits", "no_shows", "working_minutes", "booked_minutes" }
            .Select(c => Convert.ToInt64(Cell(report, row, c))), Is.EqualTo(new long[] { 3, 0, 0, 1, 540, 90 }));
        Assert.That(Convert.ToDecimal(Cell(report, row, "share_of_load")), Is.EqualTo(1m));
        Assert.That(Convert.ToDecimal(Cell(report, row, "no_show_rate")), Is.EqualTo(0.3333m));
        Assert.That(Convert.ToDecimal(Cell(report, row, "utilisation")), Is.EqualTo(0.1667m));

        // Today: the walk-in the doctor started and its visit.
        var todays = await RunAsync(adminId, "department_efficiency", today, today);
        var mine = todays.Rows.Single(r => (string)Cell(todays, r, "department")! == departmentName);
        Assert.That(new[] { "appointments", "walk_ins", "visits" }.Select(c => Convert.ToInt64(Cell(todays, mine, c))), Is.EqualTo(new long[] { 0, 1, 1 }));
    }

    [Test]
    public async Task The_stock_report_is_todays_snapshot_whatever_the_range()
    {
        var report = await RunAsync(adminId, "stock", today.AddDays(-2000), today.AddDays(-1000), "xlsx");
        Assert.That(report.Header.Title, Does.Contain("today"));
        Assert.That((report.Header.RangeFrom, report.Header.RangeTo, report.Header.UsesRange), Is.EqualTo(((DateTime?)null, (DateTime?)null, false)));
        Assert.That(report.Columns, Is.EqualTo(new[]
            { "medication", "lots", "quantity_on_hand", "below_reorder_by", "stock_value", "expired_quantity", "expired_value", "as_of" }));
        var row = report.Rows.Single(r => (string)Cell(report, r, "medication")! == medicationName);
        Assert.That(new[] { "lots", "quantity_on_hand", "below_reorder_by", "expired_quantity" }.Select(c => Convert.ToInt64(Cell(report, row, c))),
            Is.EqualTo(new long[] { 1, 20, 30, 0 }));
        Assert.That(Convert.ToDecimal(Cell(report, row, "stock_value")), Is.EqualTo(2000m));
        Assert.That(Convert.ToDecimal(Cell(report, row, "expired_value")), Is.EqualTo(0m));
        Assert.That(Cell(report, row, "as_of"), Is.EqualTo(today));
    }
}
