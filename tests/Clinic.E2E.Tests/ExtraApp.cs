using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.E2E.Tests;

/// <summary>
/// A second instance of the real app (Kestrel on a free port, same database as <see cref="ClinicApp"/>)
/// with its own environment and settings, for tests of settings the shared app cannot have (low sign-in
/// limits, production HSTS, an untrusted proxy). Demo mode is off: the shared fixture (ClinicApp) loaded the demo data.
/// </summary>
public sealed class ExtraApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public string BaseUrl { get; }

    private ExtraApp(WebApplicationFactory<Program> factory, string baseUrl) => (_factory, BaseUrl) = (factory, baseUrl);

    /// <param name="services">Services the test adds to this instance (e.g. a circuit handler that counts circuits).</param>
    public static ExtraApp Start(string environment, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Clinic:DemoMode", "false");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            if (services is not null)
                builder.ConfigureServices(services);
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0)); // 127.0.0.1 on a free port
        factory.StartServer();
        var url = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return new ExtraApp(factory, url);
    }

    public HttpClient Client() => SignInForm.Client(BaseUrl);

    /// <summary>This instance's services (its own data source, pool and <c>DatabaseAvailability</c>).</summary>
    public IServiceProvider Services => _factory.Services;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

/// <summary>The static sign-in form over plain HTTP, as a browser posts it (antiforgery token and cookie included).</summary>
public static partial class SignInForm
{
    public static HttpClient Client(string baseUrl) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    /// <summary>Loads the sign-in page and posts it; <paramref name="headers"/> go with both requests (e.g. X-Forwarded-For).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string username, string password, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var get = Request(HttpMethod.Get, "/account/sign-in", headers);
        using var page = await http.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);

        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Username"] = username;
        fields["Input.Password"] = password;

        var post = Request(HttpMethod.Post, "/account/sign-in", headers);
        post.Content = new FormUrlEncodedContent(fields);
        post.Headers.Add("Cookie", string.Join("; ", Cookies(page).Select(c => $"{c.Name}={c.Value}")));
        return await http.SendAsync(post);
    }

    /// <summary>The cookies a response sets: name, value and the whole Set-Cookie line (attributes in lower case).</summary>
    public static IReadOnlyList<(string Name, string Value, string Line)> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var lines)
            ? lines.Select(line =>
            {
                var pair = line.Split(';')[0];
                var at = pair.IndexOf('=');
                return (pair[..at], pair[(at + 1)..], line.ToLowerInvariant());
            }).ToList()
            : [];

    private static HttpRequestMessage Request(HttpMethod method, string path, IReadOnlyDictionary<string, string>? headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                request.Headers.Host = value;
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" */?>""")]
    private static partial Regex HiddenInput();
}
