namespace Clinic.Web.Security;

/// <summary>The web app's transport and browser hardening, in one place (used by DependencyInjection and Program).</summary>
public static class WebSecurity
{
    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClinicForwardedHeaders();

        // Strict-Transport-Security (outside Development, on HTTPS requests only): browsers then use
        // HTTPS for this host for 180 days. Subdomains are left alone.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(180);
            options.IncludeSubDomains = false;
        });

        // The antiforgery cookie: Secure whenever the request is HTTPS (also behind a trusted proxy),
        // never readable by scripts, never sent with cross-site requests.
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddOptions<SignInLimitOptions>().Bind(configuration.GetSection(SignInLimitOptions.Section));
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    /// <summary>
    /// First in the pipeline: the client address and scheme from a trusted proxy, then the security
    /// headers (set when the response starts, so error pages carry them too) and HSTS.
    /// </summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        return app;
    }
}
