using Clinic.Data;
using Clinic.Data.Common;
using Clinic.Notifications;
using Clinic.Web.Auth;
using Clinic.Web.Observability;
using Clinic.Web.Security;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Clinic.Web;

public static class DependencyInjection
{
    /// <summary>Everything the web app needs: data layer, cookie sign-in, Blazor and MudBlazor.</summary>
    public static IServiceCollection AddWebServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClinicData(ClinicSettings.ConnectionString(configuration));
        // Log lines carry the request's TraceId/SpanId; traces and metrics go out over OTLP when an endpoint is configured.
        services.AddClinicLogging();
        services.AddClinicTelemetry(configuration);
        // The outbox sender (reminders and notifications): a hosted service, registered only when a channel is configured.
        services.AddClinicNotifications(ClinicSettings.DemoMode(configuration) ? DemoNotificationDefaults(configuration) : configuration);
        services.AddHttpContextAccessor();
        services.AddWebSecurity(configuration);
        services.AddSingleton<SessionEndedNotice>();
        services.AddScoped<ISessionAccessor, SignedInSession>();
        services.AddScoped<IDashboardReader, DashboardReader>();
        services.AddScoped<IPasswordChanger, PasswordChanger>();
        services.AddScoped<IPatientDirectory, PatientDirectory>();
        services.AddScoped<IPatientTimelineReader, PatientTimelineReader>();
        services.AddScoped<IPatientHistoryReader, PatientHistoryReader>();
        services.AddScoped<IPatientAccess, PatientAccess>();
        services.AddScoped<IDoctorDay, DoctorDay>();
        services.AddScoped<IClinicClock, ClinicClock>();
        services.AddScoped<IWorkingHoursAdmin, WorkingHoursAdmin>();
        services.AddScoped<IAccountAdmin, AccountAdmin>();
        services.AddScoped<IStaffAdmin, StaffAdmin>();
        services.AddScoped<IFacilityAdmin, FacilityAdmin>();
        services.AddScoped<IClinicAdmin, ClinicAdmin>();
        services.AddScoped<NotificationAdmin>(); services.AddScoped<INotificationAdmin>(p => p.GetRequiredService<NotificationAdmin>()); services.AddScoped<IContactPreferences>(p => p.GetRequiredService<NotificationAdmin>());
        services.AddScoped<ISignIn, SignInService>();
        services.AddScoped<IAppointmentBook, AppointmentBook>();
        services.AddScoped<IQueueBoard, QueueBoardService>();
        services.AddScoped<ILabOrders, LabOrders>();
        services.AddScoped<ILabCatalogue, LabCatalogue>();
        services.AddScoped<IVisitRecord, VisitRecord>();
        services.AddScoped<IBillingOverview, BillingOverview>();
        services.AddScoped<IDashboards, Dashboards>();
        services.AddScoped<IInsuranceAdmin, InsuranceAdminService>();
        services.AddScoped<IClaimsDesk, ClaimsDesk>();
        services.AddScoped<IPharmacyDesk, PharmacyDesk>(); services.AddScoped<IPharmacyInventory, PharmacyInventory>(); services.AddScoped<IPrescribing, Prescribing>();
        services.AddScoped<IBillingDesk, BillingDesk>();
        services.AddScoped<IReportDesk, ReportDesk>();
        services.AddScoped<IImportDesk, ImportDesk>();
        services.AddScoped<IPortal, PortalService>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddSingleton<QueueChangeNotifier>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(provider => provider.GetRequiredService<CircuitPresence>());

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "clinic.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS, also behind a trusted reverse proxy (X-Forwarded-Proto).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/sign-in";
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/account/not-allowed";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.EventsType = typeof(SessionValidator);
            });
        services.AddScoped<SessionValidator>();
        services.AddAuthorization();
        // Page access by permission: [Authorize(Policy = Permissions.X)] requires the session's permission claim.
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();

        services.AddRazorComponents().AddInteractiveServerComponents(options => ConfigureCircuits(options, configuration));
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        return services;
    }

    /// <summary>
    /// The Blazor Server circuit options (docs/operations.md, "Circuit options"), each overridable under
    /// <c>Clinic:Circuits</c>. A staff page keeps its component tree in server memory while it is open (issue 15); a
    /// closed or dropped tab keeps it until it is evicted, so the defaults are tightened: a disconnected circuit is kept
    /// 2 minutes (a Wi-Fi drop or a laptop lid) instead of 3, at most 50 of them (a clinic has tens of staff, not
    /// hundreds) instead of 100; 5 unacknowledged render batches per slow client instead of 10; and a JavaScript call
    /// (MudBlazor's popovers, focus, resize) gives up after 30 seconds instead of a minute.
    /// </summary>
    public static void ConfigureCircuits(Microsoft.AspNetCore.Components.Server.CircuitOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection("Clinic:Circuits");
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(section.GetValue("DisconnectedRetentionSeconds", 120));
        options.DisconnectedCircuitMaxRetained = section.GetValue("DisconnectedMaxRetained", 50);
        options.MaxBufferedUnacknowledgedRenderBatches = section.GetValue("MaxBufferedUnacknowledgedRenderBatches", 5);
        options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(section.GetValue("JSInteropTimeoutSeconds", 30));
    }

    /// <summary>
    /// Seconds without a click, a key or a scroll after which an interactive page pauses its circuit (js/idle-pause.js),
    /// so that the server drops its component tree: <c>Clinic:Circuits:IdlePauseSeconds</c>, 600 by default, 0 never.
    /// </summary>
    public static int IdlePauseSeconds(IConfiguration configuration) =>
        Math.Max(0, configuration.GetSection("Clinic:Circuits").GetValue("IdlePauseSeconds", 600));

    /// <summary>
    /// Demo mode needs no mail server or SMS provider: a channel the configuration leaves unset (empty, or "none" as in
    /// appsettings.json) writes its messages to a file under .local/demo-outbox in the working directory (README, "Demo
    /// logins"). A configured channel is kept as it is; Clinic:Notifications:Enabled=false still turns the sender off.
    /// </summary>
    public static IConfiguration DemoNotificationDefaults(IConfiguration configuration)
    {
        var section = configuration.GetSection("Clinic:Notifications");
        var defaults = new Dictionary<string, string?>();
        static bool Unset(string? value) => string.IsNullOrWhiteSpace(value) || value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(section["Smtp:Host"]) && Unset(section["Email:Gateway"]))
        {
            defaults["Clinic:Notifications:Email:Gateway"] = "file";
            defaults["Clinic:Notifications:Email:FilePath"] = Path.Combine(".local", "demo-outbox", "email.log");
        }
        if (Unset(section["Sms:Gateway"]))
        {
            defaults["Clinic:Notifications:Sms:Gateway"] = "file";
            defaults["Clinic:Notifications:Sms:FilePath"] = Path.Combine(".local", "demo-outbox", "sms.log");
        }
        return defaults.Count == 0 ? configuration : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(defaults).Build();
    }
}
