using Clinic.Web.Auth;
using Clinic.Web.Health;

namespace Clinic.Web.Tests;

public sealed class SchemaHealthTests
{
    [Test]
    public void Build_embeds_the_migration_scripts_by_name() =>
        Assert.That(SchemaHealth.ExpectedMigrations, Does.Contain("migrations/0001_audit_log.sql").And.Ordered);

    [TestCase(new[] { "m/1", "m/2" }, new[] { "m/1", "m/2" }, "current")]
    [TestCase(new[] { "m/1" }, new[] { "m/1", "m/2" }, "behind")]
    [TestCase(new[] { "m/1", "m/2", "m/3" }, new[] { "m/1", "m/2" }, "ahead")]
    [TestCase(new[] { "m/1", "m/3" }, new[] { "m/1", "m/2" }, "unknown")]
    public void Compares_applied_with_expected_migrations(string[] applied, string[] expected, string schema) =>
        Assert.That(SchemaHealth.Compare(applied, expected), Is.EqualTo(schema));
}

public sealed class ReturnUrlTests
{
    [TestCase("/admin/users?x=1", "/admin/users?x=1")]
    [TestCase(null, "/")]
    [TestCase("", "/")]
    [TestCase("https://evil.example/", "/")]
    [TestCase("//evil.example/", "/")]
    [TestCase("/\\evil.example/", "/")]
    public void Only_local_paths_are_followed(string? returnUrl, string expected) =>
        Assert.That(AccountEndpoints.SafeReturnUrl(returnUrl), Is.EqualTo(expected));
}
