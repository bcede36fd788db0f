using System.Net;
using Clinic.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Clinic.Web.Tests;

/// <summary>The sign-in rate limit (per client address, per username) in front of the database.</summary>
public sealed class SignInThrottleTests
{
    private static SignInThrottle Throttle(int perAddress, int perUsername) =>
        new(Options.Create(new SignInLimitOptions { PerAddressPerMinute = perAddress, PerUsernamePerMinute = perUsername }));

    private static IPAddress Ip(string address) => IPAddress.Parse(address);

    [Test]
    public void A_username_gets_its_limit_from_all_addresses_together_trimmed_and_in_any_case()
    {
        using var throttle = Throttle(100, 3);
        Assert.That(throttle.TryAcquire(Ip("203.0.113.1"), "Admin"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("203.0.113.2"), " admin "), Is.True);
        Assert.That(throttle.TryAcquire(Ip("203.0.113.3"), "ADMIN"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("203.0.113.4"), "admin"), Is.False);
        Assert.That(throttle.TryAcquire(Ip("203.0.113.4"), "nurse"), Is.True, "other usernames are not affected");
    }

    [Test]
    public void An_address_gets_its_limit_whatever_the_usernames()
    {
        using var throttle = Throttle(3, 100);
        for (var i = 0; i < 3; i++)
            Assert.That(throttle.TryAcquire(Ip("198.51.100.7"), $"user{i}"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("198.51.100.7"), "user9"), Is.False);
        Assert.That(throttle.TryAcquire(Ip("::ffff:198.51.100.7"), "user8"), Is.False, "the IPv4-mapped form is the same client");
        Assert.That(throttle.TryAcquire(Ip("198.51.100.8"), "user9"), Is.True, "another address is not affected");
    }

    [Test]
    public void An_IPv6_client_is_counted_by_its_64_network_so_it_cannot_rotate_addresses_around_the_limit()
    {
        using var throttle = Throttle(2, 100);
        Assert.That(throttle.TryAcquire(Ip("2001:db8:1:2::1"), "a"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("2001:db8:1:2:aaaa::9"), "b"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), "c"), Is.False);
        Assert.That(throttle.TryAcquire(Ip("2001:db8:1:3::1"), "c"), Is.True, "another /64");
        Assert.That(SignInThrottle.AddressKey(Ip("2001:db8:1:2:abcd::1")), Is.EqualTo("2001:db8:1:2::/64"));
        Assert.That(SignInThrottle.AddressKey(Ip("::1")), Is.EqualTo("::1"));
        Assert.That(SignInThrottle.AddressKey(null), Is.EqualTo("unknown"));
    }

    [Test]
    public void An_attempt_refused_for_its_address_uses_no_permit_of_the_username()
    {
        using var throttle = Throttle(1, 2);
        Assert.That(throttle.TryAcquire(Ip("192.0.2.1"), "bob"), Is.True);
        Assert.That(throttle.TryAcquire(Ip("192.0.2.1"), "bob"), Is.False, "address limit");
        Assert.That(throttle.TryAcquire(Ip("192.0.2.2"), "bob"), Is.True, "bob's second permit was not used by the refused attempt");
        Assert.That(throttle.TryAcquire(Ip("192.0.2.3"), "bob"), Is.False, "username limit");
    }

    [Test]
    public void Zero_turns_a_limit_off_and_an_empty_username_counts_for_the_address_only()
    {
        using var off = Throttle(0, 0);
        for (var i = 0; i < 50; i++)
            Assert.That(off.TryAcquire(null, "admin"), Is.True);

        using var throttle = Throttle(2, 1);
        Assert.That(throttle.TryAcquire(Ip("192.0.2.9"), ""), Is.True);
        Assert.That(throttle.TryAcquire(Ip("192.0.2.9"), "  "), Is.True);
        Assert.That(throttle.TryAcquire(Ip("192.0.2.9"), null), Is.False);
    }

    [Test]
    public void The_defaults_are_20_per_address_and_10_per_username_a_minute()
    {
        var defaults = new SignInLimitOptions();
        Assert.That((defaults.PerAddressPerMinute, defaults.PerUsernamePerMinute), Is.EqualTo((20, 10)));
    }
}

