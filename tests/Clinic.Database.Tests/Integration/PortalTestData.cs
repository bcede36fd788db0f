using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Portal;

namespace Clinic.Database.Tests.Integration;

/// <summary>A patient record with a portal account that joined with an invitation.</summary>
public sealed record PortalPatient(int PatientId, int AccountId, string Username, DateTime DateOfBirth);

/// <summary>Set-up helpers for the patient portal tests (issue 13).</summary>
public static class PortalTestData
{
    public const string Password = "portal-password-1";

    public static PortalLinkProcedures PortalLinkAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId), Clinic.Tests.Shared.TestPasswords.Hasher);

    public static PortalProcedures PortalAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static PortalAppointmentProcedures PortalAppointmentsAs(this TestDatabase db, int? actorId) => new(db.Runner, db.SessionOf(actorId));

    public static Task<DateTime> DateOfBirthAsync(this TestDatabase db, int patientId) =>
        db.ScalarAsync<DateTime>("SELECT date_of_birth FROM patient WHERE patient_id = @patientId", new { patientId });

    public static string NewUsername() => "pt_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A patient (new unless given) invited by the administrator and joined with a new username.</summary>
    public static async Task<PortalPatient> NewPortalPatientAsync(this TestDatabase db, int? patientId = null)
    {
        patientId ??= await db.NewPatientAsync();
        var invitation = await db.PortalLinkAs(await db.AdminIdAsync()).InviteAsync(patientId.Value);
        var dateOfBirth = await db.DateOfBirthAsync(patientId.Value);
        var username = NewUsername();
        var joined = await db.PortalLinkAs(null).JoinAsync(invitation.Code, dateOfBirth, username, Password);
        return new PortalPatient(patientId.Value, joined.UserAccountId, username, dateOfBirth);
    }

    /// <summary>Null when the call was accepted, otherwise the code it was refused with.</summary>
    public static async Task<int?> OutcomeOf(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ClinicRuleException refusal)
        {
            return refusal.Code;
        }
    }
}
