using Clinic.Web;
using Clinic.Web.Auth;
using Clinic.Web.Components;
using Clinic.Web.Export;
using Clinic.Web.Health;
using Clinic.Web.Security;

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

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the browser tests.</summary>
public partial class Program;
