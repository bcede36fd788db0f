using System.Text.RegularExpressions;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// A browser's user-agent header in a few words ("Chrome 131 on Windows") for the sessions screen;
/// the full header stays available as a tooltip. Presentation only: nothing is decided from it.
/// </summary>
public static class UserAgentText
{
    public const int MaxLength = 40;

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return "Unknown browser";
        var browser = Browser(userAgent);
        if (browser is null)
            return Shorten(userAgent.Trim());
        var system = System(userAgent);
        return system is null ? browser : $"{browser} on {system}";
    }

    private static string? Browser(string ua)
    {
        // Order matters: Edge, Opera and Samsung also say Chrome; Chrome also says Safari.
        (string Pattern, string Name)[] known =
        [
            (@"Edg(?:e|A|iOS)?/(\d+)", "Edge"),
            (@"OPR/(\d+)", "Opera"),
            (@"SamsungBrowser/(\d+)", "Samsung Internet"),
            (@"Firefox/(\d+)", "Firefox"),
            (@"FxiOS/(\d+)", "Firefox"),
            (@"HeadlessChrome/(\d+)", "Headless Chrome"),
            (@"CriOS/(\d+)", "Chrome"),
            (@"Chrome/(\d+)", "Chrome"),
            (@"Chromium/(\d+)", "Chromium"),
            (@"Version/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/", "Safari"),
        ];
        foreach (var (pattern, name) in known)
        {
            var match = Regex.Match(ua, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            if (match.Success)
                return $"{name} {match.Groups[1].Value}";
        }
        return null;
    }

    private static string? System(string ua) =>
        ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
        : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
        : ua.Contains("iPhone", StringComparison.Ordinal) ? "iPhone"
        : ua.Contains("iPad", StringComparison.Ordinal) ? "iPad"
        : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
        : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
        : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
        : null;

    private static string Shorten(string text) =>
        text.Length <= MaxLength ? text : text[..(MaxLength - 1)].TrimEnd() + "…";
}
