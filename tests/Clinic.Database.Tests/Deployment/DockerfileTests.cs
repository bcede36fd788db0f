namespace Clinic.Database.Tests.Deployment;

/// <summary>
/// The two images' Dockerfiles (not built on the build machine, which has no Docker engine): each builds with the SDK,
/// runs on the ASP.NET Core runtime image as a non-root user, copies only what exists, and the build context keeps
/// passwords and build output out.
/// </summary>
public class DockerfileTests
{
    [TestCase("src/Clinic.Web/Dockerfile", "Clinic.Web.dll")]
    [TestCase("src/Clinic.Database/Dockerfile", "clinic-db")]
    public void The_image_builds_with_the_sdk_and_runs_on_the_runtime_as_a_non_root_user(string path, string entry)
    {
        var lines = Instructions(RepositoryRoot.File(path.Split('/')));
        var froms = lines.Where(l => l.Keyword == "FROM").ToList();
        Assert.That(froms, Has.Count.EqualTo(2), "multi-stage: build, then run");
        Assert.That(froms[0].Args, Does.StartWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build"));
        Assert.That(froms[1].Args, Is.EqualTo("mcr.microsoft.com/dotnet/aspnet:10.0"));

        var final = lines.SkipWhile(l => l != froms[1]).ToList();
        var users = final.Where(l => l.Keyword == "USER").ToList();
        Assert.That(users, Is.Not.Empty, "the final stage names its user");
        var user = users[^1].Args.Split(':')[0];
        Assert.That(user, Is.Not.EqualTo("root").And.Not.EqualTo("0").And.Not.Empty, "runs as a non-root user");
        Assert.That(final.Last(l => l.Keyword is "USER" or "RUN"), Is.EqualTo(users[^1]), "nothing runs after the switch to the user");
        Assert.That(final.Single(l => l.Keyword == "ENTRYPOINT").Args, Does.Contain(entry));
    }

    [TestCase("src/Clinic.Web/Dockerfile")]
    [TestCase("src/Clinic.Database/Dockerfile")]
    public void Every_file_copied_from_the_context_exists(string path)
    {
        var copies = Instructions(RepositoryRoot.File(path.Split('/'))).Where(l => l.Keyword == "COPY" && !l.Args.StartsWith("--from", StringComparison.Ordinal));
        foreach (var copy in copies)
        {
            var sources = copy.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
                Assert.That(File.Exists(RepositoryRoot.File(source)) || Directory.Exists(RepositoryRoot.File(source)), Is.True, source);
        }
    }

    [Test]
    public void The_build_context_leaves_out_passwords_and_build_output()
    {
        var ignored = File.ReadAllLines(RepositoryRoot.File(".dockerignore")).Select(l => l.Trim()).ToList();
        Assert.That(ignored, Does.Contain(".env").And.Contain(".local/").And.Contain("**/bin/").And.Contain("**/obj/").And.Contain(".git/"));
        Assert.That(ignored, Has.None.StartsWith("src").And.None.StartsWith("db"), "the images need src/ and db/");
    }

    private sealed record Instruction(string Keyword, string Args);

    /// <summary>The Dockerfile's instructions (comments dropped, continued lines joined).</summary>
    private static List<Instruction> Instructions(string path)
    {
        var result = new List<Instruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ');
            result.Add(new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }
        return result;
    }
}
