using System.Reflection;
using System.Security.Claims;
using Clinic.Data.Auth;
using Clinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clinic.Web.Tests;

/// <summary>
/// Page access comes from the session's permissions: every page names one permission as its policy, and the real
/// authorization service (with <see cref="PermissionPolicyProvider"/>, as the app registers it) lets in exactly the
/// principals whose session holds it. The router shows the not-allowed page to the others (browser tests).
/// </summary>
public sealed class PageAccessTests
{
    /// <summary>Pages for any signed-in account: home, changing one's password, and the not-allowed page itself.</summary>
    private static readonly string[] AnySignedIn = ["/", "/account/password", "/account/not-allowed"];

    private static readonly IReadOnlyList<(string Route, Type Page)> Pages = typeof(Permissions).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)))
        .OrderBy(p => p.Template, StringComparer.Ordinal)
        .ToList();

    private static IEnumerable<TestCaseData> PermissionPages() =>
        Pages.Where(p => p.Page.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy is not null))
            .Select(p => new TestCaseData(p.Page).SetArgDisplayNames(p.Route));

    private static readonly ServiceProvider Services = BuildServices();

    [OneTimeTearDown]
    public static void DisposeServices() => Services.Dispose();

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection().AddLogging().AddOptions();
        services.AddAuthorizationCore();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>());
        return services.BuildServiceProvider();
    }

    private static ClaimsPrincipal SignedIn(params string[] permissions) => ClinicClaims.ToPrincipal(
        new AccountSession { UserAccountId = 9, Username = "tester", DisplayName = "Tester", RoleCode = "admin", RoleName = "Administrator" },
        permissions, new string('b', 64));

    private static async Task<bool> MayOpenAsync(Type page, ClaimsPrincipal user)
    {
        var policy = await AuthorizationPolicy.CombineAsync(
            Services.GetRequiredService<IAuthorizationPolicyProvider>(), page.GetCustomAttributes<AuthorizeAttribute>());
        return (await Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, policy!)).Succeeded;
    }

    [Test]
    public void Every_page_requires_a_permission_or_is_listed_as_open_to_any_signed_in_account()
    {
        Assert.That(Pages, Has.Count.GreaterThan(30), "the pages were found");
        foreach (var (route, page) in Pages)
        {
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>().ToList();
            if (page.GetCustomAttribute<AllowAnonymousAttribute>() is not null || route is "/not-found" or "/error")
                continue;
            Assert.That(authorize, Has.Count.EqualTo(1), $"{route} ({page.Name}) must say who may open it");
            var attribute = authorize[0];
            if (AnySignedIn.Contains(route))
            {
                Assert.That(attribute.Policy, Is.Null, route);
                continue;
            }
            Assert.That(attribute.Roles, Is.Null, $"{route}: no role lists, a permission");
            Assert.That(Permissions.All, Does.Contain(attribute.Policy), $"{route} ({page.Name}) must require a permission of Permissions");
        }
    }

    [TestCaseSource(nameof(PermissionPages))]
    public async Task A_page_lets_in_exactly_the_sessions_holding_its_permission(Type page)
    {
        var permission = page.GetCustomAttribute<AuthorizeAttribute>()!.Policy!;
        var others = Permissions.All.Where(p => p != permission).ToArray();

        Assert.That(await MayOpenAsync(page, SignedIn(permission)), Is.True, "with the permission");
        Assert.That(await MayOpenAsync(page, SignedIn(others)), Is.False, "with every other permission but not this one");
        Assert.That(await MayOpenAsync(page, SignedIn()), Is.False, "with none (a role claim counts for nothing)");
        Assert.That(await MayOpenAsync(page, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClinicClaims.Permission, permission)]))), Is.False,
            "a claim on an anonymous principal counts for nothing");
    }

    [Test]
    public async Task An_unknown_policy_name_is_refused_loudly_not_let_through()
    {
        var provider = Services.GetRequiredService<IAuthorizationPolicyProvider>();
        await Assert.ThatAsync(async () =>
            await AuthorizationPolicy.CombineAsync(provider, [new AuthorizeAttribute { Policy = "clinical.reed" }]), Throws.InvalidOperationException);
    }
}
