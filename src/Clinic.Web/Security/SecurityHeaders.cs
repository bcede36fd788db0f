using System.Security.Cryptography;

namespace Clinic.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that lets only this origin's scripts (and the
/// import map, by a per-request nonce) run, forbids framing, plugins and foreign form targets;
/// X-Content-Type-Options, Referrer-Policy and X-Frame-Options. Print views, exports and /health are
/// never stored by a browser or proxy (Cache-Control: no-store): they hold patient data or live state.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Clinic.CspNonce";

    /// <summary>Paths whose responses must not be cached: printable documents, CSV exports, health.</summary>
    private static readonly PathString[] NoStorePaths = ["/print", "/export", "/health"];

    /// <summary>
    /// The policy. Blazor Server and MudBlazor need: scripts from this origin (blazor.web.js, MudBlazor,
    /// component modules) plus the inline import map (nonce); inline styles (MudBlazor's theme writes a
    /// style element and style attributes); the Blazor websocket and fetches to this origin
    /// (connect-src 'self' covers ws: and wss: on the same host); data: images and fonts in MudBlazor's CSS.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>This request's CSP nonce (for the import map's script element in App.razor).</summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
            context.Items[NonceKey] = nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return nonce;
    }

    public static bool IsNoStore(PathString path) => NoStorePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var nonce = context.CspNonce();
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (IsNoStore(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                    headers.Remove("Expires");
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
}
