using Clinic.Data.Billing;
using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Lab;
using Clinic.Data.Portal;
using Clinic.Data.Scheduling;
using Clinic.Database.Migrations;
using Dapper;
using MySqlConnector;
using static Clinic.Database.Tests.Integration.AppointmentTests;
using static Clinic.Database.Tests.Integration.PortalTestData;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// What a patient sees of their own record in the portal (issue 13): details and contact changes, prescriptions, verified lab
/// results only, visits (notes only when the clinic allows), bills, who read the record; and that a patient session reaches
/// nothing of another patient's through any procedure.
/// </summary>
public class PortalRecordTests
{
    private static TestDatabase Db => DatabaseFixture.Main;

    private static async Task<int> CodeOf(Func<Task> call) => (await Assert.CatchAsync<ClinicRuleException>(async () => await call()))!.Code;

    /// <summary>Everything the portal shows, for one patient: a visit with a diagnosis and a note, a verified and a preliminary
    /// lab result, a dispensed prescription, an issued and partly paid invoice and a draft, a policy, and a receptionist's read.</summary>
    private sealed record Filled(PortalPatient Patient, OpenVisit Visit, int VerifiedOrderId, int PreliminaryOrderId, int PrescriptionId,
        int InvoiceId, int DraftId, int AppointmentId, int ReceptionistId);

    private static async Task<Filled> FilledPatientAsync()
    {
        var me = await Db.NewPortalPatientAsync();
        var admin = await Db.AdminIdAsync();
        var visit = await Db.NewOpenVisitAsync(me.PatientId);
        var visits = Db.VisitsAs(visit.DoctorAccountId);
        await visits.AddDiagnosisAsync(visit.VisitId, "J06.9", true);
        await visits.SaveNoteAsync(visit.VisitId, new SoapNoteInput { Subjective = "Sore throat", Assessment = "Viral", Plan = "Rest and fluids" });

        var nurse = await Db.NewStaffAccountAsync("nurse", visit.DepartmentId);
        var test = await Db.NewLabTestAsync(ranges: [(LabRangeSex.Any, 0, 150, 10m, 20m)]);
        var lab = Db.LabAs(visit.DoctorAccountId);
        var verified = await lab.PlaceAsync(visit.VisitId, test, "check");
        await Db.LabAs(nurse).CollectAsync(verified);
        await Db.LabAs(nurse).ResultAsync(verified, 25m, null);
        await lab.VerifyAsync(verified);
        var preliminary = await lab.PlaceAsync(visit.VisitId, test, "repeat");
        await Db.LabAs(nurse).CollectAsync(preliminary);
        await Db.LabAs(nurse).ResultAsync(preliminary, 5m, null);

        var medication = await Db.NewMedicationAsync(unitPrice: 100m);
        await Db.NewLotAsync(medication, 50, 300);
        var prescription = await Db.IssueAsync(visit, (medication, 10));
        await Db.DispensingAs(await Db.NewPharmacistAsync()).DispenseAsync(prescription);

        var clerk = await Db.NewClerkAsync();
        var invoice = await Db.NewDraftInvoiceForAsync(me.PatientId, 10_000m, 5_000m);
        await Db.InvoicesAs(clerk).IssueAsync(invoice);
        await Db.PaymentsAs(clerk).TakeAsync(invoice, new PaymentInput { Method = "cash", Amount = 6_000m, Tendered = 6_000m });
        var draft = await Db.NewDraftInvoiceForAsync(me.PatientId, 700m);
        var (_, plan) = await Db.NewPlanAsync(null);
        await Db.NewPolicyAsync(me.PatientId, plan);

        var doctor = await Db.NewDoctorAsync();
        var appointment = await Db.PortalAppointmentsAs(me.AccountId).BookAsync(doctor, Day().AddHours(9), null);

        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        await Db.PatientsAs(receptionist).GetAsync(me.PatientId);
        return new Filled(me, visit, verified, preliminary, prescription, invoice, draft, appointment, receptionist);
    }

