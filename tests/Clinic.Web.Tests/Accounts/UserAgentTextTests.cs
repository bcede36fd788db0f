using Clinic.Web.Components.Shared;

namespace Clinic.Web.Tests.Accounts;

public sealed class UserAgentTextTests
{
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on Windows")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Edge 131 on Windows")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128 on Linux")]
    [TestCase("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17 on iPhone")]
    [TestCase("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari 18 on macOS")]
    [TestCase("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet 26 on Android")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Headless Chrome 131 on Linux")]
    [TestCase("browser tests", "browser tests")]
    [TestCase("curl/8.5.0", "curl/8.5.0")]
    [TestCase("", "Unknown browser")]
    [TestCase(null, "Unknown browser")]
    public void A_user_agent_reads_as_browser_and_system(string? userAgent, string expected) =>
        Assert.That(UserAgentText.Describe(userAgent), Is.EqualTo(expected));

    [Test]
    public void An_unknown_long_user_agent_is_cut_short()
    {
        var text = UserAgentText.Describe(new string('x', 300));
        Assert.That(text, Has.Length.EqualTo(UserAgentText.MaxLength));
        Assert.That(text, Does.EndWith("…"));
    }
}
