using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Playwright;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The app in Chromium under its Content-Security-Policy: Blazor Server (websocket), MudBlazor and the
/// import map work, and the browser reports no violation.
/// </summary>
public sealed class ContentSecurityPolicyTests : BrowserTest
{
    [Test]
    public async Task The_app_works_under_its_content_security_policy_and_the_browser_reports_no_violation()
    {
        var violations = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Add($"{Page.Url}: {message.Text}");
        };
        Page.PageError += (_, error) => violations.Add($"{Page.Url}: page error {error}");
        // Also the violations that reach no console message (reported to the page itself).
        await Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('Refused to (CSP) ' + e.violatedDirective + ' ' + e.blockedURI));");

        var signIn = await Page.GotoAsync("/account/sign-in");
        var policy = await signIn!.HeaderValueAsync("content-security-policy") ?? "";
        Assert.That(policy, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.Contain("base-uri 'self'"));
        var nonce = Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.That(nonce, Is.Not.Empty);
        Assert.That(await Page.Locator("script[type=importmap]").EvaluateAsync<string>("s => s.nonce"), Is.EqualTo(nonce),
            "the import map carries this response's nonce");

        await SignInAsync("admin", "admin123");
        await Expect(TestId("home-counts")).ToBeVisibleAsync();

        // Interactive pages over the websocket: a search, a MudBlazor select and dialog, enhanced navigation.
        await TestId("nav-patients").ClickAsync();
        await Expect(TestId("patient-search")).ToBeVisibleAsync();
        await TestId("patient-search").FillAsync("Nakato");
        await Expect(TestId("patients-table").Locator("tbody tr").First).ToContainTextAsync("Nakato");
        foreach (var path in new[] { "/appointments", "/queue", "/pharmacy", "/admin/settings", "/visits" })
        {
            await GotoInteractiveAsync(path);
            await Expect(Page.Locator(".mud-main-content")).ToBeVisibleAsync();
        }
        await ScreenshotAsync("csp-admin-settings");
        await GotoInteractiveAsync("/queue");
        await ScreenshotAsync("csp-queue");

        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public async Task Printable_documents_and_exports_are_never_stored_and_every_page_has_the_security_headers()
    {
        await SignInAsync("admin", "admin123");
        foreach (var path in new[] { "/print/prescriptions/1", "/print/receipts/1", "/export/queue.csv", "/health" })
        {
            var response = await Context.APIRequest.GetAsync(path, new APIRequestContextOptions { MaxRedirects = 0 });
            Assert.That(response.Headers.GetValueOrDefault("cache-control"), Does.Contain("no-store"), path);
            Assert.That(response.Headers.GetValueOrDefault("x-content-type-options"), Is.EqualTo("nosniff"), path);
            Assert.That(response.Headers.GetValueOrDefault("x-frame-options"), Is.EqualTo("DENY"), path);
            Assert.That(response.Headers.GetValueOrDefault("referrer-policy"), Is.EqualTo("strict-origin-when-cross-origin"), path);
            Assert.That(response.Headers.GetValueOrDefault("content-security-policy"), Does.Contain("frame-ancestors 'none'"), path);
        }
    }
}

