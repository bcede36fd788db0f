using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Settings;

namespace Clinic.Demo;

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

    private const int UsernameTaken = 50104;

    /// <summary>
    /// Loads the demo accounts and clinic, signing in as the demo accounts like a person would. The
    /// administrator 'admin' (password admin123) must exist already: the app account cannot create the
    /// first administrator, so scripts/run.sh creates it with clinic-db create-admin.
    /// </summary>
    public static async Task<DemoClinicSummary> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var runner = provider.GetRequiredService<ProcedureRunner>();
        var hasher = provider.GetRequiredService<ClinicPasswordHasher>();
        var sessions = new DemoSessions(provider.GetRequiredService<AccountService>(), provider.GetRequiredService<AuthProcedures>());
        foreach (var account in new[] { Admin }.Concat(Staff))
            sessions.Know(account.Username, account.Password);

        ISessionAccessor admin;
        try
        {
            admin = await sessions.ForAsync(Admin.Username, ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                "Demo mode needs the administrator 'admin' with the password 'admin123': create it with " +
                "clinic-db create-admin --username admin (scripts/run.sh does).", ex);
        }

        // Never on a real clinic's database: the database marks an empty one as a demo database and
        // refuses (50005) one that holds patients, staff or other accounts. Nothing is loaded then;
        // Program logs the reason.
        try
        {
            await new ClinicSettingProcedures(runner, admin).ClaimDemoAsync(ct);
        }
        catch (ClinicRuleException)
        {
            await sessions.SignOutAllAsync(ct);
            throw;
        }

        var accounts = new UserAccountProcedures(runner, admin, hasher);
        foreach (var account in Staff)
        {
            try
            {
                await accounts.CreateAsync(account.Username, account.DisplayName, account.RoleCode, account.Password, ct);
            }
            catch (ClinicRuleException ex) when (ex.Code == UsernameTaken)
            {
            }
            await sessions.ForAsync(account.Username, ct); // turns the temporary password into the demo password
        }

        var clinic = await new DemoClinic(runner, admin, sessions, hasher, logger).SeedAsync(ct);

        // Issue 4: the lab catalogue, the pharmacy (catalogue, lots, today's prescriptions in every status)
        // and, once, a clinical past for the first patients (past visits, lab results, allergies, problems).
        var lab = await DemoLab.SeedAsync(runner, admin, logger, ct);
        await DemoPharmacy.SeedAsync(runner, admin, await sessions.ForAsync("pharmacist", ct), sessions, hasher, logger, ct);
        if (!lab.AlreadyLoaded)
            await DemoClinicalHistory.SeedAsync(runner, admin, await sessions.ForAsync("doctor", ct), lab.TestIds, logger, ct);
        // Issue 11: the price list and invoices in every state, billed by the billing clerk.
        await DemoBilling.SeedAsync(runner, admin, await sessions.ForAsync("billing", ct), await sessions.ForAsync("reception", ct), logger, ct);
        await DemoInsurance.SeedAsync(runner, admin, await sessions.ForAsync("reception", ct), await sessions.ForAsync("billing", ct), logger, ct);
        // Issue 13: the demo patient login is linked to Mary Nakato's record, which has what a portal user looks at.
        await DemoPortal.SeedAsync(runner, admin, sessions, hasher, lab.TestIds, logger, ct);
        await sessions.SignOutAllAsync(ct);

        logger.LogWarning(
            "DEMO MODE: demo accounts and the demo clinic are ready. Sign in with {Logins}. These passwords are public: change them, and never run demo mode with real patient data.",
            string.Join(", ", new[] { Admin }.Concat(Staff).Select(a => $"{a.Username}/{a.Password} ({a.RoleCode})"))
                + $"; the other demo doctors are {string.Join(", ", DemoClinic.OtherDoctorUsernames)} with {DemoClinic.DoctorPassword}");
        return clinic;
    }
}
