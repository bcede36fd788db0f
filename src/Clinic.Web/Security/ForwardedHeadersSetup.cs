using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Clinic.Web.Security;

/// <summary>
/// The real client behind a reverse proxy: X-Forwarded-For (the client address, which sign-in hands to
/// the database's throttling) and X-Forwarded-Proto (https, so cookies are marked Secure and HSTS is
/// sent) are honoured only from a trusted proxy; from anyone else they are ignored, so they cannot be
/// spoofed.
/// Settings <c>Clinic:ForwardedHeaders</c>:
///   KnownProxies   proxy addresses, e.g. "10.0.0.5" or "10.0.0.5, 10.0.0.6" (or an array)
///   KnownNetworks  proxy networks in CIDR form, e.g. "172.18.0.0/16" (or an array)
///   ForwardLimit   how many proxies in a row to unwind (default 1: one proxy that appends the
///                  address it saw, so only the last X-Forwarded-For entry is believed)
/// Default: only loopback (127.0.0.0/8 and ::1) is trusted, i.e. a proxy on the same machine. When
/// either list is set, it replaces the default (add 127.0.0.1 yourself if the proxy is local).
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "Clinic:ForwardedHeaders";

    public static IServiceCollection AddClinicForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
            Apply(options, configuration.GetSection(Section)));
        return services;
    }

    public static void Apply(ForwardedHeadersOptions options, IConfigurationSection section)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = int.TryParse(section["ForwardLimit"], out var limit) && limit > 0 ? limit : 1;

        var proxies = Values(section.GetSection("KnownProxies"))
            .Select(value => IPAddress.TryParse(value, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{value}' is not an IP address."))
            .ToList();
        var networks = Values(section.GetSection("KnownNetworks"))
            .Select(value => System.Net.IPNetwork.TryParse(value, out var network)
                ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{value}' is not a network in CIDR form (e.g. 10.0.0.0/8)."))
            .ToList();
        if (proxies.Count == 0 && networks.Count == 0)
            return; // the framework's default: loopback only

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(proxy);
        foreach (var network in networks)
            options.KnownIPNetworks.Add(network);
    }

    /// <summary>A list setting: array entries, or one value separated by commas, semicolons or spaces.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var raw = section.GetChildren().Any() ? section.GetChildren().Select(c => c.Value) : [section.Value];
        return raw.SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
