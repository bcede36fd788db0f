using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using System.Security.Claims;

namespace Clinic.Web.Auth;

/// <summary>
/// Checks once a minute (Clinic:SessionCheckSeconds), for as long as an interactive circuit lives, that its account is still
/// active; a deactivated account loses its authenticated state and is sent to sign-in.
/// </summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionValidator.Interval(configuration);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.UserId() is not { } userId)
            return false;
        await using var scope = scopeFactory.CreateAsyncScope();
        try
        {
            var session = await scope.ServiceProvider.GetRequiredService<AuthProcedures>().GetSessionAsync(userId, cancellationToken);
            return session is not null;
        }
        catch (ClinicDataUnavailableException)
        {
            return true; // an outage signs nobody out; the next check decides
        }
    }
}
