namespace Clinic.Tests.Shared;

/// <summary>
/// The Chromium that the browser tests and the UI load harness drive: CLINIC_CHROMIUM, else Chromium's headless shell
/// where it is installed (Debian's chromium-headless-shell: the old headless mode, which Playwright itself uses for
/// headless runs; scripts/test.sh installs it), else the full browser in its headless mode. The browser tests took 6 min
/// in the shell against 8 min 20 s in the full browser on the 2-core build machine, with the cores idle more of the time
/// (docs/benchmarks.md, 2026-12-06), which leaves more of them to the server being measured.
/// </summary>
public static class TestBrowser
{
    public const string HeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>
    /// The flags both launch it with: no sandbox (the tests run as root), no GPU, shared memory in /tmp, and none of the
    /// background work (updates, sync, first-run) that a test or a measurement has no use for.
    /// </summary>
    public static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>The browser window of every browser test and of the UI harness's simulated staff.</summary>
    public static Microsoft.Playwright.ViewportSize Window => new() { Width = 1280, Height = 900 };

    public static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("CLINIC_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists(HeadlessShell) ? HeadlessShell
        : "/usr/bin/chromium";
}
