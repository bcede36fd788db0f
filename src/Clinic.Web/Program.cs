using Clinic.Web;
using Clinic.Web.Auth;
using Clinic.Web.Components;
using Clinic.Web.Export;
using Clinic.Web.Health;
using Clinic.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// Serve _framework/* and _content/MudBlazor/* from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
// Run from the build output (scripts/run.sh, the browser tests), the static assets' development handler serves every
// file with "no-cache", so each page load fetched MudBlazor's 627 KB stylesheet again and revalidated every script. The
// build's own headers are right there too: a fingerprinted file (its URL changes when it does) is immutable, the rest
// no-cache. A published app (the Dockerfile) serves those headers anyway; a setting given explicitly wins.
builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";

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
