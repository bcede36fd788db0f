using Clinic.Data.Lab;
using Clinic.Data.Patients;
using Dapper;
using AppointmentData = Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind lab_order (internal/import_lab_order_check and _apply, migration 0106): the lab orders of past,
/// completed visits with their results. Every rule reported by line, column and code with a good row landing beside
/// it; good rows written through the state machine with the reference range copied for the patient's sex and age on
/// the day and the flag computed by the table, the audit trail and the lab summaries as the screens leave them, no
/// "result ready" message; a file imported again is a no-op.
/// </summary>
public class ImportLabOrderTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind lab_order, in the canonical column order (positions 1-13).</summary>
    private static string?[] Row(string? appointment, string? test, string? status, string? orderedAt, string? externalId = null,
        string? collectedAt = null, string? resultedAt = null, string? verifiedAt = null, string? cancelledAt = null, string? result = null,
        string? cancelReason = null, string? verifiedBy = null, string? note = null) =>
        [externalId, appointment, test, status, orderedAt, collectedAt, resultedAt, verifiedAt, cancelledAt, result, cancelReason, verifiedBy, note];

    private static string At(DateTime day, string time) => day.ToString("yyyy-MM-dd") + " " + time;

    /// <summary>
    /// Completed appointments imported for a new doctor (with a sign-in account of their own unless
    /// <paramref name="doctorAccount"/> is false) and the patient, each one day further back (<paramref name="daysAgo"/> days ago and before) at 09:00 for 20
    /// minutes: status completed unless named in <paramref name="statuses"/>. Returns their external ids and days.
    /// </summary>
    private static async Task<(string[] Ids, DateTime[] Days, int? DoctorAccountId)> PastAppointmentsAsync(int patientId, int count,
        bool doctorAccount = true, int daysAgo = 10, params (int Index, string Status)[] statuses)
    {
        int? account = doctorAccount ? (await Db.NewAccountAsync("doctor")).Id : null;
        var doctor = await Db.NewDoctorAsync(userAccountId: account);
        var (mrn, doctorName) = (await AppointmentData.MrnOfAsync(patientId), await AppointmentData.DoctorNameAsync(doctor));
        var tag = "LA-" + ImportKindTestKit.Tag();
        var ids = Enumerable.Range(0, count).Select(i => $"{tag}-{i}").ToArray();
        var days = Enumerable.Range(0, count).Select(i => DateTime.Today.AddDays(-daysAgo - i)).ToArray();
        var rows = ids.Select((id, i) =>
        {
            var status = statuses.Where(s => s.Index == i).Select(s => s.Status).FirstOrDefault() ?? "completed";
            return AppointmentData.Row(mrn, doctorName, days[i].Iso(), "09:00", id, minutes: "20", status: status, reason: "Fever",
                cancelReason: status == "cancelled" ? "Patient travelled" : null);
        }).ToArray();
        var errors = await AppointmentData.ImportAsync(await AppointmentData.NewBatchAsync(rows));
        Assert.That(errors, Is.Empty, "the appointments of the test import cleanly");
        return (ids, days, account);
    }

    private static async Task<int> PatientAsync(string sex, DateTime dateOfBirth, string? phone = null) =>
        (await Db.PatientsAs(await Db.AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = "Lab" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Import" + Guid.NewGuid().ToString("N")[..6],
            Sex = sex, DateOfBirth = dateOfBirth, Phone = phone,
        }, confirmDuplicate: true)).PatientId;

    private static Task<string> CodeOfAsync(int labTestId) =>
        Db.ScalarAsync<string>("SELECT code FROM lab_test WHERE lab_test_id = @labTestId", new { labTestId });

    private sealed class Landed
    {
        public long LabOrderId { get; init; }
        public string Status { get; init; } = "";
        public long VisitId { get; init; }
        public long PatientId { get; init; }
        public long OrderedBy { get; init; }
        public DateTime OrderedAt { get; init; }
        public long? CollectedBy { get; init; }
        public DateTime? CollectedAt { get; init; }
        public decimal? ResultValue { get; init; }
        public string? ResultText { get; init; }
        public string? ResultUnit { get; init; }
        public decimal? ReferenceLow { get; init; }
        public decimal? ReferenceHigh { get; init; }
        public string? AbnormalFlag { get; init; }
        public long? ResultedBy { get; init; }
        public DateTime? ResultedAt { get; init; }
        public long? VerifiedBy { get; init; }
        public DateTime? VerifiedAt { get; init; }
        public long? CancelledBy { get; init; }
        public DateTime? CancelledAt { get; init; }
        public string? CancelReason { get; init; }
        public string? ClinicalNote { get; init; }
    }

    private static async Task<Dictionary<long, Landed>> LandedAsync(int batch) =>
        (await Db.QueryAsync<Landed>(
            "SELECT o.lab_order_id, o.status, o.visit_id, o.patient_id, o.ordered_by, o.ordered_at, o.collected_by, o.collected_at, " +
            "o.result_value, o.result_text, o.result_unit, o.reference_low, o.reference_high, o.abnormal_flag, o.resulted_by, o.resulted_at, " +
            "o.verified_by, o.verified_at, o.cancelled_by, o.cancelled_at, o.cancel_reason, o.clinical_note " +
            "FROM import_row AS r JOIN lab_order AS o ON o.lab_order_id = r.entity_id WHERE r.import_batch_id = @batch AND r.outcome = 'imported'",
            new { batch })).ToDictionary(o => o.LabOrderId);

    [Test]
    public async Task Good_rows_go_through_every_step_with_the_range_of_the_patients_sex_and_age_on_the_day_audited_and_summarised()
    {
        var adminId = await Db.AdminIdAsync();
        // Haemoglobin with a children's band and adult bands by sex; a rapid test reported as text.
        var hb = await Db.NewLabTestAsync("g/dL", ranges:
            [(LabRangeSex.Any, 0, 15, 11.0m, 14.0m), (LabRangeSex.Any, 15, 150, 12.0m, 17.5m), (LabRangeSex.Female, 15, 150, 12.0m, 15.5m),
             (LabRangeSex.Male, 15, 150, 13.5m, 17.5m)]);
        var rdt = await Db.NewLabTestAsync(unit: null);
        var (hbCode, rdtCode) = (await CodeOfAsync(hb), await CodeOfAsync(rdt));
        var woman = await PatientAsync("female", DateTime.Today.AddYears(-30), "07" + Random.Shared.Next(70_000_000, 79_999_999));
        // A boy who turned 15 five days ago: 14 on the day of his visit, so the children's band applies, not the men's.
        var boy = await PatientAsync("male", DateTime.Today.AddDays(-5).AddYears(-15));
        var (a, days, doctorAccount) = await PastAppointmentsAsync(woman, 2);
        var (b, boyDays, _) = await PastAppointmentsAsync(boy, 1, doctorAccount: false);
        var (verifier, verifierName) = await Db.NewAccountAsync("doctor");
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var ext = "L-" + ImportKindTestKit.Tag();
        var recentVerification = DateTime.Now.AddHours(-1);

        var batch = await Db.NewBatchAsync("lab_order",
            Row(a[0], hbCode, "verified", At(days[0], "09:05"), ext + "-1", At(days[0], "09:15"), At(days[0], "10:30"), At(days[0], "12:00"),
                result: "11.2", note: "Pale, tired"), // 2: low for a woman (12-15.5), not for a child
            Row(a[0], rdtCode, " Resulted ", At(days[0], "09:06"), ext + "-2", result: "Positive (P. falciparum)"), // 3: text, default times
            Row(a[0], hbCode.ToLowerInvariant(), "cancelled", At(days[0], "09:10"), ext + "-3", collectedAt: At(days[0], "09:20"),
                cancelledAt: At(days[0], "09:40"), cancelReason: "Sample haemolysed"), // 4: collected, then cancelled
            Row(b[0], hbCode, "VERIFIED", At(boyDays[0], "09:02") + ":30", ext + "-4", result: "14.5", verifiedBy: verifierName), // 5: high for a 14-year-old
            Row(a[1], hbCode, "verified", days[1].ToString("dd/MM/yyyy") + " 09:19", ext + "-5",
                verifiedAt: recentVerification.ToString("yyyy-MM-dd HH:mm"), result: "16"), // 6: high for a woman; verified an hour ago
            Row(a[1], rdtCode, "cancelled", At(days[1], "09:01"), cancelReason: "Reagent out of stock")); // 7: no external id
        var errors = await Db.CheckAndApplyAsync("lab_order", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var id = outcomes.ToDictionary(o => o.LineNo, o => o.EntityId!.Value);
        var landed = await LandedAsync(batch);
        Assert.That(landed, Has.Count.EqualTo(6));
        var visitOf = (await Db.QueryAsync<(string Ext, long VisitId, long PatientId)>(
            "SELECT k.external_id, v.visit_id, v.patient_id FROM import_key AS k JOIN visit AS v ON v.appointment_id = k.entity_id " +
            "WHERE k.kind = 'appointment' AND k.external_id IN @ids", new { ids = a.Concat(b).ToArray() })).ToDictionary(v => v.Ext);

        var l2 = landed[id[2]];
        Assert.That((l2.Status, l2.VisitId, l2.PatientId, l2.OrderedBy, l2.OrderedAt, l2.ClinicalNote),
            Is.EqualTo(("verified", visitOf[a[0]].VisitId, (long)woman, (long)doctorAccount!.Value, days[0].AddHours(9).AddMinutes(5), "Pale, tired")),
            "ordered on the appointment's visit by the treating doctor's account");
        Assert.That((l2.CollectedBy, l2.CollectedAt, l2.ResultedBy, l2.ResultedAt, l2.VerifiedBy, l2.VerifiedAt),
            Is.EqualTo(((long?)adminId, (DateTime?)days[0].AddHours(9).AddMinutes(15), (long?)adminId, (DateTime?)days[0].AddHours(10).AddMinutes(30),
                (long?)doctorAccount, (DateTime?)days[0].AddHours(12))), "collected and resulted by the administrator, verified by the treating doctor");
        Assert.That((l2.ResultValue, l2.ResultText, l2.ResultUnit, l2.ReferenceLow, l2.ReferenceHigh, l2.AbnormalFlag),
            Is.EqualTo(((decimal?)11.2m, (string?)null, "g/dL", (decimal?)12.0m, (decimal?)15.5m, "low")), "the woman's band, flagged by the table");

        var l3 = landed[id[3]];
        var ordered3 = days[0].AddHours(9).AddMinutes(6);
        Assert.That((l3.Status, l3.ResultValue, l3.ResultText, l3.ResultUnit, l3.AbnormalFlag, l3.CollectedAt, l3.ResultedAt, l3.VerifiedBy),
            Is.EqualTo(("resulted", (decimal?)null, "Positive (P. falciparum)", (string?)null, (string?)null, (DateTime?)ordered3.AddMinutes(15),
                (DateTime?)ordered3.AddHours(2), (long?)null)), "a text test keeps its text; the times of lab_order_record_past");

        var l4 = landed[id[4]];
        Assert.That((l4.Status, l4.CollectedBy, l4.CollectedAt, l4.CancelledBy, l4.CancelledAt, l4.CancelReason, l4.ResultValue, l4.ResultedAt),
            Is.EqualTo(("cancelled", (long?)adminId, (DateTime?)days[0].AddHours(9).AddMinutes(20), (long?)adminId,
                (DateTime?)days[0].AddHours(9).AddMinutes(40), "Sample haemolysed", (decimal?)null, (DateTime?)null)));

        var l5 = landed[id[5]];
        Assert.That((l5.Status, l5.PatientId, l5.OrderedBy, l5.OrderedAt, l5.VerifiedBy, l5.ReferenceLow, l5.ReferenceHigh, l5.AbnormalFlag),
            Is.EqualTo(("verified", (long)boy, (long)adminId, boyDays[0].AddHours(9).AddMinutes(2).AddSeconds(30), (long?)verifier,
                (decimal?)11.0m, (decimal?)14.0m, "high")),
            "the children's band of his age on the day; a doctor without a sign-in: ordered by the administrator, verified by verified_by");
        Assert.That((l5.VerifiedAt!.Value - l5.OrderedAt).TotalHours, Is.EqualTo(4).Within(0.001), "verified 2 hours after the result");

        var l6 = landed[id[6]];
        Assert.That((l6.Status, l6.AbnormalFlag, l6.ReferenceHigh, l6.VerifiedAt),
            Is.EqualTo(("verified", "high", (decimal?)15.5m, (DateTime?)new DateTime(recentVerification.Year, recentVerification.Month,
                recentVerification.Day, recentVerification.Hour, recentVerification.Minute, 0))), "DD/MM/YYYY read; verified an hour ago");
        Assert.That(landed[id[7]].Status, Is.EqualTo("cancelled"));
        Assert.That(landed[id[7]].CollectedAt, Is.Null, "cancelled before its specimen was taken");

        // No "result ready" message, even for the result verified an hour ago of a patient with a phone.
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_message WHERE cause_key LIKE CONCAT('lab_order:', @o, ':%')",
            new { o = id[6] }), Is.Zero, "an import tells no patient");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_bulk_write"), Is.Zero, "the step-aside row is gone");
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM charge WHERE source_type = 'lab_order' AND source_id IN @ids",
            new { ids = id.Values.ToArray() }), Is.Zero, "history is not charged, as lab_order_record_past");

        // The audit trail: one entry per step of every order, as the screens write them, with the administrator as the actor.
        var audit = await Db.QueryAsync<(string Action, string RowKey, long? Actor, string? Status)>(
            "SELECT action, CAST(row_key AS CHAR), actor_user_id, JSON_UNQUOTE(JSON_EXTRACT(new_row, '$.status')) FROM audit_trail " +
            "WHERE audit_log_id > @before AND table_name = 'lab_order' AND row_key IN @ids ORDER BY audit_log_id",
            new { before, ids = id.Values.ToArray() });
        Assert.That(audit.Select(x => x.Actor), Is.All.EqualTo((long?)adminId));
        Assert.That(audit.Where(x => x.RowKey == id[2].ToString()).Select(x => (x.Action, x.Status)), Is.EqualTo(new[]
        {
            ("INSERT", "ordered"), ("UPDATE", "specimen_collected"), ("UPDATE", "resulted"), ("UPDATE", "verified"),
        }));
        Assert.That(audit.Where(x => x.RowKey == id[4].ToString()).Select(x => x.Status), Is.EqualTo(new[] { "ordered", "specimen_collected", "cancelled" }));
        Assert.That(audit, Has.Count.EqualTo(4 + 3 + 3 + 4 + 4 + 2));

        // The lab summaries equal what the orders themselves give (the triggers kept them, as for the screens).
        var tests = new[] { hb, rdt };
        var summary = await Db.QueryAsync<(DateTime Day, long Test, long Orders, long Cancelled, long Resulted, long Verified, long Abnormal,
            long ResultSeconds, long VerifySeconds, long? Median)>(
            "SELECT order_day, lab_test_id, orders, cancelled, resulted, verified, abnormal, result_seconds, verify_seconds, median_result_seconds " +
            "FROM report_lab_day WHERE lab_test_id IN @tests ORDER BY order_day, lab_test_id", new { tests });
        var live = await Db.QueryAsync<(DateTime Day, long Test, long Orders, long Cancelled, long Resulted, long Verified, long Abnormal,
            long ResultSeconds, long VerifySeconds, long? Median)>(
            "SELECT DATE(ordered_at), lab_test_id, COUNT(*), CAST(SUM(status = 'cancelled') AS SIGNED), " +
            "CAST(SUM(status IN ('resulted', 'verified')) AS SIGNED), CAST(SUM(status = 'verified') AS SIGNED), " +
            "CAST(SUM(status IN ('resulted', 'verified') AND abnormal_flag IN ('low', 'high')) AS SIGNED), " +
            "CAST(COALESCE(SUM(CASE WHEN status IN ('resulted', 'verified') THEN TIMESTAMPDIFF(SECOND, ordered_at, resulted_at) END), 0) AS SIGNED), " +
            "CAST(COALESCE(SUM(CASE WHEN status = 'verified' THEN TIMESTAMPDIFF(SECOND, ordered_at, verified_at) END), 0) AS SIGNED), " +
            "MIN(CASE WHEN status IN ('resulted', 'verified') THEN TIMESTAMPDIFF(SECOND, ordered_at, resulted_at) END) " +
            "FROM lab_order WHERE lab_test_id IN @tests GROUP BY DATE(ordered_at), lab_test_id ORDER BY 1, 2", new { tests });
        Assert.That(summary, Is.EqualTo(live), "one result per day and test here, so the median is that result's time");
        Assert.That(summary.Sum(s => s.Orders), Is.EqualTo(6));
        Assert.That(summary.Sum(s => s.Abnormal), Is.EqualTo(3));

        var keys = await Db.QueryAsync<(string ExternalId, long EntityId)>(
            "SELECT external_id, entity_id FROM import_key WHERE kind = 'lab_order' AND import_batch_id = @batch ORDER BY external_id", new { batch });
        Assert.That(keys, Is.EqualTo(Enumerable.Range(1, 5).Select(n => (ext + "-" + n, id[n + 1]))));

        // The same rows with external ids again, through the framework's check: skipped, nothing written.
        const string labAudit = "SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @before AND table_name = 'lab_order' " +
                                "AND CAST(JSON_EXTRACT(new_row, '$.lab_test_id') AS UNSIGNED) IN @tests";
        var auditCount = await Db.ScalarAsync<long>(labAudit, new { before, tests });
        var orders = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE lab_test_id IN @tests", new { tests });
        var again = await Db.NewBatchAsync("lab_order",
            Row(a[0], hbCode, "verified", At(days[0], "09:05"), ext + "-1", result: "11.2"),
            Row(a[0], rdtCode, "resulted", At(days[0], "09:06"), ext + "-2", result: "Positive (P. falciparum)"));
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'lab_order', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("lab_order", again, adminId);
        Assert.That((await Db.OutcomesAsync(again)).Select(o => (o.Outcome, o.EntityId)),
            Is.EqualTo(new[] { ("skipped", (long?)id[2]), ("skipped", (long?)id[3]) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_error WHERE import_batch_id = @again", new { again }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE lab_test_id IN @tests", new { tests }), Is.EqualTo(orders));
        Assert.That(await Db.ScalarAsync<long>(labAudit, new { before, tests }), Is.EqualTo(auditCount), "a re-import writes nothing");
        Assert.That(auditCount, Is.EqualTo(20));
    }

    [Test]
    public async Task Two_files_on_the_same_days_and_tests_keep_the_summaries_and_medians_equal_to_the_orders()
    {
        // The summary triggers step aside for an import; the import counts its orders once, set-based, after their last
        // step, adding to the rows already there (the second file lands on the first file's days and test). Compared
        // with the orders themselves: the counts and sums, each result time, and the nearest-rank median (the
        // ceil(n/2)-th smallest time) of each day and test.
        var adminId = await Db.AdminIdAsync();
        var test = await Db.NewLabTestAsync("mmol/L", ranges: [(LabRangeSex.Any, 0, 150, 3.9m, 5.6m)]);
        var other = await Db.NewLabTestAsync(unit: null);
        var (code, otherCode) = (await CodeOfAsync(test), await CodeOfAsync(other));
        var patient = await PatientAsync("female", DateTime.Today.AddYears(-40));
        var (a, days, _) = await PastAppointmentsAsync(patient, 2, daysAgo: 20);
        var ext = "LM-" + ImportKindTestKit.Tag();
        // Results 30, 45 and 45 minutes after ordering on day 0, one cancelled; the other test 90 minutes.
        var first = await Db.NewBatchAsync("lab_order",
            Row(a[0], code, "verified", At(days[0], "09:00"), ext + "-1", resultedAt: At(days[0], "09:30"), verifiedAt: At(days[0], "11:00"), result: "6.1"),
            Row(a[0], code, "resulted", At(days[0], "09:02"), ext + "-2", resultedAt: At(days[0], "09:47"), result: "4.2"),
            Row(a[0], code, "resulted", At(days[0], "09:04"), ext + "-3", resultedAt: At(days[0], "09:49"), result: "3.1"),
            Row(a[0], code, "cancelled", At(days[0], "09:06"), ext + "-4", cancelledAt: At(days[0], "09:08"), cancelReason: "Sample lost"),
            Row(a[0], otherCode, "resulted", At(days[0], "09:08"), ext + "-5", resultedAt: At(days[0], "10:38"), result: "Negative"));
        Assert.That((await Db.CheckAndApplyAsync("lab_order", first, adminId)).Select(e => e.ToString()), Is.Empty);
        var second = await Db.NewBatchAsync("lab_order",
            Row(a[0], code, "verified", At(days[0], "09:10"), ext + "-6", resultedAt: At(days[0], "09:30"), verifiedAt: At(days[0], "12:00"), result: "5.0"),
            Row(a[0], code, "resulted", At(days[0], "09:12"), ext + "-7", resultedAt: At(days[0], "09:57"), result: "7.7"),
            Row(a[0], code, "resulted", At(days[0], "09:14"), ext + "-8", resultedAt: At(days[0], "12:14"), result: "5.5"),
            Row(a[1], code, "resulted", At(days[1], "09:00"), ext + "-9", resultedAt: At(days[1], "09:40"), result: "2.0"),
            Row(a[1], code, "cancelled", At(days[1], "09:05"), ext + "-10", cancelledAt: At(days[1], "09:06"), cancelReason: "Wrong tube"));
        Assert.That((await Db.CheckAndApplyAsync("lab_order", second, adminId)).Select(e => e.ToString()), Is.Empty);

        var tests = new[] { test, other };
        var summary = await Db.QueryAsync<(DateTime Day, long Test, long Orders, long Cancelled, long Resulted, long Verified, long Abnormal,
            long ResultSeconds, long VerifySeconds, long? Median)>(
            "SELECT order_day, lab_test_id, orders, cancelled, resulted, verified, abnormal, result_seconds, verify_seconds, median_result_seconds " +
            "FROM report_lab_day WHERE lab_test_id IN @tests ORDER BY order_day, lab_test_id", new { tests });
        var orders = await Db.QueryAsync<(DateTime OrderedAt, long Test, string Status, DateTime? ResultedAt, DateTime? VerifiedAt, string? Flag)>(
            "SELECT ordered_at, lab_test_id, status, resulted_at, verified_at, abnormal_flag FROM lab_order WHERE lab_test_id IN @tests", new { tests });
        var live = orders.GroupBy(o => (o.OrderedAt.Date, o.Test)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Test).Select(g =>
        {
            var results = g.Where(o => o.Status is "resulted" or "verified").ToList();
            var seconds = results.Select(o => (long)(o.ResultedAt!.Value - o.OrderedAt).TotalSeconds).Order().ToList();
            return (g.Key.Date, g.Key.Test, (long)g.Count(), (long)g.Count(o => o.Status == "cancelled"), (long)results.Count,
                (long)g.Count(o => o.Status == "verified"), (long)results.Count(o => o.Flag is "low" or "high"), seconds.Sum(),
                g.Where(o => o.Status == "verified").Sum(o => (long)(o.VerifiedAt!.Value - o.OrderedAt).TotalSeconds),
                seconds.Count == 0 ? (long?)null : seconds[(seconds.Count + 1) / 2 - 1]);
        }).ToList();
        Assert.That(summary, Is.EqualTo(live));
        Assert.That(summary.First(s => s.Day == days[0] && s.Test == test).Median, Is.EqualTo(45 * 60),
            "day 0: 20, 30, 45, 45, 45, 180 minutes; the 3rd of 6 is 45");
        Assert.That(summary.First(s => s.Day == days[0] && s.Test == test).Orders, Is.EqualTo(7));

        var times = await Db.QueryAsync<(DateTime Day, long Test, long Seconds, long Orders)>(
            "SELECT order_day, lab_test_id, result_seconds, orders FROM report_lab_result_time WHERE lab_test_id IN @tests " +
            "ORDER BY order_day, lab_test_id, result_seconds", new { tests });
        var liveTimes = orders.Where(o => o.Status is "resulted" or "verified")
            .GroupBy(o => (o.OrderedAt.Date, o.Test, Seconds: (long)(o.ResultedAt!.Value - o.OrderedAt).TotalSeconds))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Test).ThenBy(g => g.Key.Seconds)
            .Select(g => (g.Key.Date, g.Key.Test, g.Key.Seconds, (long)g.Count())).ToList();
        Assert.That(times, Is.EqualTo(liveTimes));
        Assert.That(times.Single(t => t.Day == days[0] && t.Test == test && t.Seconds == 45 * 60).Orders, Is.EqualTo(3),
            "two orders of the first file and one of the second took 45 minutes");
    }

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_row_still_lands()
    {
        var adminId = await Db.AdminIdAsync();
        var hb = await Db.NewLabTestAsync("g/dL", ranges: [(LabRangeSex.Any, 0, 150, 12.0m, 17.5m)]);
        var rdt = await Db.NewLabTestAsync(unit: null);
        var (hbCode, rdtCode) = (await CodeOfAsync(hb), await CodeOfAsync(rdt));
        var patient = await PatientAsync("female", new DateTime(1985, 3, 1));
        var (a, days, _) = await PastAppointmentsAsync(patient, 4, statuses: [(1, "cancelled"), (2, "no_show")]);
        var (noAccount, noAccountDays, _) = await PastAppointmentsAsync(patient, 1, doctorAccount: false, daysAgo: 80);
        var (nurse, nurseName) = await Db.NewAccountAsync("nurse");
        var adminName = await Db.ScalarAsync<string>("SELECT username FROM user_account WHERE user_account_id = @adminId", new { adminId });
        var d = days[0];
        var ext = "E-" + ImportKindTestKit.Tag();
        // A visit still open (as appointment_complete leaves it while the doctor writes).
        var openAppointment = await Db.ScalarAsync<int>("SELECT entity_id FROM import_key WHERE kind = 'appointment' AND external_id = @id", new { id = a[3] });
        await Db.ExecuteAsOwnerAsync(
            "SET @clinic_actor_id = @adminId; DELETE FROM visit WHERE appointment_id = @openAppointment; " +
            "INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status) " +
            "SELECT patient_id, staff_id, appointment_id, started_at, 'open' FROM appointment WHERE appointment_id = @openAppointment; " +
            "SET @clinic_actor_id = NULL;", new { adminId, openAppointment });
        // An order already in the database on the first visit: the same test at the same time again is a duplicate.
        var firstVisit = await Db.ScalarAsync<int>(
            "SELECT v.visit_id FROM visit AS v JOIN import_key AS k ON k.kind = 'appointment' AND k.entity_id = v.appointment_id WHERE k.external_id = @id",
            new { id = a[0] });
        await Db.ExecuteAsOwnerAsync(
            "SET @clinic_actor_id = @adminId; INSERT INTO lab_order (visit_id, patient_id, lab_test_id, status, ordered_by, ordered_at) " +
            "VALUES (@firstVisit, @patient, @hb, 'ordered', @adminId, @at); SET @clinic_actor_id = NULL;",
            new { adminId, firstVisit, patient, hb, at = d.AddHours(9).AddMinutes(18) });

        var batch = await Db.NewBatchAsync("lab_order",
            Row(a[0], hbCode, "verified", At(d, "09:05"), ext, result: "13.1"), // 2: good
            Row(null, null, null, null), // 3: four required cells
            Row("NO-SUCH-" + ext, hbCode, "resulted", At(d, "09:05"), result: "13"), // 4
            Row(a[1], hbCode, "resulted", At(d, "09:05"), result: "13"), // 5: cancelled appointment
            Row(a[2], hbCode, "resulted", At(d, "09:05"), result: "13"), // 6: no-show
            Row(a[3], hbCode, "resulted", At(days[3], "09:05"), result: "13"), // 7: visit still open
            Row(a[0], "NOPE" + ImportKindTestKit.Tag(), "resulted", At(d, "09:06"), result: "13"), // 8: unknown test
            Row(a[0], hbCode, "ordered", At(d, "09:07"), result: "13"), // 9: not a final status
            Row(a[0], hbCode, "resulted", d.ToString("yyyy-MM-dd"), result: "13"), // 10: no time
            Row(a[0], hbCode, "resulted", At(d, "09:08"), collectedAt: "31/02/2026 09:10", resultedAt: At(d, "25:00"), result: "13"), // 11
            Row(a[0], hbCode, "resulted", At(d, "08:59"), result: "13"), // 12: before the visit
            Row(a[0], hbCode, "resulted", At(d, "09:21"), result: "13"), // 13: after the visit closed
            Row(a[0], hbCode, "verified", At(d, "09:09"), collectedAt: At(d, "09:01"), verifiedAt: At(d, "09:30"),
                result: "13"), // 14: collected before ordering; verified before the (default) result
            Row(a[0], hbCode, "resulted", At(d, "09:10"), resultedAt: DateTime.Now.AddDays(1).ToString("yyyy-MM-dd HH:mm"), result: "13"), // 15: future
            Row(a[0], hbCode, "cancelled", At(d, "09:11"), collectedAt: At(d, "09:20"), cancelledAt: At(d, "09:15"), cancelReason: "Lost"), // 16
            Row(a[0], hbCode, "resulted", At(d, "09:12"), verifiedAt: At(d, "12:00"), cancelledAt: At(d, "12:00"), result: "13",
                cancelReason: "No", verifiedBy: nurseName), // 17: cells the status does not take
            Row(a[0], hbCode, "cancelled", At(d, "09:13"), resultedAt: At(d, "10:00"), result: "13"), // 18: result on a cancelled test, no reason
            Row(a[0], hbCode, "resulted", At(d, "09:14")), // 19: no result
            Row(a[0], hbCode, "verified", At(d, "09:15"), result: "13,5"), // 20: not a number
            Row(a[0], rdtCode, "verified", At(d, "09:15"), result: "5"), // 21: a text test takes any text: good
            Row(a[0], hbCode, "verified", At(d, "09:16"), result: "13", verifiedBy: "nobody-" + ext), // 22
            Row(noAccount[0], hbCode, "verified", At(noAccountDays[0], "09:05"), result: "13"), // 23: the doctor has no sign-in
            Row(a[0], hbCode, "verified", At(d, "09:17"), result: "13", verifiedBy: nurseName), // 24: a nurse
            Row(a[0], hbCode, "verified", At(d, "09:17") + ":30", result: "13", verifiedBy: adminName), // 25: the importer
            Row(a[0], hbCode, "resulted", At(d, "09:18"), result: "13"), // 26: already in the database
            Row(a[0], hbCode, "resulted", At(d, "09:05"), result: "13"), // 27: same as line 2
            Row(a[0], hbCode, "resulted", At(d, "09:19"), new string('x', 101), result: "13"), // 28: external id too long
            Row(a[0], hbCode, "resulted", At(d, "09:20"), ext, result: "13"), // 29: external id of line 2
            Row(noAccount[0], hbCode, "resulted", At(noAccountDays[0], "09:10"), resultedAt: At(noAccountDays[0].AddDays(61), "09:00"),
                result: "13")); // 30: 61 days after the order
        var errors = await Db.CheckAndApplyAsync("lab_order", batch, adminId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (3, "appointment", 51720), (3, "test", 51720), (3, "status", 51720), (3, "ordered_at", 51720),
            (4, "appointment", 51721),
            (5, "appointment", 51722),
            (6, "appointment", 51722),
            (7, "appointment", 51722),
            (8, "test", 50806),
            (9, "status", 51723),
            (10, "ordered_at", 51724),
            (11, "collected_at", 51724), (11, "resulted_at", 51724),
            (12, "ordered_at", 50840),
            (13, "ordered_at", 50840),
            (14, "collected_at", 51725), (14, "verified_at", 51725),
            (15, "resulted_at", 51725),
            (16, "cancelled_at", 51725),
            (17, "verified_at", 51728), (17, "cancelled_at", 51728), (17, "cancel_reason", 51728), (17, "verified_by", 51728),
            (18, "resulted_at", 51728), (18, "result", 50833), (18, "cancel_reason", 50828),
            (19, "result", 50826),
            (20, "result", 51727),
            (22, "verified_by", 51729),
            (23, "verified_by", 51729),
            (24, "verified_by", 50842),
            (25, "verified_by", 50827),
            (26, "test", 51726),
            (27, "test", 51726),
            (28, "external_id", 51612),
            (29, "external_id", 51614),
            (30, "resulted_at", 51725),
        }), string.Join("\n", errors));
        var byLine = errors.ToLookup(e => e.LineNo);
        Assert.That(byLine[5].Single().Message, Is.EqualTo("That appointment is cancelled, not completed: only a completed appointment has a visit with lab tests."));
        Assert.That(byLine[7].Single().Message, Is.EqualTo("This appointment's visit is still open: the doctor orders its tests on the visit screen."));
        Assert.That(byLine[12].Single().Message, Is.EqualTo($"The test must be ordered during its visit, from {At(d, "09:00")} to {At(d, "09:20")}."));
        Assert.That(byLine[14].Select(e => e.Message), Is.EqualTo(new[]
        {
            "The specimen cannot be collected before the test was ordered.", "The result cannot be verified before it was entered.",
        }));
        Assert.That(byLine[30].Single().Message, Is.EqualTo("This is more than 60 days after the test was ordered. Please check the date."));
        Assert.That(byLine[15].Single().Message, Is.EqualTo("This time is in the future."));
        Assert.That(byLine[20].Single().Message, Does.EndWith("is measured in g/dL: write the result as a number, e.g. 5.6."));
        Assert.That(byLine[22].Single().Message, Is.EqualTo("No sign-in account has that username."));
        Assert.That(byLine[23].Single().Message, Does.StartWith("The treating doctor has no sign-in account"));
        Assert.That(byLine[27].Single().Message, Is.EqualTo("The same test at the same time on this visit is already on line 2 of the file."));
        Assert.That(errors.Select(e => e.Message.Length), Is.All.LessThanOrEqualTo(128));

        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new long[] { 2, 21 }), "valid rows: the good lines land");
        var landed = await LandedAsync(batch);
        Assert.That(landed.Values.Select(o => (o.Status, o.ResultValue, o.ResultText, o.AbnormalFlag)).OrderBy(o => o.ResultText),
            Is.EqualTo(new (string, decimal?, string?, string?)[] { ("verified", 13.1m, null, "normal"), ("verified", null, "5", null) }));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM lab_order WHERE lab_test_id IN (@hb, @rdt)", new { hb, rdt }), Is.EqualTo(3),
            "a rejected row writes nothing");
    }

    [Test]
    public async Task A_flag_column_in_the_file_is_refused_as_an_unknown_column()
    {
        var adminId = await Db.AdminIdAsync();
        var token = await Db.OpenSessionAsync(adminId);
        await using var connection = await Db.OpenAsync(Db.App);
        var batchId = await connection.ExecuteScalarAsync<int>(
            "CALL import_batch_begin(@token, 'lab_order', 'labs.csv', @sha, 'all_or_nothing', @header, 0)",
            new { token, sha = new string('b', 64), header = "[\"appointment\",\"test\",\"status\",\"ordered_at\",\"result\",\"abnormal_flag\"]" });
        var headerErrors = await Db.QueryAsync<(string Column, long Code)>(
            "SELECT column_name, error_code FROM import_error WHERE import_batch_id = @batchId AND line_no = 0", new { batchId });
        Assert.That(headerErrors, Is.EqualTo(new[] { ("abnormal_flag", 51607L) }), "the database computes the flag; a file never gives one");
    }
}

