using System.Security.Claims;
using Clinic.Data.Auth;
using Clinic.Web.Auth;

namespace Clinic.Web.Tests.Accounts;

/// <summary>The principal of a session carries its permissions (from auth_session_get) and its role's name, nothing decided here.</summary>
public sealed class ClinicClaimsTests
{
    private static readonly AccountSession Account = new()
    {
        UserAccountId = 4, Username = "agnes", DisplayName = "Agnes Nabirye", RoleCode = "receptionist", RoleName = "Receptionist",
    };

    [Test]
    public void One_claim_per_permission_of_the_session_and_the_role_name_from_the_database()
    {
        var user = ClinicClaims.ToPrincipal(Account, [Permissions.PatientRead, Permissions.AppointmentBook, Permissions.PatientRead], new string('c', 64));

        Assert.That(user.FindAll(ClinicClaims.Permission).Select(c => c.Value), Is.EqualTo(new[] { Permissions.PatientRead, Permissions.AppointmentBook }));
        Assert.That(user.Can(Permissions.PatientRead), Is.True);
        Assert.That(user.Can(Permissions.AppointmentBook), Is.True);
        Assert.That(user.Can(Permissions.AccountManage), Is.False);
        Assert.That(user.RoleNameOf(), Is.EqualTo("Receptionist"));
        Assert.That(user.DisplayNameOf(), Is.EqualTo("Agnes Nabirye"));
    }

    [Test]
    public void Without_a_role_name_the_role_code_shows()
    {
        var user = ClinicClaims.ToPrincipal(Account with { RoleName = "" }, [], new string('c', 64));
        Assert.That(user.RoleNameOf(), Is.EqualTo("receptionist"));
    }

    [Test]
    public void A_permission_claim_on_an_anonymous_principal_grants_nothing()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClinicClaims.Permission, Permissions.AccountManage)]));
        Assert.That(anonymous.Can(Permissions.AccountManage), Is.False);
        Assert.That(((ClaimsPrincipal?)null).Can(Permissions.AccountManage), Is.False);
    }
}
