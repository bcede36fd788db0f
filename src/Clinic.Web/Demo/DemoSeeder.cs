using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;

namespace Clinic.Web.Demo;

/// <summary>
/// Demo mode only: creates the demo accounts and the demo clinic (<see cref="DemoClinic"/>) through the
/// stored procedures, idempotently. Never used outside demo mode; the passwords are public.
/// </summary>
public static class DemoSeeder
{
    public sealed record DemoAccount(string Username, string Password, string RoleCode, string DisplayName);

    public static readonly DemoAccount Admin = new("admin", "admin123", "admin", "Clinic Administrator");

    public static readonly IReadOnlyList<DemoAccount> Staff =
    [
        new("reception", "reception123", "receptionist", "Grace Namubiru"),
        new("doctor", "doctor123", "doctor", "Dr. Sarah Okello"),
        new("nurse", "nurse123", "nurse", "Nurse Peter Mugisha"),
        new("pharmacist", "pharmacist123", "pharmacist", "Joan Atim"),
        new("billing", "billing123", "billing_clerk", "David Ssempala"),
        new("patient", "patient123", "patient", "Mary Nakato"),
    ];

    private const int AdminAlreadyExists = 50107;
    private const int UsernameTaken = 50104;

    public static async Task<DemoClinicSummary> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var runner = provider.GetRequiredService<ProcedureRunner>();
        var hasher = provider.GetRequiredService<ClinicPasswordHasher>();

        try
        {
            await new UserAccountProcedures(runner, new FixedActor(null), hasher)
                .BootstrapAdminAsync(Admin.Username, Admin.DisplayName, Admin.Password, ct);
        }
        catch (ClinicRuleException ex) when (ex.Code == AdminAlreadyExists)
        {
        }

        var admin = await provider.GetRequiredService<AuthProcedures>().GetCredentialsAsync(Admin.Username, ct)
            ?? throw new InvalidOperationException("Demo mode: the 'admin' account is missing and another administrator exists.");
        var accounts = new UserAccountProcedures(runner, new FixedActor(admin.UserAccountId), hasher);
        foreach (var account in Staff)
        {
            try
            {
                await accounts.CreateAsync(account.Username, account.DisplayName, account.RoleCode, account.Password, ct);
            }
            catch (ClinicRuleException ex) when (ex.Code == UsernameTaken)
            {
            }
        }

        var clinic = await new DemoClinic(runner, admin.UserAccountId, hasher, logger).SeedAsync(ct);

        // Issue 4: the lab catalogue, the pharmacy (catalogue, lots, today's prescriptions in every status)
        // and, once, a clinical past for the first patients (past visits, lab results, allergies, problems).
        var auth = provider.GetRequiredService<AuthProcedures>();
        var lab = await DemoLab.SeedAsync(runner, admin.UserAccountId, logger, ct);
        var pharmacist = await auth.GetCredentialsAsync("pharmacist", ct);
        await DemoPharmacy.SeedAsync(runner, admin.UserAccountId, pharmacist?.UserAccountId, logger, ct);
        var doctor = await auth.GetCredentialsAsync("doctor", ct);
        if (!lab.AlreadyLoaded && doctor is not null)
            await DemoClinicalHistory.SeedAsync(runner, admin.UserAccountId, doctor.UserAccountId, lab.TestIds, logger, ct);

        logger.LogWarning(
            "DEMO MODE: demo accounts and the demo clinic are ready. Sign in with {Logins}. These passwords are public: change them, and never run demo mode with real patient data.",
            string.Join(", ", new[] { Admin }.Concat(Staff).Select(a => $"{a.Username}/{a.Password} ({a.RoleCode})"))
                + $"; the other demo doctors are {string.Join(", ", DemoClinic.OtherDoctorUsernames)} with {DemoClinic.DoctorPassword}");
        return clinic;
    }
}
