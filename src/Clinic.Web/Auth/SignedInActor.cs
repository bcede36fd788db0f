using Clinic.Data.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace Clinic.Web.Auth;

/// <summary>The data layer's actor: the signed-in user's id, read from the Blazor authentication state.</summary>
public sealed class SignedInActor(AuthenticationStateProvider authState) : IActorAccessor
{
    public async ValueTask<int?> GetActorIdAsync() => (await authState.GetAuthenticationStateAsync()).User.UserId();
}
