using Bunit;
using Clinic.Data.Audit;
using Clinic.Web.Components.Admin;

namespace Clinic.Web.Tests.Admin;

public sealed class AuditPageTests : AdminPageTest
{
    [Test]
    public void Audit_entries_are_listed_as_the_database_returns_them()
    {
        Admin.Audit.Add(new AuditLogRow
        {
            AuditLogId = 1, TableName = "department", RowKey = "3", Action = "UPDATE", ActorUsername = "admin", DbUser = "clinic_app@%",
            OldRow = """{"name": "OPD"}""", NewRow = """{"name": "Outpatients"}""", ChangedAt = new DateTime(2026, 2, 1, 10, 15, 0),
        });
        var page = Context.Render<Audit>();
        WaitUntil(page, () => Assert.That(Rows(page, "audit-table-rows"), Has.Count.EqualTo(1)));
        Assert.That(Rows(page, "audit-table-rows")[0], Does.Contain("department").And.Contain("UPDATE").And.Contain("admin"));
    }

    [Test]
    public void No_entries_shows_the_empty_state()
    {
        var page = Context.Render<Audit>();
        WaitUntil(page, () => Assert.That(page.Find("[data-testid=audit-empty]").TextContent, Does.Contain("No audit entries match this filter.")));
    }

    [Test]
    public void A_refusal_is_shown_as_the_database_words_it() => RefusalIsShown<Audit>();
}
