using Dapper;
using AppointmentData = Clinic.Database.Tests.Integration.Import.ImportAppointmentTestData;

namespace Clinic.Database.Tests.Integration.Import;

/// <summary>
/// The import kind prescription (internal/import_prescription_check, _draw and _apply, migration 0107): the prescriptions
/// of past visits and how they were dispensed. Every rule reported by line, column and code while the good rows land;
/// stock drawn first expiry first out from the lots received by the dispensing day and not expired on it, never below
/// zero, two rows of one file competing for the last units served in time order; the rows written as the screens write
/// them (audit trail, reporting summaries, receipts); a file imported again is a no-op.
/// </summary>
public class ImportPrescriptionTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    /// <summary>One CSV row of kind prescription, in the canonical column order (positions 1-11).</summary>
    public static string?[] Row(string? visit, string? medication, string? externalId = null, string? dose = "1 tablet", string? route = null,
        string? frequency = "three times a day", string? duration = "5", string? quantity = "15", string? instructions = null,
        string? dispensed = null, string? dispensedAt = null) =>
        [externalId, visit, medication, dose, route, frequency, duration, quantity, instructions, dispensed, dispensedAt];

    /// <summary>A past visit: its external id and when it ended (the prescription's issue time).</summary>
    public sealed record PastVisit(string ExternalId, long VisitId, DateTime ClosedAt);

    /// <summary>
    /// Visits imported for a new doctor and patient on completed appointments, visit i on the day 10 + i days ago at
    /// 09:00 for 20 minutes (so it ended at 09:20).
    /// </summary>
    private static async Task<PastVisit[]> PastVisitsAsync(int count, int firstDaysAgo = 10)
    {
        var adminId = await Db.AdminIdAsync();
        var doctor = await Db.NewDoctorAsync();
        var patient = await Db.NewPatientAsync();
        var (mrn, doctorName) = (await AppointmentData.MrnOfAsync(patient), await AppointmentData.DoctorNameAsync(doctor));
        var tag = ImportKindTestKit.Tag();
        var today = await Db.TodayAsync();
        var appointments = Enumerable.Range(0, count).Select(i => $"RA-{tag}-{i}").ToArray();
        var batch = await AppointmentData.NewBatchAsync(appointments.Select((id, i) =>
            AppointmentData.Row(mrn, doctorName, today.AddDays(-firstDaysAgo - i).Iso(), "09:00", id, minutes: "20", status: "completed",
                reason: "Fever")).ToArray());
        Assert.That(await AppointmentData.ImportAsync(batch), Is.Empty, "the appointments of the test import cleanly");
        var visits = await Db.NewBatchAsync("visit", appointments.Select(a => new[] { "V" + a, a, null, null, null, null, null, null, "60" }).ToArray());
        Assert.That(await Db.CheckAndApplyAsync("visit", visits, adminId), Is.Empty, "the visits of the test import cleanly");
        var rows = await Db.QueryAsync<(string ExternalId, long VisitId, DateTime ClosedAt)>(
            "SELECT k.external_id, v.visit_id, v.closed_at FROM import_key AS k JOIN visit AS v ON v.visit_id = k.entity_id " +
            "WHERE k.kind = 'visit' AND k.import_batch_id = @visits", new { visits });
        return appointments.Select(a => rows.Single(r => r.ExternalId == "V" + a)).Select(r => new PastVisit(r.ExternalId, r.VisitId, r.ClosedAt)).ToArray();
    }

    /// <summary>A medication known to the import by an external id (as a medication file leaves it): (id, external id, name).</summary>
    private static async Task<(int Id, string ExternalId, string Name)> MedicationAsync(decimal unitPrice = 500m)
    {
        var t = ImportKindTestKit.Tag();
        var name = $"Rx test {t} 500 mg tablets";
        var id = await Db.NewMedicationAsync(name: name, unitPrice: unitPrice);
        var adminId = await Db.AdminIdAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        var batchId = await connection.ExecuteScalarAsync<int>(
            "INSERT INTO import_batch (kind, file_name, file_sha256, created_by, status) " +
            "VALUES ('medication', 'medications.csv', SHA2(UUID(), 256), @adminId, 'imported'); SELECT LAST_INSERT_ID();", new { adminId });
        await connection.ExecuteAsync("INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) VALUES ('medication', @externalId, @id, @batchId)",
            new { externalId = "MRX-" + t, id, batchId });
        return (id, "MRX-" + t, name);
    }

    /// <summary>A lot received <paramref name="receivedDaysAgo"/> days ago expiring <paramref name="expiresInDays"/> days from today (negative: expired).</summary>
    private static async Task<int> LotAsync(int medicationId, int quantity, int receivedDaysAgo, int expiresInDays)
    {
        var adminId = await Db.AdminIdAsync();
        await using var connection = await Db.OpenAsync(Db.Migrator);
        return await connection.ExecuteScalarAsync<int>(
            "INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost, received_date, received_by) " +
            "VALUES (@medicationId, @batch, CURDATE() + INTERVAL @expiresInDays DAY, @quantity, @quantity, 100, CURDATE() - INTERVAL @receivedDaysAgo DAY, @adminId); " +
            "SELECT LAST_INSERT_ID();",
            new { medicationId, batch = "RXL" + ImportKindTestKit.Tag(), expiresInDays, quantity, receivedDaysAgo, adminId });
    }

    private static string At(DateTime time) => time.ToString("yyyy-MM-dd HH:mm");

    /// <summary>The dispensing lines of a medication, in order: (the visit's external id, lot, units).</summary>
    private static Task<IReadOnlyList<(string Visit, long Lot, int Quantity)>> DispensedLinesAsync(int medicationId) =>
        Db.QueryAsync<(string Visit, long Lot, int Quantity)>(
            "SELECT k.external_id, l.stock_lot_id, l.quantity FROM dispensing_line AS l " +
            "JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id " +
            "JOIN prescription AS p ON p.prescription_id = i.prescription_id " +
            "JOIN import_key AS k ON k.kind = 'visit' AND k.entity_id = p.visit_id " +
            "WHERE i.medication_id = @medicationId ORDER BY l.dispensing_line_id", new { medicationId });

    private static Task<long> OnHandAsync(int lot) => Db.ScalarAsync<long>("SELECT quantity_on_hand FROM stock_lot WHERE stock_lot_id = @lot", new { lot });

    [Test]
    public async Task Each_bad_cell_is_reported_by_line_column_and_code_and_the_good_rows_land_as_the_screens_write_them()
    {
        var adminId = await Db.AdminIdAsync();
        var v = await PastVisitsAsync(17);
        var a = await MedicationAsync(unitPrice: 300m);
        var b = await MedicationAsync();
        var noStock = await MedicationAsync();
        var lot = await LotAsync(a.Id, 100, 60, 200);
        // Visit 3 already has a prescription (imported before).
        var earlier = await Db.NewBatchAsync("prescription", Row(v[3].ExternalId, a.ExternalId));
        Assert.That(await Db.CheckAndApplyAsync("prescription", earlier, adminId), Is.Empty);
        // An open visit, named by an external id as a visit import would leave it.
        var openVisit = await Db.ScalarAsync<long>(
            "SELECT visit_id FROM visit WHERE visit_id = @id", new { id = v[16].VisitId });
        await Db.ExecuteAsOwnerAsync(
            "INSERT INTO visit (patient_id, staff_id, started_at, status) SELECT patient_id, staff_id, NOW() - INTERVAL 1 HOUR, 'open' FROM visit WHERE visit_id = @openVisit; " +
            "INSERT INTO import_key (kind, external_id, entity_id, import_batch_id) SELECT 'visit', @ext, LAST_INSERT_ID(), import_batch_id FROM import_key WHERE kind = 'visit' AND entity_id = @openVisit",
            new { openVisit, ext = v[16].ExternalId + "-OPEN" });
        var before = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var ext = "RX-" + ImportKindTestKit.Tag();
        var day0 = v[0].ClosedAt;

        var batch = await Db.NewBatchAsync("prescription",
            Row(v[0].ExternalId, a.ExternalId, ext + "-1", "2 tablets", "Oral", "three times a day", "5", "30", "After meals", "30",
                At(day0.AddMinutes(25))),                                                         // 2: good, dispensed
            Row(v[0].ExternalId, b.Name, ext + "-2", "1 tablet", null, "once a day", "3", "3"),    // 3: good, by name, not dispensed
            Row(v[1].ExternalId, a.ExternalId, dose: null),                                        // 4: no dose
            Row("NO-SUCH-" + ext, a.ExternalId),                                                   // 5: unknown visit
            Row(v[16].ExternalId + "-OPEN", a.ExternalId),                                         // 6: open visit
            Row(v[3].ExternalId, b.ExternalId),                                                    // 7: visit has a prescription
            Row(v[4].ExternalId, "No such medicine " + ext),                                       // 8: unknown medication
            Row(v[5].ExternalId, a.ExternalId),                                                    // 9: refused with line 10
            Row(v[5].ExternalId, a.Name),                                                          // 10: same medication twice
            Row(v[6].ExternalId, a.ExternalId, route: "by mouth"),                                 // 11: route
            Row(v[7].ExternalId, a.ExternalId, duration: "0"),                                     // 12: duration
            Row(v[8].ExternalId, a.ExternalId, quantity: "ten"),                                   // 13: quantity
            Row(v[9].ExternalId, a.ExternalId, dispensed: "x", dispensedAt: At(v[9].ClosedAt.AddHours(1))), // 14: not a number
            Row(v[10].ExternalId, a.ExternalId, quantity: "10", dispensed: "20", dispensedAt: At(v[10].ClosedAt.AddHours(1))), // 15: more than prescribed
            Row(v[11].ExternalId, a.ExternalId, dispensed: "5"),                                   // 16: no time
            Row(v[12].ExternalId, a.ExternalId, dispensed: "5", dispensedAt: "yesterday 10:00"),   // 17: not a time
            Row(v[13].ExternalId, a.ExternalId, dispensed: "5", dispensedAt: At(v[13].ClosedAt.AddHours(-1))), // 18: before the visit ended
            Row(v[14].ExternalId, noStock.ExternalId, quantity: "10", dispensed: "10", dispensedAt: At(v[14].ClosedAt.AddHours(1))), // 19: no stock
            Row(v[15].ExternalId, b.ExternalId, dispensed: "5", dispensedAt: At(DateTime.Now.AddDays(3))), // 20: in the future
            Row(v[15].ExternalId, a.ExternalId),                                                   // 21: refused with line 20
            Row(v[2].ExternalId, a.ExternalId, dispensedAt: At(v[2].ClosedAt.AddHours(1))));       // 22: a time without a quantity
        var errors = await Db.CheckAndApplyAsync("prescription", batch, adminId);

        Assert.That(errors.Cells(), Is.EqualTo(new (long, string?, long)[]
        {
            (4, "dose", 51730), (5, "visit", 51731), (6, "visit", 51732), (7, "visit", 51733), (8, "medication", 50907),
            (9, "visit", 51734), (10, "medication", 50909), (11, "route", 50911), (12, "duration_days", 50912), (13, "quantity", 50913),
            (14, "quantity_dispensed", 51735), (15, "quantity_dispensed", 51044), (16, "dispensed_at", 51736), (17, "dispensed_at", 51737),
            (18, "dispensed_at", 51738), (19, "quantity_dispensed", 51047), (20, "dispensed_at", 51738), (21, "visit", 51734),
            (22, "dispensed_at", 51736),
        }), string.Join("\n", errors));
        Assert.That(errors.Single(e => e.LineNo == 19).Message, Does.Contain("10 needed, 0 available"));
        Assert.That(errors.Single(e => e.LineNo == 9).Message, Does.StartWith("Line 10 "));

        var outcomes = await Db.OutcomesAsync(batch);
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.LineNo), Is.EqualTo(new long[] { 2, 3 }));
        var rx = (await Db.QueryAsync<(long Id, long PatientId, long StaffId, string Status, DateTime IssuedAt, DateTime? DispensedAt)>(
            "SELECT prescription_id, patient_id, staff_id, status, issued_at, dispensed_at FROM prescription WHERE visit_id = @visit", new { visit = v[0].VisitId })).Single();
        var visit = (await Db.QueryAsync<(long PatientId, long StaffId)>("SELECT patient_id, staff_id FROM visit WHERE visit_id = @id", new { id = v[0].VisitId })).Single();
        Assert.That((rx.PatientId, rx.StaffId, rx.Status, rx.IssuedAt, rx.DispensedAt),
            Is.EqualTo((visit.PatientId, visit.StaffId, "partially_dispensed", day0, (DateTime?)null)), "issued when the visit ended; one item still to dispense");
        var items = await Db.QueryAsync<(long Id, long Medication, string Dose, string Route, string Frequency, int Days, int Quantity, int Dispensed,
            string? Instructions, DateTime Start, DateTime End)>(
            "SELECT prescription_item_id, medication_id, dose, route, frequency, duration_days, quantity, quantity_dispensed, instructions, start_date, end_date " +
            "FROM prescription_item WHERE prescription_id = @id ORDER BY prescription_item_id", new { id = rx.Id });
        Assert.That(items.Select(i => (i.Medication, i.Dose, i.Route, i.Frequency, i.Days, i.Quantity, i.Dispensed, i.Instructions, i.Start, i.End)),
            Is.EqualTo(new[]
            {
                ((long)a.Id, "2 tablets", "oral", "three times a day", 5, 30, 30, (string?)"After meals", day0.Date, day0.Date.AddDays(4)),
                ((long)b.Id, "1 tablet", "oral", "once a day", 3, 3, 0, (string?)null, day0.Date, day0.Date.AddDays(2)),
            }));
        Assert.That(outcomes.Where(o => o.Outcome == "imported").Select(o => o.EntityId), Is.EqualTo(items.Select(i => (long?)i.Id)));
        var dispensing = (await Db.QueryAsync<(long Id, string Receipt, long By, DateTime At, decimal Total)>(
            "SELECT dispensing_id, receipt_number, dispensed_by, dispensed_at, total_amount FROM dispensing WHERE prescription_id = @id", new { id = rx.Id })).Single();
        Assert.That(dispensing.Receipt, Does.Match("^RX-[0-9]{6,}$"));
        Assert.That((dispensing.By, dispensing.At, dispensing.Total), Is.EqualTo(((long)adminId, day0.AddMinutes(25), 9000m)));
        var lines = await Db.QueryAsync<(long Item, long Lot, int Quantity, decimal Price)>(
            "SELECT prescription_item_id, stock_lot_id, quantity, unit_price FROM dispensing_line WHERE dispensing_id = @id", new { id = dispensing.Id });
        Assert.That(lines, Is.EqualTo(new[] { (items[0].Id, (long)lot, 30, 300m) }));
        Assert.That(await OnHandAsync(lot), Is.EqualTo(100 - 30 - 0), "the earlier import dispensed nothing; this one took 30");

        // The summaries, as the screens' triggers keep them.
        var dayRow = (await Db.QueryAsync<(int Dispensings, int Prescriptions, int Quantity, decimal Value)>(
            "SELECT dispensings, prescriptions, quantity_dispensed, dispensed_value FROM report_dispensing_day WHERE dispensing_day = @day AND medication_id = @med",
            new { day = day0.Date, med = a.Id })).Single();
        Assert.That(dayRow, Is.EqualTo((1, 1, 30, 9000m)));
        var month = await Db.QueryAsync<(long Medication, int Prescriptions, int Items, int Quantity, int Patients)>(
            "SELECT medication_id, prescriptions, items, quantity_prescribed, patients FROM report_prescribing_month " +
            "WHERE staff_id = @staff AND medication_id IN (@a, @b) AND month_start = @month ORDER BY medication_id",
            new { staff = visit.StaffId, a = a.Id, b = b.Id, month = new DateTime(day0.Year, day0.Month, 1) });
        Assert.That(month.Select(m => m.Medication), Does.Contain((long)b.Id));
        Assert.That(month.Single(m => m.Medication == b.Id), Is.EqualTo(((long)b.Id, 1, 1, 3, 1)));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_message WHERE cause_key = CONCAT('prescription:', @id, ':ready')", new { id = rx.Id }),
            Is.Zero, "an imported prescription is history: nobody is told it is ready");

        // Every row written is in the audit trail, as the administrator.
        var audit = await Db.QueryAsync<(string Table, string Action, string RowKey, long? Actor)>(
            "SELECT table_name, action, CAST(row_key AS CHAR), actor_user_id FROM audit_trail WHERE audit_log_id > @before " +
            "AND table_name IN ('prescription', 'prescription_item', 'dispensing', 'dispensing_line', 'stock_lot') ORDER BY audit_log_id", new { before });
        var mine = audit.Where(x => x.Table switch
        {
            "prescription" => x.RowKey == rx.Id.ToString(),
            "prescription_item" => items.Any(i => i.Id.ToString() == x.RowKey),
            "dispensing" => x.RowKey == dispensing.Id.ToString(),
            "stock_lot" => x.RowKey == lot.ToString(),
            _ => true,
        }).ToList();
        Assert.That(mine.Select(x => (x.Table, x.Action)), Is.EquivalentTo(new[]
        {
            ("prescription", "INSERT"), ("prescription_item", "INSERT"), ("prescription_item", "INSERT"), ("dispensing", "INSERT"),
            ("dispensing_line", "INSERT"), ("stock_lot", "UPDATE"),
        }));
        Assert.That(mine.Select(x => x.Actor), Is.All.EqualTo((long?)adminId));
    }

    [Test]
    public async Task Stock_is_drawn_first_expiry_first_out_from_the_lots_usable_that_day_and_two_rows_compete_for_the_last_units_in_time_order()
    {
        var adminId = await Db.AdminIdAsync();
        var v = await PastVisitsAsync(3, firstDaysAgo: 10);     // visits 10, 11 and 12 days ago
        var m = await MedicationAsync(unitPrice: 100m);
        var soon = await LotAsync(m.Id, 8, 30, 50);             // received a month ago, expires first
        var later = await LotAsync(m.Id, 5, 30, 100);           // received a month ago, expires later
        var tooNew = await LotAsync(m.Id, 100, 2, 20);          // received after the dispensing day
        var expired = await LotAsync(m.Id, 100, 60, -11);       // expired the day before the dispensing day
        var day = v[0].ClosedAt.Date.AddHours(10);              // every row dispensed 10 days ago, from 10:00

        var ext = "FE-" + ImportKindTestKit.Tag();
        var batch = await Db.NewBatchAsync("prescription",
            Row(v[2].ExternalId, m.ExternalId, ext + "-3", quantity: "3", dispensed: "3", dispensedAt: At(day.AddHours(2))),  // 2: last in time
            Row(v[0].ExternalId, m.ExternalId, ext + "-1", quantity: "6", dispensed: "6", dispensedAt: At(day)),              // 3: first
            Row(v[1].ExternalId, m.ExternalId, ext + "-2", quantity: "5", dispensed: "5", dispensedAt: At(day.AddHours(1)))); // 4: second
        var errors = await Db.CheckAndApplyAsync("prescription", batch, adminId);

        Assert.That(errors.Cells(), Is.EqualTo(new[] { (2L, (string?)"quantity_dispensed", 51047L) }), string.Join("\n", errors));
        Assert.That(errors[0].Message, Does.Contain("3 needed, 2 available"), "the earlier rows of the day took 11 of the 13 usable units");
        var lines = await DispensedLinesAsync(m.Id);
        Assert.That(lines, Is.EqualTo(new[] { (v[0].ExternalId, (long)soon, 6), (v[1].ExternalId, (long)soon, 2), (v[1].ExternalId, (long)later, 3) }));
        Assert.That(new[] { await OnHandAsync(soon), await OnHandAsync(later), await OnHandAsync(tooNew), await OnHandAsync(expired) },
            Is.EqualTo(new long[] { 0, 2, 100, 100 }), "never below zero; a lot received later or expired is not touched");
        var statuses = await Db.QueryAsync<(string Status, DateTime? DispensedAt)>(
            "SELECT p.status, p.dispensed_at FROM prescription AS p WHERE p.visit_id IN @ids ORDER BY p.visit_id", new { ids = new[] { v[0].VisitId, v[1].VisitId } });
        Assert.That(statuses, Is.EqualTo(new[] { ("dispensed", (DateTime?)day), ("dispensed", (DateTime?)day.AddHours(1)) }));
        var receipts = await Db.QueryAsync<string>(
            "SELECT d.receipt_number FROM dispensing AS d JOIN prescription AS p ON p.prescription_id = d.prescription_id WHERE p.visit_id IN @ids ORDER BY d.dispensed_at",
            new { ids = new[] { v[0].VisitId, v[1].VisitId } });
        Assert.That(receipts, Has.Count.EqualTo(2));
        Assert.That(string.CompareOrdinal(receipts[0], receipts[1]), Is.LessThan(0), "receipts numbered in time order");
        var report = (await Db.QueryAsync<(int Dispensings, int Prescriptions, int Quantity, decimal Value)>(
            "SELECT dispensings, prescriptions, quantity_dispensed, dispensed_value FROM report_dispensing_day WHERE dispensing_day = @d AND medication_id = @id",
            new { d = day.Date, id = m.Id })).Single();
        Assert.That(report, Is.EqualTo((2, 2, 11, 1100m)), "each dispensing and prescription counted once however many lots it took");

        // The refused row again, now that more stock arrived the day before: it lands; the file again is then a no-op.
        await Db.ExecuteAsOwnerAsync("UPDATE stock_lot SET received_date = CURDATE() - INTERVAL 11 DAY WHERE stock_lot_id = @tooNew", new { tooNew });
        var again = await Db.NewBatchAsync("prescription",
            Row(v[2].ExternalId, m.ExternalId, ext + "-3", quantity: "3", dispensed: "3", dispensedAt: At(day.AddHours(2))),
            Row(v[0].ExternalId, m.ExternalId, ext + "-1", quantity: "6", dispensed: "6", dispensedAt: At(day)),
            Row(v[1].ExternalId, m.ExternalId, ext + "-2", quantity: "5", dispensed: "5", dispensedAt: At(day.AddHours(1))));
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'prescription', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("prescription", again, adminId);
        Assert.That((await Db.OutcomesAsync(again)).Select(o => o.Outcome), Is.EqualTo(new[] { "imported", "skipped", "skipped" }));
        Assert.That(new[] { await OnHandAsync(soon), await OnHandAsync(later), await OnHandAsync(tooNew) }, Is.EqualTo(new long[] { 0, 2, 97 }),
            "first expiry first out: the lot now usable that day expires first (in 20 days) and gives the 3 units");
    }

    [Test]
    public async Task Day_after_day_a_lot_serves_until_it_expires_and_a_lot_received_meanwhile_serves_from_its_day()
    {
        var adminId = await Db.AdminIdAsync();
        var v = await PastVisitsAsync(3, firstDaysAgo: 10);     // visits 10, 11 and 12 days ago
        var m = await MedicationAsync(unitPrice: 100m);
        var expiring = await LotAsync(m.Id, 10, 30, -11);       // usable 12 and 11 days ago, expired 10 days ago
        var lasting = await LotAsync(m.Id, 10, 30, 100);        // usable every day, expires last
        var arriving = await LotAsync(m.Id, 4, 11, 5);          // received 11 days ago
        var ext = "FD-" + ImportKindTestKit.Tag();
        var batch = await Db.NewBatchAsync("prescription",
            Row(v[2].ExternalId, m.ExternalId, ext + "-1", quantity: "4", dispensed: "4", dispensedAt: At(v[2].ClosedAt.AddHours(1))),
            Row(v[1].ExternalId, m.ExternalId, ext + "-2", quantity: "5", dispensed: "5", dispensedAt: At(v[1].ClosedAt.AddHours(1))),
            Row(v[0].ExternalId, m.ExternalId, ext + "-3", quantity: "6", dispensed: "6", dispensedAt: At(v[0].ClosedAt.AddHours(1))));
        Assert.That(await Db.CheckAndApplyAsync("prescription", batch, adminId), Is.Empty);

        var lines = await DispensedLinesAsync(m.Id);
        Assert.That(lines, Is.EqualTo(new[]
        {
            (v[2].ExternalId, (long)expiring, 4),                                   // 12 days ago: first expiry first out
            (v[1].ExternalId, (long)expiring, 5),                                   // 11 days ago: still the first to expire
            (v[0].ExternalId, (long)arriving, 4), (v[0].ExternalId, (long)lasting, 2), // 10 days ago: the expired lot's last unit stays
        }));
        Assert.That(new[] { await OnHandAsync(expiring), await OnHandAsync(lasting), await OnHandAsync(arriving) }, Is.EqualTo(new long[] { 1, 8, 0 }));
    }

    [Test]
    public async Task The_same_file_again_is_a_no_op()
    {
        var adminId = await Db.AdminIdAsync();
        var v = await PastVisitsAsync(2);
        var m = await MedicationAsync();
        var lot = await LotAsync(m.Id, 50, 60, 200);
        var ext = "NO-" + ImportKindTestKit.Tag();
        string?[][] File() =>
        [
            Row(v[0].ExternalId, m.ExternalId, ext + "-1", quantity: "10", dispensed: "10", dispensedAt: At(v[0].ClosedAt.AddMinutes(30))),
            Row(v[1].ExternalId, m.Name, ext + "-2", quantity: "7"),
        ];
        var first = await Db.NewBatchAsync("prescription", File());
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@first, 'prescription', @adminId, @t, @v, @r, @s, @h)", new { first, adminId });
        await Db.ApplyAsync("prescription", first, adminId);
        var imported = await Db.OutcomesAsync(first);
        Assert.That(imported.Select(o => o.Outcome), Is.EqualTo(new[] { "imported", "imported" }));
        var before = await Db.ScalarAsync<long>("SELECT quantity_on_hand FROM stock_lot WHERE stock_lot_id = @lot", new { lot });
        Assert.That(before, Is.EqualTo(40));
        var rows = await Db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription_item WHERE medication_id = @id", new { id = m.Id });

        var again = await Db.NewBatchAsync("prescription", File());
        await Db.ExecuteAsOwnerAsync("CALL import_batch_check_run(@again, 'prescription', @adminId, @t, @v, @r, @s, @h)", new { again, adminId });
        await Db.ApplyAsync("prescription", again, adminId);
        Assert.That((await Db.OutcomesAsync(again)).Select(o => (o.Outcome, o.EntityId)), Is.EqualTo(imported.Select(o => ("skipped", o.EntityId))));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM import_error WHERE import_batch_id = @again", new { again }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>("SELECT quantity_on_hand FROM stock_lot WHERE stock_lot_id = @lot", new { lot }), Is.EqualTo(40));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM prescription_item WHERE medication_id = @id", new { id = m.Id }), Is.EqualTo(rows));

        // Without its external ids the same rows are refused: the visits have their prescriptions.
        var bare = await Db.NewBatchAsync("prescription", File().Select(r => r.Select((c, i) => i == 0 ? null : c).ToArray()).ToArray());
        var errors = await Db.CheckAsync("prescription", bare);
        Assert.That(errors.Cells(), Is.EqualTo(new[] { (2L, (string?)"visit", 51733L), (3L, (string?)"visit", 51733L) }));
    }

    [Test]
    public async Task A_visit_has_at_most_30_rows()
    {
        var v = await PastVisitsAsync(1);
        var medications = new List<string>();
        for (var i = 0; i < 31; i++)
            medications.Add((await MedicationAsync()).ExternalId);
        var batch = await Db.NewBatchAsync("prescription", medications.Select(m => Row(v[0].ExternalId, m)).ToArray());
        var errors = await Db.CheckAsync("prescription", batch);
        Assert.That(errors.Cells().Where(e => e.Code != 51734), Is.EqualTo(new[] { (32L, (string?)"visit", 50906L) }));
        Assert.That(errors.Count(e => e.ErrorCode == 51734), Is.EqualTo(30), "the visit's other rows are refused with it");
    }

    [Test]
    public async Task A_line_repeating_an_earlier_external_id_refuses_its_visits_other_lines_and_only_those()
    {
        // The shared check refuses the repeat itself (51614); the kind refuses the rest of that visit's prescription.
        var v = await PastVisitsAsync(2);
        var a = await MedicationAsync();
        var b = await MedicationAsync();
        var ext = "RXD-" + ImportKindTestKit.Tag();
        var batch = await Db.NewBatchAsync("prescription",
            Row(v[0].ExternalId, a.ExternalId, ext + "-1"),   // 2: refused with line 4
            Row(v[1].ExternalId, a.ExternalId, ext + "-2"),   // 3: another visit, its own id: good
            Row(v[0].ExternalId, b.ExternalId, ext + "-1"),   // 4: repeats line 2's id
            Row(v[1].ExternalId, b.ExternalId, ext + "-3"));  // 5: good
        var errors = await Db.CheckAsync("prescription", batch);
        Assert.That(errors.Cells(), Is.EqualTo(new[] { (2L, (string?)"visit", 51734L), (4L, "external_id", 51614L) }));
        Assert.That(errors.First().Message, Does.StartWith("Line 4 of this visit"));
    }
}