/// <summary>
/// The app's transport hardening (Security/WebSecurity: forwarded headers, security headers, HSTS,
/// antiforgery cookie) in a small Kestrel app on 127.0.0.1, with the settings under test.
/// </summary>
public sealed class WebSecurityPipelineTests
{
    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddWebSecurity(builder.Configuration);
        var app = builder.Build();
        app.UseWebSecurity();
        app.MapGet("/who", (HttpContext c) => $"{c.Connection.RemoteIpAddress} {c.Request.Scheme}");
        app.MapGet("/form", (HttpContext c, IAntiforgery antiforgery) =>
        {
            antiforgery.GetAndStoreTokens(c);
            return "form";
        });
        app.MapGet("/print/prescriptions/1", () => "printable");
        app.MapGet("/export/queue.csv", () => "a,b");
        app.MapGet("/health", () => "ok");
        app.MapGet("/patients", () => "list");
        await app.StartAsync();
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
        return (app, http);
    }

    private static HttpRequestMessage Get(string path, string? forwardedFor = null, string? forwardedProto = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", forwardedProto);
        if (host is not null)
            request.Headers.Host = host;
        return request;
    }

    [Test]
    public async Task Behind_a_proxy_on_this_machine_the_real_client_and_https_are_seen_cookies_are_secure_and_HSTS_is_sent()
    {
        var (app, http) = await StartAsync();
        await using (app)
        using (http)
        {
            using var who = await http.SendAsync(Get("/who", "203.0.113.7", "https", "clinic.example"));
            Assert.That(await who.Content.ReadAsStringAsync(), Is.EqualTo("203.0.113.7 https"));
            Assert.That(who.Headers.TryGetValues("Strict-Transport-Security", out var hsts), Is.True, "HSTS on HTTPS outside Development");
            Assert.That(hsts!.Single(), Does.StartWith("max-age=15552000"));

            // A client's own X-Forwarded-For entries are not believed: only the one the proxy appended.
            using var chained = await http.SendAsync(Get("/who", "198.51.100.1, 203.0.113.8", "https"));
            Assert.That(await chained.Content.ReadAsStringAsync(), Is.EqualTo("203.0.113.8 https"));

            using var form = await http.SendAsync(Get("/form", "203.0.113.7", "https", "clinic.example"));
            var cookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.That(cookie, Does.Contain("; secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);

            using var plain = await http.SendAsync(Get("/form", host: "clinic.example"));
            var plainCookie = plain.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.That(plainCookie, Does.Not.Contain("secure").IgnoreCase, "plain HTTP: same as the request");
            Assert.That(plain.Headers.Contains("Strict-Transport-Security"), Is.False);
        }
    }

    [Test]
    public async Task From_an_untrusted_address_forwarded_headers_are_ignored()
    {
        // Only 192.0.2.1 is a trusted proxy: this test connects from 127.0.0.1.
        var (app, http) = await StartAsync(new() { ["Clinic:ForwardedHeaders:KnownProxies"] = "192.0.2.1" });
        await using (app)
        using (http)
        {
            using var who = await http.SendAsync(Get("/who", "203.0.113.7", "https", "clinic.example"));
            Assert.That(await who.Content.ReadAsStringAsync(), Is.EqualTo("127.0.0.1 http"));
            Assert.That(who.Headers.Contains("Strict-Transport-Security"), Is.False);

            using var form = await http.SendAsync(Get("/form", "203.0.113.7", "https", "clinic.example"));
            var cookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.That(cookie, Does.Not.Contain("secure").IgnoreCase);
        }
    }

    [Test]
    public async Task Configured_networks_replace_the_default_and_bad_entries_stop_the_start()
    {
        var (app, http) = await StartAsync(new() { ["Clinic:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8", ["Clinic:ForwardedHeaders:KnownNetworks:1"] = "127.0.0.0/8" });
        await using (app)
        using (http)
        {
            using var who = await http.SendAsync(Get("/who", "203.0.113.9", "https"));
            Assert.That(await who.Content.ReadAsStringAsync(), Is.EqualTo("203.0.113.9 https"));
        }

        var ex = await Assert.CatchAsync<InvalidOperationException>(() => StartAsync(new() { ["Clinic:ForwardedHeaders:KnownProxies"] = "not-an-address" }));
        Assert.That(ex!.Message, Does.Contain("KnownProxies"));
    }

    [Test]
    public async Task Every_response_carries_the_security_headers_and_documents_are_never_stored()
    {
        var (app, http) = await StartAsync();
        await using (app)
        using (http)
        {
            foreach (var path in new[] { "/patients", "/print/prescriptions/1", "/export/queue.csv", "/health", "/no-such-page" })
            {
                using var response = await http.SendAsync(Get(path));
                var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
                Assert.That(csp, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'")
                    .And.Contain("base-uri 'self'").And.Match("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'"), path);
                Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), path);
                Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"), path);
                Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("strict-origin-when-cross-origin"), path);
                var noStore = path is "/print/prescriptions/1" or "/export/queue.csv" or "/health";
                Assert.That(response.Headers.CacheControl?.NoStore ?? false, Is.EqualTo(noStore), path);
            }

            // A new nonce for every response.
            using var first = await http.SendAsync(Get("/patients"));
            using var second = await http.SendAsync(Get("/patients"));
            Assert.That(first.Headers.GetValues("Content-Security-Policy").Single(), Is.Not.EqualTo(second.Headers.GetValues("Content-Security-Policy").Single()));
        }
    }
}
