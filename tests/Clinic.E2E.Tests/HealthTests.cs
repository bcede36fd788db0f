using System.Net;
using System.Text.Json;

namespace Clinic.E2E.Tests;

public sealed class HealthTests
{
    [Test]
    public async Task Health_reports_a_reachable_and_current_database()
    {
        ClinicApp.RequireDatabase();
        using var http = new HttpClient { BaseAddress = new Uri(ClinicApp.BaseUrl) };

        using var response = await http.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("reachable"));
            Assert.That(json.RootElement.GetProperty("schema").GetString(), Is.EqualTo("current"));
            Assert.That(json.RootElement.GetProperty("expectedMigrations").EnumerateArray().Select(e => e.GetString()),
                Does.Contain("migrations/0001_audit_log.sql"));
        });
    }
}
