using Bunit;
using Clinic.Web.Components.Shared;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Web.Tests;

/// <summary>The one timer of the self-refreshing pages (queue board, My day, pharmacy dashboard).</summary>
public sealed class AutoRefreshTests : BunitTest
{
    private int ticks;

    /// <summary>NUnit keeps one instance for every test of the class: each test counts its own ticks.</summary>
    [SetUp]
    public void ResetTicks() => Volatile.Write(ref ticks, 0);

    /// <summary>Every parameter, as a page passes them on each render.</summary>
    private void Parameters(ComponentParameterCollectionBuilder<AutoRefresh> p, bool enabled) => p
        .Add(x => x.Every, TimeSpan.FromMilliseconds(30))
        .Add(x => x.Enabled, enabled)
        .Add(x => x.OnTick, EventCallback.Factory.Create(this, () => Interlocked.Increment(ref ticks)));

    /// <summary>Waits (up to 5 s) for the ticks to reach a count: the timer renders no ticks, so there is no render to wait for.</summary>
    private async Task<int> TicksReachAsync(int count)
    {
        for (var waited = 0; waited < 5_000 && Volatile.Read(ref ticks) < count; waited += 20)
            await Task.Delay(20);
        return Volatile.Read(ref ticks);
    }

    private IRenderedComponent<AutoRefresh> Render(bool enabled = true) => Context.Render<AutoRefresh>(p => Parameters(p, enabled));

    [Test]
    public void A_page_that_refreshes_itself_is_marked_to_stay_awake_unless_its_timer_says_otherwise()
    {
        // js/idle-pause.js never pauses a page holding data-keeps-awake (IdlePauseTests shows it on the queue board).
        Assert.That(Render(enabled: false).FindAll("[data-keeps-awake]"), Has.Count.EqualTo(1));

        var banner = Context.Render<AutoRefresh>(p =>
        {
            Parameters(p, false);
            p.Add(x => x.KeepsPageAwake, false);
        });
        Assert.That(banner.FindAll("[data-keeps-awake]"), Is.Empty);
    }

    [Test]
    public async Task It_calls_back_every_interval()
    {
        Render();

        Assert.That(await TicksReachAsync(3), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Disabled_or_disconnected_it_waits_and_disposed_it_stops()
    {
        var presence = new CircuitPresence();
        Context.Services.AddSingleton(presence);
        await presence.OnConnectionDownAsync(null!, CancellationToken.None);
        var timer = Render();
        await Task.Delay(200);
        Assert.That(Volatile.Read(ref ticks), Is.Zero, "no ticks while the browser is disconnected");

        await presence.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.That(await TicksReachAsync(1), Is.GreaterThanOrEqualTo(1), "ticks again once the browser is back");

        timer.Render(p => Parameters(p, false));
        // A tick that passed its check just before the render may still land (never two at once): at most one more.
        var atDisable = Volatile.Read(ref ticks);
        await Task.Delay(300);
        var paused = Volatile.Read(ref ticks);
        Assert.That(paused, Is.LessThanOrEqualTo(atDisable + 1), "no ticks while disabled (ten would have come)");

        timer.Render(p => Parameters(p, true));
        Assert.That(await TicksReachAsync(paused + 1), Is.GreaterThan(paused), "ticks again once enabled");
        await ((IAsyncDisposable)timer.Instance).DisposeAsync();
        var stopped = Volatile.Read(ref ticks);
        await Task.Delay(200);
        Assert.That(Volatile.Read(ref ticks), Is.EqualTo(stopped), "no ticks after dispose");
    }
}
