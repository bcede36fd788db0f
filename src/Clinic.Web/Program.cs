using Clinic.Web;
using Clinic.Web.Auth;
using Clinic.Web.Components;
using Clinic.Demo;
using Clinic.Web.Export;
using Clinic.Web.Health;
using Clinic.Web.Security;
using Clinic.Data.Common;

var builder = WebApplication.CreateBuilder(args);

// Serve _framework/* and _content/MudBlazor/* from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddWebServices(builder.Configuration);

var app = builder.Build();

// Forwarded headers from a trusted proxy, security headers, HSTS (src/Clinic.Web/Security).
app.UseWebSecurity();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealth();
app.MapAccountEndpoints();
app.MapAppointmentExport();
app.MapQueueExport();
app.MapBillingPdf();
app.MapReportExport();
app.MapImportErrorReport();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

if (ClinicSettings.DemoMode(app.Configuration))
{
    try
    {
        await DemoSeeder.SeedAsync(app.Services, app.Logger);
    }
    catch (ClinicRuleException ex) when (ex.Code == 50005)
    {
        // demo_claim: the database holds real clinic data; nothing was loaded.
        app.Logger.LogError("DEMO MODE REFUSED: {Reason} No demo accounts or demo data were loaded. " +
                            "Turn demo mode off, or use an empty database for the demo.", ex.Message);
    }
    catch (Exception ex)
    {
        // The app still starts; /health tells what is wrong with the database.
        app.Logger.LogError(ex, "DEMO MODE: could not load the demo accounts and data.");
    }
}

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the browser tests.</summary>
public partial class Program;
