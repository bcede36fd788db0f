using Bunit;
using MudBlazor.Services;

namespace Clinic.Web.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as in MudBlazor's own tests.</summary>
public abstract class BunitTest
{
    protected BunitContext Context { get; private set; } = default!;

    [SetUp]
    public virtual void Setup()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    /// <summary>
    /// As in the browser once the circuit runs: pages that read a patient's record skip the prerender (each read is logged),
    /// so they ask whether the render is interactive. Call after the services are registered (it builds the renderer).
    /// </summary>
    protected void RenderInteractively() =>
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    // MudBlazor's popover service is only async-disposable.
    [TearDown]
    public async Task TearDownAsync() => await Context.DisposeAsync();
}
