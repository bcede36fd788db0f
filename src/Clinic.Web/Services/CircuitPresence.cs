using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Clinic.Web.Services;

/// <summary>
/// Whether this Blazor circuit's browser connection is up (one per circuit). Components that poll
/// (the queue board) skip their work while the connection is down, and resume when it comes back.
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    public bool IsConnected { get; private set; } = true;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = false;
        return Task.CompletedTask;
    }
}
