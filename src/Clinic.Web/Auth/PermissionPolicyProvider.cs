using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Clinic.Web.Auth;

/// <summary>
/// Serves one authorization policy per permission code of <see cref="Permissions"/>, named after the code:
/// <c>[Authorize(Policy = Permissions.ClinicalRead)]</c> lets in a signed-in user whose session holds that
/// permission (a <see cref="ClinicClaims.Permission"/> claim, from the database's map). Any other name goes to
/// the default provider, which refuses an unknown policy loudly rather than letting everyone in.
/// </summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider fallback = new(options);

    public static AuthorizationPolicy PolicyFor(string permission) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(ClinicClaims.Permission, permission)
            .Build();

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        Permissions.All.Contains(policyName)
            ? Task.FromResult<AuthorizationPolicy?>(PolicyFor(policyName))
            : fallback.GetPolicyAsync(policyName);

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => fallback.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => fallback.GetFallbackPolicyAsync();
}
