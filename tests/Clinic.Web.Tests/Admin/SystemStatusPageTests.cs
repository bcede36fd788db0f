using Bunit;
using Clinic.Data.Dashboard;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class SystemStatusPageTests : AdminPageTest
{
    [Test]
    public void Applied_migrations_are_listed_and_a_short_list_is_behind()
    {
        Admin.Migrations.Add(new AppliedMigration { ScriptName = "0001_schema_version.sql", AppliedAt = new DateTime(2026, 1, 2, 3, 4, 0) });
        var page = Context.Render<SystemStatus>();
        WaitUntil(page, () => Assert.That(Rows(page, "migration-table"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "migration-table")[0], Does.Contain("0001_schema_version.sql").And.Contain("2026-01-02 03:04"));
        Assert.That(page.Find("[data-testid=schema-state]").TextContent, Does.Not.Contain("up to date"));
    }

    [Test]
    public void No_migrations_shows_the_empty_state()
    {
        var page = Context.Render<SystemStatus>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=migrations-empty]").TextContent, Does.Contain("No migrations to show.")));
    }

    [Test]
    public void A_database_that_cannot_be_read_is_not_called_a_schema_mismatch()
    {
        Admin.Refusal = new Clinic.Data.Common.ClinicDataUnavailableException("The clinic database cannot be reached right now.", new TimeoutException());
        var page = Context.Render<SystemStatus>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=schema-state]").TextContent, Does.Contain("could not be read")));
        Assert.That(page.Markup, Does.Not.Contain("does not match"));
        Assert.That(page.FindAll("[data-testid=migration-table]"), Is.Empty);
        Assert.That(Snackbars.Markup, Does.Contain("cannot be reached"));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<SystemStatus>();
}
