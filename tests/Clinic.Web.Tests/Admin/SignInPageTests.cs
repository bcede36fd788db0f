using Bunit;
using Clinic.Data.Auth;
using Clinic.Web.Auth;
using Clinic.Web.Components.Account;
using Clinic.Web.Security;
using Clinic.Web.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clinic.Web.Tests.Admin;

/// <summary>The sign-in page shows what the database answers; it decides nothing about the attempt itself.</summary>
public sealed class SignInPageTests : BunitTest
{
    private sealed class FakeSignIn : ISignIn
    {
        public SignInResult Answer { get; set; } = new("invalid", "", null);
        public List<string> Usernames { get; } = [];

        public Task<SignInResult> SignInAsync(string username, string password, string? clientAddress = null, string? userAgent = null, CancellationToken ct = default)
        {
            Usernames.Add(username);
            return Task.FromResult(Answer);
        }
    }

    private FakeSignIn signIn = default!;

    public override void Setup()
    {
        base.Setup();
        signIn = new FakeSignIn();
        Context.Services.AddSingleton<ISignIn>(signIn);
        Context.Services.AddSingleton(new SessionEndedNotice(new EphemeralDataProtectionProvider()));
        Context.Services.AddSingleton(new SignInThrottle(Options.Create(new SignInLimitOptions())));
        Context.Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
    }

    private IRenderedComponent<SignIn> RenderPage() =>
        Context.Render<SignIn>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));

    [Test]
    public void A_refused_sign_in_shows_the_databases_sentence()
    {
        signIn.Answer = new SignInResult("locked", "This account is locked after too many failed sign-ins. Ask an administrator to unlock it.", null);
        var page = RenderPage();
        Assert.That(page.FindAll("[data-testid=sign-in-error]"), Is.Empty);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.That(page.Find("[data-testid=sign-in-error]").TextContent,
            Is.EqualTo("This account is locked after too many failed sign-ins. Ask an administrator to unlock it.")));
        Assert.That(signIn.Usernames, Has.Count.EqualTo(1), "one attempt reached the database");
    }
}