    [Test]
    public async Task A_patient_sees_their_details_and_changes_only_the_contact_details_under_receptions_rules()
    {
        var me = await Db.NewPortalPatientAsync();
        var portal = Db.PortalAs(me.AccountId);
        var before = (await Db.PatientsAs(await Db.AdminIdAsync()).GetAsync(me.PatientId))!;

        var details = await portal.MyDetailsAsync();
        Assert.That((details.PatientId, details.Mrn, details.GivenName, details.FamilyName, details.Sex, details.DateOfBirth, details.CanEditContact),
            Is.EqualTo((me.PatientId, before.Mrn, before.GivenName, before.FamilyName, "female", me.DateOfBirth, true)));
        Assert.That(details.IdentityNote, Is.EqualTo("To correct your name, date of birth or sex, please ask reception."));

        await portal.UpdateContactAsync(new PortalContactInput
        {
            Phone = "0772 123 456", Email = " Me@Example.COM ", Address = " Plot 4, Kampala ", EmergencyContactName = "Sam", EmergencyContactPhone = "+256 701 000 111",
        });
        details = await portal.MyDetailsAsync();
        Assert.That((details.Phone, details.PhoneLocal, details.Email, details.Address, details.EmergencyContactName, details.EmergencyContactPhone),
            Is.EqualTo(((string?)"+256772123456", (string?)"0772123456", (string?)"me@example.com", (string?)"Plot 4, Kampala", (string?)"Sam", (string?)"+256701000111")));
        Assert.That((details.GivenName, details.FamilyName, details.DateOfBirth), Is.EqualTo((before.GivenName, before.FamilyName, me.DateOfBirth)));
        var actor = await Db.ScalarAsync<int>(
            "SELECT actor_user_id FROM audit_trail WHERE table_name = 'patient' AND row_key = @id AND action = 'UPDATE' ORDER BY audit_log_id DESC LIMIT 1",
            new { id = me.PatientId.ToString() });
        Assert.That(actor, Is.EqualTo(me.AccountId));

        Assert.That(await CodeOf(() => portal.UpdateContactAsync(new PortalContactInput { Phone = "12" })), Is.EqualTo(50204));
        Assert.That(await CodeOf(() => portal.UpdateContactAsync(new PortalContactInput { Email = "not-an-email" })), Is.EqualTo(50205));
        Assert.That((await portal.MyDetailsAsync()).Phone, Is.EqualTo("+256772123456"), "a refused change changes nothing");

        await portal.UpdateContactAsync(new PortalContactInput());
        details = await portal.MyDetailsAsync();
        Assert.That((details.Phone, details.Email, details.Address), Is.EqualTo(((string?)null, (string?)null, (string?)null)), "empty clears");
    }

    [Test]
    public async Task A_patient_sees_prescriptions_verified_results_visits_bills_and_who_read_the_record()
    {
        var filled = await FilledPatientAsync();
        var portal = Db.PortalAs(filled.Patient.AccountId);
        var today = await Db.TodayAsync();

        var prescriptions = await portal.PrescriptionsAsync();
        Assert.That(prescriptions.Select(p => (p.PrescriptionId, p.PrescriptionStatus, p.Quantity, p.QuantityDispensed, p.IsActive, p.LastDispensedAt is not null)),
            Is.EqualTo(new[] { (filled.PrescriptionId, "dispensed", 10, 10, true, true) }));
        Assert.That(prescriptions[0].Dose, Is.Not.Empty);

        var results = await portal.LabResultsAsync();
        Assert.That(results.Select(r => (r.LabOrderId, r.ResultValue, r.ReferenceLow, r.ReferenceHigh, r.AbnormalFlag)),
            Is.EqualTo(new[] { (filled.VerifiedOrderId, (decimal?)25m, (decimal?)10m, (decimal?)20m, (string?)"high") }), "the preliminary result is never shown");

        var visits = await portal.VisitsAsync();
        var visit = visits.Visits.Single();
        var title = await Db.ScalarAsync<string>("SELECT title FROM icd10_code WHERE icd10_code = 'J06.9'");
        Assert.That((visit.VisitId, visit.PrimaryDiagnosis, visit.DiagnosisCount, visit.PrescriptionCount, visit.LabResultCount, visit.NotesShown, visit.Plan, visit.Subjective),
            Is.EqualTo((filled.Visit.VisitId, (string?)title, 1, 1, 1, false, (string?)null, (string?)null)));
        Assert.That(visits.Diagnoses.Select(d => (d.VisitId, d.Icd10Code, d.Title, d.IsPrimary)), Is.EqualTo(new[] { (filled.Visit.VisitId, "J06.9", title, true) }));

        var bills = await portal.BillsAsync();
        Assert.That((bills.Summary.Balance, bills.Summary.OpenInvoiceCount), Is.EqualTo((9_000m, 1)));
        Assert.That(bills.Invoices.Select(i => (i.InvoiceId, i.Status, i.Total, i.PaidTotal, i.Balance)),
            Is.EqualTo(new[] { (filled.InvoiceId, "partially_paid", 15_000m, 6_000m, 9_000m) }), "drafts are not shown");
        Assert.That(bills.Payments.Select(p => p.Amount), Is.EqualTo(new[] { 6_000m }));
        Assert.That(bills.Policies.Select(p => (p.IsPrimary, p.IsValid)), Is.EqualTo(new[] { (true, true) }));

        var access = await portal.AccessLogAsync();
        Assert.That(access.Select(a => (a.RoleCode, a.AccessKind, a.ReaderName, a.NamesShown)), Does.Contain(("receptionist", "profile", (string?)null, false)));
        Assert.That(access.All(a => a.RoleCode != "patient"), Is.True);
        Assert.That(access.All(a => a.AccessedAt.Date == today), Is.True);

        var settings = Db.SettingsAs(await Db.AdminIdAsync());
        await settings.SetAsync("portal.show_clinical_notes", "1");
        await settings.SetAsync("portal.show_access_names", "1");
        try
        {
            visit = (await portal.VisitsAsync()).Visits.Single();
            Assert.That((visit.NotesShown, visit.Subjective, visit.Assessment, visit.Plan),
                Is.EqualTo((true, (string?)"Sore throat", (string?)"Viral", (string?)"Rest and fluids")));
            var named = await portal.AccessLogAsync();
            Assert.That(named.Select(a => (a.RoleCode, a.ReaderName, a.NamesShown)), Does.Contain(("receptionist", (string?)"Test receptionist", true)));
        }
        finally
        {
            await settings.SetAsync("portal.show_clinical_notes", "0");
            await settings.SetAsync("portal.show_access_names", "0");
        }
    }

