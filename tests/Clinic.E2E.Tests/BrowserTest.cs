using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Clinic.E2E.Tests;

/// <summary>One fresh browser context (no cookies) per test.</summary>
public abstract class BrowserTest
{
    protected IBrowserContext Context { get; private set; } = default!;
    protected IPage Page { get; private set; } = default!;

    [SetUp]
    public async Task OpenPageAsync()
    {
        ClinicApp.RequireDatabase();
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    /// <summary>Every browser context a test opened (its own and those of other users it signed in), by test id.</summary>
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<IBrowserContext>> Opened = new();

    [TearDown]
    public async Task ClosePageAsync()
    {
        var contexts = Opened.TryRemove(TestContext.CurrentContext.Test.ID, out var opened) ? opened.ToList() : [];
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            await SaveFailureAsync(contexts);
        foreach (var context in contexts)
            await context.CloseAsync();
    }

    /// <summary>
    /// A failed test leaves a screenshot and the HTML of every page it had open, in every context (the second user's page
    /// is often the one that failed), named failed-TEST-N.png and failed-TEST-N.html.
    /// </summary>
    private static async Task SaveFailureAsync(IReadOnlyList<IBrowserContext> contexts)
    {
        var name = "failed-" + string.Concat(TestContext.CurrentContext.Test.Name.Where(char.IsLetterOrDigit));
        var pages = contexts.SelectMany(c => c.Pages).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var file = pages.Count == 1 ? name : $"{name}-{i + 1}";
            try
            {
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(file), Animations = ScreenshotAnimations.Disabled, Timeout = 10_000 });
                await File.WriteAllTextAsync(Path.ChangeExtension(ClinicApp.ScreenshotPath(file), ".html"), $"<!-- {pages[i].Url} -->\n" + await pages[i].ContentAsync());
            }
            catch (PlaywrightException e)
            {
                TestContext.Progress.WriteLine($"{file}: no screenshot ({e.Message.Split('\n')[0]})");
            }
        }
    }

    /// <summary>
    /// A browser context whose actions and navigations wait up to 60 s (Playwright's default is 30 s): scripts/test.sh runs
    /// the browser tests beside both database lanes on 2 cores, and a sign-in (a password hash, then the app's first render)
    /// can wait long for the CPU. A passing step returns as soon as it can.
    /// </summary>
    protected static async Task<IBrowserContext> NewContextAsync()
    {
        var context = await ClinicApp.Browser.NewContextAsync(ContextOptions(ClinicApp.BaseUrl));
        context.SetDefaultTimeout(60_000);
        Opened.GetOrAdd(TestContext.CurrentContext.Test.ID, _ => new ConcurrentQueue<IBrowserContext>()).Enqueue(context);
        return context;
    }

    /// <summary>
    /// The options of every test's browser context: the app's address, a 1280x900 window, and the system's "reduce
    /// motion" asked for. The app then ends its animations at once (app.css): the browser draws no in-between frames of
    /// ripples, dialogs and lists, which took about a quarter of its CPU in the browser tests (docs/benchmarks.md, issue 15).
    /// <see cref="ShellTests"/> checks the animations both ways.
    /// </summary>
    internal static BrowserNewContextOptions ContextOptions(string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ViewportSize = Clinic.Tests.Shared.TestBrowser.Window,
        ReducedMotion = ReducedMotion.Reduce,
    };

    protected ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>Signs in on the static sign-in page; does not wait for the result.</summary>
    protected static async Task SubmitSignInAsync(IPage page, string username, string password)
    {
        if (!page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
            await page.GotoAsync("/account/sign-in");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Signs in and waits until the page is interactive.</summary>
    protected async Task SignInAsync(string username, string password)
    {
        await SubmitSignInAsync(Page, username, password);
        await WaitForInteractiveAsync();
    }

    protected Task WaitForInteractiveAsync() =>
        Page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    protected async Task GotoInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// Types <paramref name="text"/> into an autocomplete or search box key by key, and types it again (up to three
    /// times) when the box does not hold exactly that text afterwards: on a loaded machine the first key can land
    /// while the box is still being rendered and be lost, and the search then looks for the wrong text.
    /// </summary>
    protected static Task TypeAsync(ILocator input, string text) =>
        EnterUntilHeldAsync(input, text, async () =>
        {
            await input.ClickAsync();
            await input.FillAsync("");
            await input.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = 30 });
        });

    /// <summary>
    /// Chooses <paramref name="option"/> (the item's whole text, or its start when <paramref name="exact"/> is false) in the
    /// MudSelect labelled <paramref name="label"/> within <paramref name="scope"/>, then waits until the server has closed
    /// the list: the next field is filled on a page that is no longer re-rendering for the choice.
    /// </summary>
    protected async Task SelectAsync(ILocator scope, string label, string option, bool exact = true)
    {
        var select = scope.Locator(".mud-select").Filter(new LocatorFilterOptions { HasText = label }).First;
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(option) + (exact ? "$" : "");
        await PickAsync(select, Page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(pattern) }), "select-" + label);
    }

    /// <summary>
    /// Opens a MudSelect's list and chooses one of its items: clicks the select until the item shows (up to three times,
    /// 10 s each, with a screenshot of each miss), then chooses it (<see cref="ChooseAsync"/>). In a fresh-clone run on
    /// 2026-12-06 a click on the role select of a dialog that had just opened opened nothing in 60 s (the screenshot showed
    /// the dialog with its select closed).
    /// </summary>
    protected static async Task PickAsync(ILocator select, ILocator item, string name)
    {
        await ClickUntilShownAsync(select.Page, select, item.First, name, () => Task.CompletedTask);
        await ChooseAsync(item.First);
    }

    /// <summary>
    /// Clicks an item of an open MudSelect or MudAutocomplete list, then waits (up to 20 s) until the server has closed the
    /// list, so that the next field is filled on a page that no longer re-renders for the choice: text filled right after
    /// a list closed was lost four times on a loaded machine (a booking's reason, a date of birth, and in a fresh-clone run
    /// on 2026-12-06 a new account's password, filled right after its Role was chosen: the account was refused for having none).
    /// A list may also give the focus back to its own field as it closes; text typed then goes there, so a field filled
    /// right after a choice is filled with <see cref="FillAndLeaveAsync"/>, which checks that it holds the text.
    /// </summary>
    protected static async Task ChooseAsync(ILocator item)
    {
        await item.ClickAsync();
        await Assertions.Expect(item.Page.Locator(".mud-popover-open .mud-list-item"))
            .ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 20_000 });
    }

    /// <summary>
    /// Fills a text field and leaves it (Tab), so that its value reaches the server before the next click, and fills it
    /// again (up to three times) when it does not hold the text afterwards. A booking's reason filled right after the Room
    /// select closed was once saved empty (the booking had no reason; the screenshot showed the field empty).
    /// </summary>
    protected static Task FillAndLeaveAsync(ILocator input, string text) =>
        EnterUntilHeldAsync(input, text, async () =>
        {
            await input.FillAsync(text);
            await input.PressAsync("Tab");
        });

    /// <summary>
    /// Types a date into an editable MudDatePicker's input, confirms it (Enter) and closes the picker (Escape); types it
    /// again (up to three times) when the input does not hold it afterwards: a date of birth filled right after the Sex
    /// select closed was once lost (the field empty in the screenshot), and the patient was refused for having none.
    /// </summary>
    protected Task FillDateAsync(ILocator input, string date) =>
        EnterUntilHeldAsync(input, date, async () =>
        {
            await input.FillAsync(date);
            await input.PressAsync("Enter");
            await Page.Keyboard.PressAsync("Escape");
        });

    /// <summary>
    /// Enters <paramref name="text"/> with <paramref name="enter"/>, and again (up to three times in all) while the input does
    /// not hold exactly that text afterwards; then expects it to hold it. What is lost, and how it is entered, is in the
    /// callers' comments.
    /// </summary>
    private static async Task EnterUntilHeldAsync(ILocator input, string text, Func<Task> enter)
    {
        for (var attempt = 1; ; attempt++)
        {
            await enter();
            if (await input.InputValueAsync() == text || attempt == 3)
                break;
        }
        await Assertions.Expect(input).ToHaveValueAsync(text);
    }

    /// <summary>
    /// Clicks <paramref name="opener"/> until <paramref name="opened"/> is visible (up to three times, 10 s each), with a
    /// screenshot of each miss: a dialog whose content never showed on a loaded machine is closed and opened again.
    /// </summary>
    protected static Task OpenAsync(IPage page, ILocator opener, ILocator opened, string name) =>
        ClickUntilShownAsync(page, opener, opened, name, () => page.Keyboard.PressAsync("Escape"));

    /// <summary>
    /// Clicks a button whose answer is <paramref name="shown"/> (a refusal's sentence) until it is visible (up to three
    /// times, 10 s each), with a screenshot of each miss. Only for a click that may be repeated: one whose answer changes
    /// nothing. On a loaded machine a click on "Open the record" right after its reason was filled once got no answer in
    /// 15 s, with the dialog still open and the text in place (fresh-clone run beside another build, 2026-12-06).
    /// </summary>
    protected static Task SubmitUntilShownAsync(IPage page, ILocator button, ILocator shown, string name) =>
        ClickUntilShownAsync(page, button, shown, name, () => Task.CompletedTask);

    private static async Task ClickUntilShownAsync(IPage page, ILocator button, ILocator shown, string name, Func<Task> afterMiss)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await shown.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath($"retry-{name}-{attempt}") });
                await afterMiss();
            }
        }
    }

    protected Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = ClinicApp.ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled });
}
