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

    // MudBlazor's popover service is only async-disposable.
    [TearDown]
    public async Task TearDownAsync() => await Context.DisposeAsync();
}
