using Bunit;
using Clinic.Data.Common;
using Clinic.Web.Components.Shared;

namespace Clinic.Web.Tests;

public sealed class FriendlyErrorTests : BunitTest
{
    [Test]
    public void A_rule_violation_shows_the_database_message()
    {
        var error = Context.Render<FriendlyError>(p => p.Add(e => e.Exception, new ClinicRuleException(50102, "Your role is not allowed to do this.")));

        Assert.That(error.Find("[data-testid=page-error]").TextContent, Does.Contain("Your role is not allowed to do this."));
    }

    [Test]
    public void A_programming_error_shows_a_generic_message_without_details()
    {
        var error = Context.Render<FriendlyError>(p => p.Add(e => e.Exception, new InvalidOperationException("secret stack detail")));

        Assert.That(error.Find("[data-testid=page-error]").TextContent,
            Does.Contain("Sorry, something went wrong on this page.").And.Not.Contain("secret stack detail"));
    }
}