/// <summary>
/// docs/import.md documents the prescription kind's columns exactly as import_column holds them (and the generator writes
/// them), and docs/samples/prescriptions.csv imports cleanly after the appointments, visits, medications and stock lots
/// samples into a clinic set up as docs/import.md (appointment) describes.
/// </summary>
public class ImportPrescriptionSampleTests
{
    [Test]
    public async Task The_columns_in_docs_import_md_are_the_prescription_kinds_import_columns()
        => await ImportDocs.AssertDocumentedAsync(Clinic.Generator.ImportFormats.Prescription, 11);

    [Test]
    public async Task The_sample_file_imports_after_the_visits_and_stock_lots_samples_without_errors()
    {
        var (db, adminId) = await ImportSamples.NewSampleClinicAsync();

        var appointments = ImportSamples.PastAppointments();
        foreach (var (kind, rows) in new[]
                 {
                     ("appointment", appointments), ("visit", ImportSamples.Rows("visits.csv")), ("medication", ImportSamples.Rows("medications.csv")),
                     ("stock_lot", ImportSamples.Rows("stock_lots.csv")),
                 })
        {
            var before = await db.NewBatchAsync(kind, rows);
            Assert.That((await db.CheckAndApplyAsync(kind, before, adminId)).Select(e => e.ToString()), Is.Empty, kind);
        }

        var header = ImportSamples.Header("prescriptions.csv");
        Assert.That(header, Is.EqualTo(Clinic.Generator.ImportFormats.Prescription.Columns));
        var batch = await db.NewBatchAsync("prescription", ImportSamples.Rows("prescriptions.csv"));
        var errors = await db.CheckAndApplyAsync("prescription", batch, adminId);

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
        Assert.That((await db.OutcomesAsync(batch)).Select(o => o.Outcome), Is.EqualTo(new[] { "imported", "imported", "imported" }));
        Assert.That(await db.QueryAsync<string>("SELECT status FROM prescription ORDER BY prescription_id"), Is.EqualTo(new[] { "dispensed", "partially_dispensed" }));
        Assert.That(await db.ScalarAsync<long>("SELECT COUNT(*) FROM dispensing"), Is.EqualTo(2));
        Assert.That(await db.ScalarAsync<long>(
            "SELECT quantity_on_hand FROM stock_lot WHERE batch_number = 'PCM5512'"), Is.EqualTo(2000 - 20 - 18));
    }
}