    [Test]
    public async Task A_staff_account_or_an_unlinked_patient_account_cannot_use_the_portal()
    {
        var (receptionist, _) = await Db.NewAccountAsync("receptionist");
        Assert.That(await CodeOf(() => Db.PortalAs(receptionist).MyDetailsAsync()), Is.EqualTo(50102));
        var (unlinked, _) = await Db.NewAccountAsync("patient");
        Assert.That(await CodeOf(() => Db.PortalAs(unlinked).MyDetailsAsync()), Is.EqualTo(PortalProcedures.NotLinked));
        Assert.That(await CodeOf(() => Db.PortalAppointmentsAs(unlinked).ListAsync()), Is.EqualTo(51410));
    }

    /// <summary>The public procedures a patient calls: those that need portal.use.</summary>
    private static IReadOnlyList<string> PortalProcedureNames =>
        ScriptCatalog.All.Where(s => s.IsPublicProcedure && s.Contents.Contains("'portal.use'")).Select(s => s.ObjectName).Order(StringComparer.Ordinal).ToList();

    [Test]
    public async Task A_patient_session_reaches_nothing_of_another_patient_through_any_procedure()
    {
        var mine = await FilledPatientAsync();
        var theirs = await FilledPatientAsync();
        var me = mine.Patient;
        await using var app = await Db.OpenAsync(Db.App);
        var token = await Db.SessionOf(me.AccountId).GetSessionTokenAsync();

        // 1. No portal procedure takes a patient, account or record id except the two that act on one of the patient's own
        //    appointments (cancel) or a doctor's slot (book, free slots); each resolves the patient from the session.
        var names = PortalProcedureNames;
        Assert.That(names, Is.EqualTo(new[]
        {
            "portal_access_list", "portal_appointment_book", "portal_appointment_cancel", "portal_appointment_list", "portal_bills",
            "portal_booking_rules", "portal_contact_preference_get", "portal_contact_preference_set", "portal_doctor_list",
            "portal_free_slots", "portal_lab_result_list", "portal_my_details",
            "portal_my_details_update", "portal_prescription_list", "portal_visit_list",
        }));
        var parameters = await Db.QueryAsync<(string Routine, string Parameter)>(
            "SELECT specific_name, parameter_name FROM information_schema.parameters WHERE specific_schema = DATABASE() AND routine_type = 'PROCEDURE' AND specific_name LIKE 'portal%'");
        var idParameters = parameters.Where(p => names.Contains(p.Routine) && p.Parameter.EndsWith("_id", StringComparison.Ordinal))
            .Select(p => $"{p.Routine}.{p.Parameter}").Order(StringComparer.Ordinal).ToList();
        Assert.That(idParameters, Is.EqualTo(new[]
        {
            "portal_appointment_book.p_staff_id", "portal_appointment_cancel.p_appointment_id",
            "portal_free_slots.p_specialisation_id", "portal_free_slots.p_staff_id",
        }));

        // 2. Every id a portal procedure accepts, tried with the other patient's: refused, nothing changes.
        var portal = Db.PortalAppointmentsAs(me.AccountId);
        Assert.That(await CodeOf(() => portal.CancelAsync(theirs.AppointmentId, "not mine")), Is.EqualTo(PortalAppointmentProcedures.AppointmentNotFound));
        Assert.That(await CodeOf(() => portal.CancelAsync(int.MaxValue, "nothing")), Is.EqualTo(51424), "the same answer as for no appointment at all");
        Assert.That(await Db.ScalarAsync<string>("SELECT status FROM appointment WHERE appointment_id = @id", new { id = theirs.AppointmentId }), Is.EqualTo("booked"));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM appointment WHERE patient_id = @id", new { id = theirs.Patient.PatientId }), Is.EqualTo(1));
        var slot = await portal.BookAsync(theirs.Visit.DoctorStaffId, Day(3).AddHours(9), null);
        Assert.That(await Db.ScalarAsync<int>("SELECT patient_id FROM appointment WHERE appointment_id = @slot", new { slot }), Is.EqualTo(me.PatientId),
            "booking with the other patient's doctor books for me");

        // 3. Every read shows only my own rows.
        var reads = Db.PortalAs(me.AccountId);
        Assert.That((await reads.MyDetailsAsync()).PatientId, Is.EqualTo(me.PatientId));
        Assert.That((await portal.ListAsync()).Select(a => a.AppointmentId), Does.Not.Contain(theirs.AppointmentId).And.Contain(mine.AppointmentId));
        Assert.That((await reads.PrescriptionsAsync()).Select(p => p.PrescriptionId), Is.EqualTo(new[] { mine.PrescriptionId }));
        Assert.That((await reads.LabResultsAsync()).Select(r => r.LabOrderId), Is.EqualTo(new[] { mine.VerifiedOrderId }));
        var visits = await reads.VisitsAsync();
        Assert.That(visits.Visits.Select(v => v.VisitId), Is.EqualTo(new[] { mine.Visit.VisitId }));
        Assert.That(visits.Diagnoses.Select(d => d.VisitId).Distinct(), Is.EqualTo(new[] { mine.Visit.VisitId }));
        var bills = await reads.BillsAsync();
        Assert.That(bills.Invoices.Select(i => i.InvoiceId), Is.EqualTo(new[] { mine.InvoiceId }));
        Assert.That(bills.Payments, Has.Count.EqualTo(1));
        Assert.That(bills.Policies, Has.Count.EqualTo(1));
        var staffReadsOfMine = await Db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM patient_access_trail AS a JOIN user_account AS u ON u.user_account_id = a.user_account_id JOIN role AS r ON r.role_code = u.role_code WHERE r.is_staff_role = 1 AND a.patient_id = @id",
            new { id = me.PatientId });
        var log = await reads.AccessLogAsync(0, 100);
        Assert.That(log[0].TotalCount, Is.EqualTo(staffReadsOfMine), "the reads of my record, not of theirs");
        Assert.That(log.Count(a => a.RoleCode == "receptionist"), Is.EqualTo(1), "one receptionist read my profile; another read theirs");
        Assert.That((await portal.RulesAsync()).FutureBookings, Is.EqualTo(2));

