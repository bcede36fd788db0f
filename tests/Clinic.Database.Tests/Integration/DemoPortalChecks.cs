using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Portal;
using Clinic.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// The demo patient login after demo mode's seeder (DemoSeederTests calls this): 'patient' is linked to Mary Nakato's record and
/// the portal shows her own upcoming appointment, past visit, verified lab result and prescription, and nobody else's.
/// </summary>
public static class DemoPortalChecks
{
    public static async Task DemoPatientSeesItsOwnRecordAsync(TestDatabase db, IServiceProvider services)
    {
        var mary = await db.ScalarAsync<int>(
            "SELECT MIN(patient_id) FROM patient WHERE given_name = @given AND family_name = @family",
            new { given = DemoPortal.GivenName, family = DemoPortal.FamilyName });
        var link = await db.QueryAsync<(int PatientId, int? LinkedBy)>(
            "SELECT pa.patient_id, pa.linked_by FROM portal_account pa JOIN user_account u ON u.user_account_id = pa.user_account_id WHERE u.username = 'patient'");
        Assert.That(link.Single().PatientId, Is.EqualTo(mary), "the demo login is Mary Nakato's");
        Assert.That(link.Single().LinkedBy, Is.EqualTo(await db.ScalarAsync<int>("SELECT user_account_id FROM user_account WHERE username = 'admin'")),
            "linked by the administrator (portal_account_link)");

        var sessions = new DemoSessions(services.GetRequiredService<AccountService>(), services.GetRequiredService<AuthProcedures>());
        sessions.Know("patient", "patient123");
        var me = await sessions.ForAsync("patient");
        try
        {
            var runner = services.GetRequiredService<ProcedureRunner>();
            var portal = new PortalProcedures(runner, me);
            var details = await portal.MyDetailsAsync();
            Assert.That((details.PatientId, details.GivenName, details.FamilyName), Is.EqualTo((mary, "Mary", "Nakato")));

            var appointments = await new PortalAppointmentProcedures(runner, me).ListAsync();
            Assert.That(appointments.Count(a => a.IsUpcoming && a.Status == "booked"), Is.GreaterThanOrEqualTo(1), "an upcoming appointment");
            Assert.That(appointments.Select(a => a.AppointmentId), Is.EquivalentTo(
                await db.QueryAsync<int>("SELECT appointment_id FROM appointment WHERE patient_id = @mary", new { mary })), "hers, all of them");

            var visits = await portal.VisitsAsync();
            Assert.That(visits.Visits.Count(v => v.Status == "closed"), Is.GreaterThanOrEqualTo(1), "a past visit");
            Assert.That(visits.Visits.Select(v => v.VisitId), Is.EquivalentTo(
                await db.QueryAsync<int>("SELECT visit_id FROM visit WHERE patient_id = @mary", new { mary })));

            var results = await portal.LabResultsAsync();
            Assert.That(results, Is.Not.Empty, "a verified lab result");
            Assert.That(results.Select(r => r.LabOrderId), Is.EquivalentTo(
                await db.QueryAsync<int>("SELECT lab_order_id FROM lab_order WHERE patient_id = @mary AND status = 'verified'", new { mary })));

            var prescriptions = await portal.PrescriptionsAsync();
            Assert.That(prescriptions.Select(p => p.MedicationName), Does.Contain("Amlodipine 5 mg tablets"));
            Assert.That(prescriptions.Select(p => p.PrescriptionId).Distinct(), Is.EquivalentTo(
                await db.QueryAsync<int>("SELECT prescription_id FROM prescription WHERE patient_id = @mary", new { mary })));
        }
        finally
        {
            await sessions.SignOutAllAsync();
        }
    }
}
