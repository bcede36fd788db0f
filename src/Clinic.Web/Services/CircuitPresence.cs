using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Clinic.Web.Services;

/// <summary>
/// Whether this Blazor circuit's browser connection is up (one per circuit). Components that poll
/// (the queue board) skip their work while the connection is down, and resume when it comes back.
/// <see cref="IsOpen"/> tells a scoped service whether it serves an interactive circuit (a page open in a
/// browser) rather than one HTTP request (a prerender, a static page, an endpoint).
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    public bool IsConnected { get; private set; } = true;

    /// <summary>True from the moment this scope's circuit opens (before its components initialise) until it closes.</summary>
    public bool IsOpen { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsOpen = true;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsOpen = false;
        return Task.CompletedTask;
    }

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
