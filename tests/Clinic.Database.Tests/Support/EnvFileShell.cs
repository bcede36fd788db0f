using System.Diagnostics;

namespace Clinic.Database.Tests.Support;

/// <summary>Reads a variable from an env file the way a shell script does: bash sources it, then prints the value.</summary>
internal static class EnvFileShell
{
    public static string Read(string file, string name)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "set -a; . \"$1\"; set +a; printf '%s' \"${!2}\"", "bash", file, name })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"bash sourcing {file}: {error.Result}");
        return output;
    }
}
