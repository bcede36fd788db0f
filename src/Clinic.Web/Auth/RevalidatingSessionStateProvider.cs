using Clinic.Data.Auth;
using Clinic.Data.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Clinic.Web.Auth;

/// <summary>
/// For as long as an interactive circuit lives, asks the database every Clinic:SessionCheckSeconds
/// (default 30) whether its session is still live, without counting as activity; an ended session
/// loses its authenticated state and the page shows the sign-in redirect, with the database's reason. Every procedure call checks
/// the session anyway, so an action on an open page fails at once.
/// </summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>
    /// Why the database ended this circuit's session, once a check found it ended; RedirectToSignIn shows
    /// it on the sign-in page, so a page the user was only looking at tells them why too.
    /// </summary>
    public string? EndedMessage { get; private set; }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(configuration.GetValue("Clinic:SessionCheckSeconds", 30));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.SessionToken() is not { } token)
            return false;
        await using var scope = scopeFactory.CreateAsyncScope();
        try
        {
            var state = await scope.ServiceProvider.GetRequiredService<AuthProcedures>().GetSessionAsync(token, cancellationToken);
            if (!state.IsLive)
                EndedMessage = state.Message;
            return state.IsLive;
        }
        catch (ClinicDataUnavailableException)
        {
            return true; // an outage signs nobody out; the next check decides
        }
    }
}
