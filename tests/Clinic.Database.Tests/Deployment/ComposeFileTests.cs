using System.ComponentModel;
using System.Diagnostics;

namespace Clinic.Database.Tests.Deployment;

/// <summary>
/// docker-compose.yml is valid: `docker compose config` (or the standalone docker-compose) checks it against the Compose
/// schema and resolves its variables, without a Docker engine. The build machine has no engine, so the images are not
/// built here; scripts/test.sh installs Debian's docker-compose when neither tool is present, and these tests fail
/// (they never skip) without one.
/// </summary>
public class ComposeFileTests
{
    private static readonly string[] Passwords =
        ["CLINIC_ROOT_PASSWORD", "CLINIC_MIGRATOR_PASSWORD", "CLINIC_APP_PASSWORD", "CLINIC_ANALYST_PASSWORD", "CLINIC_ADMIN_PASSWORD"];

    [Test]
    public void The_file_is_valid_with_every_password_given()
    {
        var result = Compose(RepositoryRoot.File("docker-compose.yml"), Env(), "config", "-q");
        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    [TestCaseSource(nameof(Passwords))]
    public void A_missing_password_is_refused(string name)
    {
        var env = Env();
        env.Remove(name);
        var result = Compose(RepositoryRoot.File("docker-compose.yml"), env, "config", "-q");
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Contain(name));
    }

    [Test]
    public void The_services_run_the_built_images_and_pass_the_otlp_endpoint_on()
    {
        var env = Env();
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector.example:4317";
        var result = Compose(RepositoryRoot.File("docker-compose.yml"), env, "config");
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var config = result.Output;
        Assert.That(config, Does.Contain("dockerfile: src/Clinic.Web/Dockerfile"));
        Assert.That(config, Does.Contain("dockerfile: src/Clinic.Database/Dockerfile"));
        Assert.That(config, Does.Not.Contain("dotnet/sdk").And.Not.Contain("dotnet run"), "no service builds from source at start");
        Assert.That(config, Does.Contain("OTEL_EXPORTER_OTLP_ENDPOINT: http://collector.example:4317"));
        // The migrate command as one string, whichever way the tool folds long YAML strings.
        var command = System.Text.RegularExpressions.Regex.Replace(config, @"[\s\\""]", "");
        Assert.That(command, Does.Contain("clinic-dbprovision--databaseclinic&&"));
        Assert.That(command, Does.Contain("clinic-dbcreate-admin--usernameadmin"));
        Assert.That(command, Does.Contain("$rc-eq6]"), "create-admin's 'an administrator exists' (6) is tolerated");
        Assert.That(command, Does.Contain("clinic-dbgenerate--sizedemo"));
        Assert.That(config, Does.Contain("127.0.0.1").And.Contain("5000").And.Contain("service_completed_successfully").And.Contain("healthcheck"));
    }

    [Test]
    public void An_invalid_file_is_refused()
    {
        // The check must be able to fail: the same file with a key the Compose schema does not know.
        var dir = Directory.CreateTempSubdirectory("clinic-compose-");
        try
        {
            var text = File.ReadAllText(RepositoryRoot.File("docker-compose.yml"))
                .Replace("  web:\n", "  web:\n    no_such_option: 1\n", StringComparison.Ordinal);
            var file = Path.Combine(dir.FullName, "docker-compose.yml");
            File.WriteAllText(file, text);
            var result = Compose(file, Env(), "config", "-q");
            Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("no_such_option"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static Dictionary<string, string> Env() => Passwords.ToDictionary(p => p, p => "Dummy" + p.Length + "abcdefghijklmnop");

    /// <summary>Runs compose on <paramref name="file"/> with exactly the given CLINIC_*/OTEL_* variables (none inherited, no .env file).</summary>
    private static (int ExitCode, string Output) Compose(string file, Dictionary<string, string> env, params string[] args)
    {
        var tool = Tool.Value;
        var emptyEnvFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(tool[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var part in tool.Skip(1))
                start.ArgumentList.Add(part);
            foreach (var part in (string[])["--env-file", emptyEnvFile, "-f", file, .. args])
                start.ArgumentList.Add(part);
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CLINIC_", StringComparison.Ordinal)
                         || k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("COMPOSE_", StringComparison.Ordinal)).ToList())
                start.Environment.Remove(key);
            foreach (var (key, value) in env)
                start.Environment[key] = value;
            return Run(start, TimeSpan.FromMinutes(1));
        }
        finally
        {
            File.Delete(emptyEnvFile);
        }
    }

    /// <summary>`docker compose` when the CLI has the plugin, else `docker-compose`; the test fails when neither runs.</summary>
    private static readonly Lazy<string[]> Tool = new(() =>
    {
        foreach (var candidate in new[] { new[] { "docker", "compose" }, ["docker-compose"] })
        {
            var start = new ProcessStartInfo(candidate[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var part in candidate.Skip(1).Append("version"))
                start.ArgumentList.Add(part);
            try
            {
                if (Run(start, TimeSpan.FromSeconds(30)).ExitCode == 0)
                    return candidate;
            }
            catch (Win32Exception)
            {
                // not installed
            }
        }
        Assert.Fail("Neither `docker compose` nor `docker-compose` runs here: install one (apt-get install docker-compose; " +
                    "scripts/test.sh does) to validate docker-compose.yml.");
        return [];
    });

    private static (int ExitCode, string Output) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(true);
            Assert.Fail($"{start.FileName} did not finish within {timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
