using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Clinic.Web.Tests.Pharmacy;

/// <summary>A bUnit context with MudBlazor's providers rendered, and a retried assertion built on WaitForState.</summary>
public abstract class PharmacyTest : BunitTest
{
#pragma warning disable NUnit1032 // The bUnit context owns and disposes its rendered components.
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;
#pragma warning restore NUnit1032

    /// <summary>
    /// Signs in with exactly these permissions and renders the providers. Call after the services are registered: bUnit
    /// freezes the container at the first render.
    /// </summary>
    protected void RenderProvidersWith(params string[] permissions)
    {
        SignInWith(permissions);
        RenderProvidersOnly();
    }

    private void RenderProvidersOnly()
    {
        RenderInteractively();
        Popovers = Context.Render<MudPopoverProvider>();
        Dialogs = Context.Render<MudDialogProvider>();
        Snackbars = Context.Render<MudSnackbarProvider>();
    }

    /// <summary>
    /// Waits (up to 5 s) until the assertion holds, then asserts it once for real. The retries run isolated, because NUnit
    /// records a failed Assert.That in the test result even when the exception is caught.
    /// </summary>
    protected static void WaitUntil<T>(IRenderedComponent<T> component, Action assertion) where T : IComponent
    {
        try
        {
            component.WaitForState(() => Passes(assertion), TimeSpan.FromSeconds(5));
        }
        catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
        {
            // The assertion below says what is wrong.
        }
        assertion();
    }

    private static bool Passes(Action assertion)
    {
        using (new NUnit.Framework.Internal.TestExecutionContext.IsolatedContext())
        {
            try
            {
                assertion();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    protected static string[] Texts<T>(IRenderedComponent<T> component, string selector) where T : IComponent =>
        component.FindAll(selector).Select(e => e.TextContent.Trim()).ToArray();

    /// <summary>The snackbar's text (HTML-decoded, so an apostrophe compares as itself).</summary>
    protected string SnackbarText => System.Net.WebUtility.HtmlDecode(Snackbars.Markup);
}
