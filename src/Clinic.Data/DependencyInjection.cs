using Clinic.Data.Accounts;
using Clinic.Data.Audit;
using Clinic.Data.Auth;
using Clinic.Data.Billing;
using Clinic.Data.Clinical;
using Clinic.Data.Common;
using Clinic.Data.Dashboard;
using Clinic.Data.Import;
using Clinic.Data.Lab;
using Clinic.Data.Notifications;
using Clinic.Data.Patients;
using Clinic.Data.Pharmacy;
using Clinic.Data.Portal;
using Clinic.Data.Queue;
using Clinic.Data.Reports;
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
    /// one procedures class per area. The caller registers an <see cref="ISessionAccessor"/>.
    /// </summary>
    public static IServiceCollection AddClinicData(this IServiceCollection services, string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Pooled sessions are reused as they are, without MySqlConnector's reset on every open: the
        // reset discards the session's parsed stored procedures and cost ~40% of booking throughput
        // (docs/benchmarks.md). It is safe because no procedure relies on session state from an
        // earlier call: every write sets the acting user itself, every transaction rolls back on
        // error, and temporary tables are dropped before use (ScriptCatalogTests; AuditTrailTests
        // shows a stale actor never leaks). A connection string may still say ConnectionReset=true.
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("ConnectionReset", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("Connection Reset", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionReset = false;
        services.AddSingleton(new MySqlDataSource(builder.ConnectionString));
        services.AddSingleton<DatabaseAvailability>();
        services.AddSingleton<ProcedureRunner>();
        services.AddSingleton<ClinicPasswordHasher>();
        services.AddScoped<AuthProcedures>();
        services.AddScoped<AccountService>();
        services.AddScoped<UserAccountProcedures>();
        services.AddScoped<AuditProcedures>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ClinicSettingProcedures>();
        services.AddScoped<ClinicClockProcedures>();
        services.AddScoped<PatientProcedures>();
        services.AddScoped<PatientHistoryProcedures>();
        services.AddScoped<StaffProcedures>();
        services.AddScoped<FacilityProcedures>();
        services.AddScoped<WorkingHoursProcedures>();
        services.AddScoped<AppointmentProcedures>();
        services.AddScoped<QueueProcedures>();
        services.AddScoped<LabProcedures>();
        services.AddScoped<MedicationProcedures>();
        services.AddScoped<StockProcedures>();
        services.AddScoped<PrescriptionProcedures>();
        services.AddScoped<DispensingProcedures>();
        services.AddScoped<BillingProcedures>();
        services.AddScoped<InvoiceProcedures>();
        services.AddScoped<PaymentProcedures>();
        services.AddScoped<InsuranceProcedures>();
        services.AddScoped<ClaimProcedures>();
        services.AddScoped<BillingOverviewProcedures>();
        services.AddScoped<DashboardProcedures>();
        services.AddScoped<VisitProcedures>();
        services.AddScoped<ClinicalRecordProcedures>();
        services.AddScoped<ReportProcedures>();
        services.AddScoped<PortalLinkProcedures>();
        services.AddScoped<PortalProcedures>();
        services.AddScoped<PortalAppointmentProcedures>();
        services.AddScoped<NotificationProcedures>();
        services.AddScoped<ImportProcedures>();
        services.AddScoped<CsvImporter>();
        services.AddSingleton<OutboxProcedures>();
        return services;
    }
}
