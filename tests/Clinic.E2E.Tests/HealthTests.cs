using System.Net;

namespace Clinic.E2E.Tests;

public sealed class HealthTests
{
    /// <summary>Anyone may ask; the answer is only "ok" or "unavailable", so it tells a stranger nothing about the schema.</summary>
    [Test]
    public async Task Health_answers_ok_for_a_reachable_and_current_database_and_nothing_more()
    {
        ClinicApp.RequireDatabase();
        using var http = new HttpClient { BaseAddress = new Uri(ClinicApp.BaseUrl) };

        using var response = await http.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(body, Is.EqualTo("ok"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }
}