        // 4. Every other public procedure refuses a patient session before it reads or writes anything (50102), whatever ids it gets:
        //    each is called with the other patient's id (or NULL) for every argument.
        var parameterNames = (await Db.QueryAsync<(string Routine, int Position, string Name)>(
                "SELECT specific_name, ordinal_position, parameter_name FROM information_schema.parameters WHERE specific_schema = DATABASE() AND routine_type = 'PROCEDURE' AND ordinal_position > 1"))
            .GroupBy(p => p.Routine).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Position).Select(p => p.Name).ToList());
        string[] anySignedIn = ["home_summary", "role_list", "staff_role_list", "staff_for_actor", "session_permissions", "clinic_clock_now"];
        // The outbox sender's procedures take no session at all (README "Security model": the web host's background
        // sender; OutboxClaimTests proves they touch only the outbox), so a patient's session changes nothing for them.
        string[] noSession = ["auth_sign_in_begin", "auth_sign_in", "auth_session_get", "auth_sign_out", "auth_password_params", "auth_password_change", "health_check", "portal_join",
            .. PublicInterfaceTests.OutboxSenderProcedures];
        var auditBefore = await Db.ScalarAsync<long>("SELECT COALESCE(MAX(audit_log_id), 0) FROM audit_trail");
        var tried = 0;
        foreach (var name in ScriptCatalog.PublicProcedures.Except(names).Except(anySignedIn).Except(noSession).Order(StringComparer.Ordinal))
        {
            foreach (var other in new object?[] { null, theirs.Patient.PatientId })
            {
                var rest = parameterNames.GetValueOrDefault(name) ?? [];
                var args = string.Join(", ", new[] { "@token" }.Concat(rest.Select(p => other is not null && p.EndsWith("_id", StringComparison.Ordinal) ? "@other" : "NULL")));
                var ex = await Assert.ThrowsAsync<MySqlException>(async () => await app.ExecuteAsync($"CALL `{name}`({args})", new { token, other }), name);
                Assert.That(ex!.Number, Is.EqualTo(50102), $"{name}: {ex.Message}");
                tried++;
            }
        }
        Assert.That(tried, Is.GreaterThan(300));
        Assert.That(await Db.ScalarAsync<long>("SELECT COUNT(*) FROM audit_trail WHERE audit_log_id > @auditBefore", new { auditBefore }), Is.Zero);
    }
}