/// <summary>
/// Sign-in behind a reverse proxy: on the shared app (Development; loopback is a trusted proxy by
/// default) the client address the database records is the real client's, and the cookie is Secure
/// when the proxy says the request came over HTTPS.
/// </summary>
public sealed class SignInBehindAProxyTests
{
    [Test]
    public async Task Through_a_trusted_proxy_the_real_client_address_is_recorded_and_the_cookie_is_secure()
    {
        ClinicApp.RequireDatabase();
        var (id, username) = await ClinicApp.CreateAccountAsync("proxy", "nurse", "right-password-1");
        using var http = SignInForm.Client(ClinicApp.BaseUrl);

        var client = $"203.0.113.{Random.Shared.Next(1, 250)}";
        using var viaProxy = await SignInForm.PostAsync(http, username, "right-password-1",
            new Dictionary<string, string> { ["X-Forwarded-For"] = client, ["X-Forwarded-Proto"] = "https" });
        Assert.That(viaProxy.StatusCode, Is.EqualTo(HttpStatusCode.Found), await viaProxy.Content.ReadAsStringAsync());
        var cookie = SignInForm.Cookies(viaProxy).Single(c => c.Name == "clinic.auth").Line;
        Assert.That(cookie, Does.Contain("; secure").And.Contain("; httponly").And.Contain("; samesite=lax"));
        Assert.That(await LatestSessionAddressAsync(id), Is.EqualTo(client));

        using var direct = await SignInForm.PostAsync(http, username, "right-password-1");
        Assert.That(direct.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(SignInForm.Cookies(direct).Single(c => c.Name == "clinic.auth").Line, Does.Not.Contain("secure"), "plain HTTP: same as the request");
        Assert.That(await LatestSessionAddressAsync(id), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task From_an_untrusted_address_a_forged_client_address_and_scheme_are_ignored()
    {
        ClinicApp.RequireDatabase();
        var (id, username) = await ClinicApp.CreateAccountAsync("spoof", "nurse", "right-password-1");
        // Only 192.0.2.1 is a trusted proxy of this instance; the test connects from 127.0.0.1.
        await using var app = ExtraApp.Start("Production", new Dictionary<string, string> { ["Clinic:ForwardedHeaders:KnownProxies"] = "192.0.2.1" });
        using var http = app.Client();

        using var forged = await SignInForm.PostAsync(http, username, "right-password-1",
            new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.99", ["X-Forwarded-Proto"] = "https", ["Host"] = "clinic.example" });

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(await LatestSessionAddressAsync(id), Is.EqualTo("127.0.0.1"));
        Assert.That(SignInForm.Cookies(forged).Single(c => c.Name == "clinic.auth").Line, Does.Not.Contain("secure"));
        Assert.That(forged.Headers.Contains("Strict-Transport-Security"), Is.False);
    }

    private static async Task<string?> LatestSessionAddressAsync(int userAccountId)
    {
        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT client_address FROM user_session WHERE user_account_id = @userAccountId ORDER BY user_session_id DESC LIMIT 1", new { userAccountId });
    }
}

/// <summary>
/// The sign-in rate limit on an instance of the app with low limits (3 attempts a minute per username,
/// 4 per client address) in production mode behind a proxy on this machine: a refused attempt shows
/// the message and never reaches the database (which records every attempt it sees in sign_in_throttle).
/// </summary>
public sealed class SignInRateLimitTests : BrowserTest
{
    private const string Refused = "Too many sign-in attempts. Please wait a minute and try again.";
    private static ExtraApp? _app;

    private static ExtraApp App => _app ??= ExtraApp.Start("Production", new Dictionary<string, string>
    {
        ["Clinic:SignInLimits:PerUsernamePerMinute"] = "3",
        ["Clinic:SignInLimits:PerAddressPerMinute"] = "4",
    });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>An address of the TEST-NET ranges that no other test in this run uses.</summary>
    private static string NewAddress() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    [Test]
    public async Task A_username_tried_too_often_from_many_addresses_is_refused_before_the_database_even_with_the_right_password()
    {
        var (id, username) = await ClinicApp.CreateAccountAsync("rate", "receptionist", "right-password-1");
        var page = await Context.NewPageAsync();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = NewAddress() });
            await page.GotoAsync(App.BaseUrl + "/account/sign-in");
            await SubmitSignInAsync(page, username, "wrong-password");
            await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("The username or password is incorrect.");
        }

        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = NewAddress() });
        await page.GotoAsync(App.BaseUrl + "/account/sign-in");
        await SubmitSignInAsync(page, username, "right-password-1");
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync(Refused);
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath("sign-in-rate-limited") });

        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sign_in_throttle WHERE username_key = @username", new { username }),
            Is.EqualTo(3), "the database saw three attempts (one row per address), not the fourth");
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_session WHERE user_account_id = @id", new { id }), Is.Zero);
    }

    [Test]
    public async Task An_address_trying_too_many_usernames_is_refused_with_429_and_other_addresses_are_not()
    {
        using var http = App.Client();
        var address = new Dictionary<string, string> { ["X-Forwarded-For"] = NewAddress() };
        var usernames = Enumerable.Range(0, 6).Select(_ => ClinicApp.UniqueUsername("addr")).ToList();

        for (var i = 0; i < 4; i++)
        {
            using var allowed = await SignInForm.PostAsync(http, usernames[i], "whatever-123", address);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await allowed.Content.ReadAsStringAsync(), Does.Contain("The username or password is incorrect."));
        }

        using var refused = await SignInForm.PostAsync(http, usernames[4], "whatever-123", address);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain(Refused));

        // The same username from another client is passed on: the limit is the client's, not everyone's.
        using var elsewhere = await SignInForm.PostAsync(http, usernames[4], "whatever-123", new Dictionary<string, string> { ["X-Forwarded-For"] = NewAddress() });
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using var connection = new MySqlConnection(ClinicApp.MigratorConnectionString);
        var seen = (await connection.QueryAsync<(string Username, string Address)>(
            "SELECT username_key, client_address FROM sign_in_throttle WHERE username_key IN @usernames", new { usernames })).ToList();
        Assert.That(seen.Count(s => s.Address == address["X-Forwarded-For"]), Is.EqualTo(4), "the refused attempt never reached the database");
        Assert.That(seen.Count(s => s.Username == usernames[4]), Is.EqualTo(1), "only the attempt from the other address");
    }

    [Test]
    public async Task In_production_HTTPS_through_the_proxy_gets_HSTS_and_plain_HTTP_does_not()
    {
        using var http = App.Client();
        using var https = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        https.Headers.Host = "clinic.example";
        https.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        using var secure = await http.SendAsync(https);
        Assert.That(secure.Headers.GetValues("Strict-Transport-Security").Single(), Does.StartWith("max-age="));

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        plain.Headers.Host = "clinic.example";
        using var insecure = await http.SendAsync(plain);
        Assert.That(insecure.Headers.Contains("Strict-Transport-Security"), Is.False);
    }
}