/// <summary>
/// docs/import.md documents the lab_order kind's columns exactly as import_column holds them, and docs/samples/lab_orders.csv
/// imports cleanly after docs/samples/appointments.csv and visits.csv into a clinic set up as docs/import.md describes.
/// </summary>
public class ImportLabOrderSampleTests
{
    [Test]
    public async Task The_columns_in_docs_import_md_are_the_lab_order_kinds_import_columns()
        => await ImportDocs.AssertDocumentedAsync(Clinic.Generator.ImportFormats.LabOrder, 13);

    [Test]
    public async Task The_sample_file_imports_after_the_appointments_and_visits_samples_without_errors()
    {
        var db = await DatabaseFixture.CreateDatabaseAsync();
        var adminId = await db.AdminIdAsync();
        await using (var connection = await db.OpenAsync(db.Migrator))
        {
            foreach (var (given, family) in new[] { ("Grace", "Nakato"), ("Samuel", "Okello") })
            {
                // The doctors sign in (the treating doctor verifies by default).
                var (account, _) = await db.NewAccountAsync("doctor");
                var doctor = await db.NewDoctorAsync(userAccountId: account);
                await connection.ExecuteAsync("UPDATE staff SET given_name = @given, family_name = @family WHERE staff_id = @doctor",
                    new { given, family, doctor });
            }
            foreach (var (mrn, sex, born) in new[] { ("P-1001", "female", new DateTime(1984, 3, 15)), ("P-1002", "male", new DateTime(1979, 7, 2)),
                         ("P-1003", "female", new DateTime(2019, 5, 20)) })
            {
                var patient = await db.NewPatientAsync();
                await connection.ExecuteAsync("UPDATE patient SET mrn = @mrn, sex = @sex, date_of_birth = @born WHERE patient_id = @patient",
                    new { mrn, sex, born, patient });
            }
        }
        foreach (var room in new[] { "Room 1", "Room 2" })
            await db.FacilitiesAs(adminId).CreateRoomAsync(room, "consultation", null);
        // The catalogue entries the sample names (the demo catalogue's codes and ranges).
        var lab = db.LabAs(adminId);
        var hb = await lab.CreateTestAsync(new LabTestInput { Code = "HB", Name = "Haemoglobin", Specimen = "Blood (EDTA)", Unit = "g/dL", Price = 8_000m });
        foreach (var (sex, min, low, high) in new[] { (LabRangeSex.Any, 0, 11.0m, 14.0m), (LabRangeSex.Female, 15, 12.0m, 15.5m), (LabRangeSex.Male, 15, 13.5m, 17.5m) })
            await lab.SetRangeAsync(new LabReferenceRangeInput { LabTestId = hb, Sex = sex, AgeMinYears = min, AgeMaxYears = min == 0 ? 15 : 150, LowValue = low, HighValue = high });
        var rbg = await lab.CreateTestAsync(new LabTestInput { Code = "RBG", Name = "Random blood glucose", Specimen = "Blood (fluoride)", Unit = "mmol/L", Price = 5_000m });
        await lab.SetRangeAsync(new LabReferenceRangeInput { LabTestId = rbg, Sex = LabRangeSex.Any, AgeMinYears = 0, AgeMaxYears = 150, LowValue = 3.9m, HighValue = 7.8m });
        await lab.CreateTestAsync(new LabTestInput { Code = "MRDT", Name = "Malaria rapid diagnostic test (RDT)", Specimen = "Blood (finger prick)", Price = 5_000m });
        await lab.CreateTestAsync(new LabTestInput { Code = "URINE", Name = "Urinalysis (dipstick)", Specimen = "Urine", Price = 5_000m });

        var appointments = ImportSamples.PastAppointments();
        Assert.That(await db.CheckAndApplyAsync("appointment", await db.NewBatchAsync("appointment", appointments), adminId), Is.Empty);
        Assert.That(await db.CheckAndApplyAsync("visit", await db.NewBatchAsync("visit", ImportSamples.Rows("visits.csv")), adminId), Is.Empty);

        var header = ImportSamples.Header("lab_orders.csv");
        Assert.That(header, Is.EqualTo(Clinic.Generator.ImportFormats.LabOrder.Columns));
        var batch = await db.NewBatchAsync("lab_order", ImportSamples.Rows("lab_orders.csv"));
        var errors = await db.CheckAndApplyAsync("lab_order", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        var outcomes = await db.OutcomesAsync(batch);
        Assert.That(outcomes.Select(o => o.Outcome), Is.All.EqualTo("imported"));
        var landed = await db.QueryAsync<(string Code, string Status, string? Flag)>(
            "SELECT t.code, o.status, o.abnormal_flag FROM lab_order AS o JOIN lab_test AS t ON t.lab_test_id = o.lab_test_id ORDER BY o.lab_order_id");
        Assert.That(landed, Is.EqualTo(new (string, string, string?)[]
        {
            ("RBG", "verified", "high"), ("URINE", "verified", null), ("HB", "verified", "normal"),
            ("MRDT", "verified", null), ("HB", "verified", "low"), ("MRDT", "cancelled", null),
        }));
    }
}
