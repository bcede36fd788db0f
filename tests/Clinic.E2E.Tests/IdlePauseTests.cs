using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// An idle staff page gives its server memory back (issue 15, js/idle-pause.js): after
/// Clinic:Circuits:IdlePauseSeconds without input the page pauses its circuit, the server drops it, and Resume
/// rebuilds a working page. A page with something typed in it, or one that refreshes itself, is never paused. On an
/// instance of the app of its own with a 2-second idle time, which counts the circuits it holds.
/// </summary>
[NonParallelizable]
public sealed class IdlePauseTests : BrowserTest
{
    private static readonly CircuitCount Circuits = new();
    private static ExtraApp? _app;

    private static ExtraApp App => _app ??= ExtraApp.Start("Development",
        // A closed tab's circuit is dropped after a second, so that each test counts only its own.
        new Dictionary<string, string> { ["Clinic:Circuits:IdlePauseSeconds"] = "2", ["Clinic:Circuits:DisconnectedRetentionSeconds"] = "1" },
        services => services.AddScoped<CircuitHandler>(_ => new CountingHandler(Circuits)));

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _app = null;
    }

    private async Task SignInAtAsync(string path)
    {
        await Page.GotoAsync(App.BaseUrl + "/account/sign-in");
        await SubmitSignInAsync(Page, "reception", "reception123");
        await Page.GotoAsync(App.BaseUrl + path);
        await WaitForInteractiveAsync();
    }

    [Test]
    public async Task An_idle_page_is_paused_the_server_drops_its_circuit_and_resume_brings_back_a_working_page()
    {
        await SignInAtAsync("/patients");
        await Expect(TestId("register-patient")).ToBeVisibleAsync();
        await Circuits.WaitForAsync(1);

        // Nobody touches the page: it pauses, the server closes the circuit, the page stays on screen behind the dialog.
        await Expect(TestId("paused-message")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-circuit", "paused");
        await Circuits.WaitForAsync(0);
        await ScreenshotAsync("idle-paused");

        // Resume: a new circuit, and the page works (navigation to the register form).
        await TestId("resume").ClickAsync();
        await Expect(TestId("paused-message")).ToBeHiddenAsync();
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-circuit", "running");
        await WaitForInteractiveAsync();
        await Circuits.WaitForAsync(1);
        await TestId("register-patient").ClickAsync();
        await Expect(TestId("editor-title")).ToHaveTextAsync("Register patient");
    }

    [Test]
    public async Task A_page_with_something_typed_in_it_is_never_paused_and_keeps_the_text()
    {
        await SignInAtAsync("/patients/new");
        await Expect(TestId("editor-title")).ToHaveTextAsync("Register patient");
        await TestId("given-name").FillAsync("Half-typed");
        await Circuits.WaitForAsync(1);

        // Four times the idle time, and more than one check of the script.
        await Page.WaitForTimeoutAsync(8_000);
        await Expect(TestId("paused-message")).ToBeHiddenAsync();
        await Expect(TestId("given-name")).ToHaveValueAsync("Half-typed");
        Assert.That(Circuits.Open, Is.EqualTo(1));
    }

    [Test]
    public async Task The_queue_board_refreshes_itself_so_it_is_never_paused()
    {
        await SignInAtAsync("/queue");
        await Circuits.WaitForAsync(1);
        await Page.WaitForTimeoutAsync(8_000);
        await Expect(TestId("paused-message")).ToBeHiddenAsync();
        Assert.That(Circuits.Open, Is.EqualTo(1));
    }

    /// <summary>The circuits this instance holds open.</summary>
    private sealed class CircuitCount
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Add(int delta) => Interlocked.Add(ref _open, delta);

        public async Task WaitForAsync(int expected)
        {
            for (var i = 0; i < 200 && Open != expected; i++)
                await Task.Delay(100);
            Assert.That(Open, Is.EqualTo(expected), "circuits open on the server");
        }
    }

    private sealed class CountingHandler(CircuitCount count) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Add(1);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Add(-1);
            return Task.CompletedTask;
        }
    }
}
