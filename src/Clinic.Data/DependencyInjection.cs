using Clinic.Data.Accounts;
using Clinic.Data.Audit;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Clinic.Data.Patients;
using Clinic.Data.Scheduling;
using Clinic.Data.Settings;
using Clinic.Data.Staff;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Clinic.Data;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the data layer: one MySqlDataSource for the app account, the procedure runner and
    /// one procedures class per area. The caller registers an <see cref="IActorAccessor"/>.
    /// </summary>
    public static IServiceCollection AddClinicData(this IServiceCollection services, string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var builder = new MySqlConnectionStringBuilder(connectionString);
        services.AddSingleton(new MySqlDataSource(builder.ConnectionString));
        services.AddSingleton<ProcedureRunner>();
        services.AddSingleton<ClinicPasswordHasher>();
        services.AddScoped<AuthProcedures>();
        services.AddScoped<AccountService>();
        services.AddScoped<UserAccountProcedures>();
        services.AddScoped<AuditProcedures>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ClinicSettingProcedures>();
        services.AddScoped<PatientProcedures>();
        services.AddScoped<StaffProcedures>();
        services.AddScoped<FacilityProcedures>();
        services.AddScoped<WorkingHoursProcedures>();
        services.AddScoped<AppointmentProcedures>();
        return services;
    }
}
