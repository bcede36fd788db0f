using System.Diagnostics;
using Clinic.Database.Provisioning;
using Clinic.Database.Tests.Support;

namespace Clinic.Database.Tests.Provisioning;

/// <summary>
/// clinic-db provision --write-env FILE: a file only its owner can read from the moment it exists,
/// never written through a symbolic link, and read back exactly by <c>set -a; . FILE</c> in bash.
/// Pure tests (no database).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class EnvFileTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "Unix file modes and bash");
        _folder = Directory.CreateTempSubdirectory("clinic-envfile-").FullName;
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (_folder.Length > 0)
            Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Bash_reads_back_every_value_exactly_and_runs_nothing_in_it()
    {
        var marker = Path.Combine(_folder, "pwned");
        var values = new Dictionary<string, string>
        {
            ["CLINIC_MIGRATOR_DB"] = "Server=db;User ID=clinic_migrator;Password=it's a 'quoted' pass",
            ["CLINIC_DB"] = $"Password=$(touch {marker});x=`touch {marker}`;y=$HOME;\"dq\";back\\slash",
            ["CLINIC_ANALYST_DB"] = "two\nlines; touch " + marker + " ; '",
            ["EMPTY"] = "",
        };
        var file = Path.Combine(_folder, "clinic.env");
        EnvFile.Write(file, values);

        foreach (var (name, expected) in values)
            Assert.That(EnvFileShell.Read(file, name), Is.EqualTo(expected), name);
        Assert.That(File.Exists(marker), Is.False, "sourcing the file must not run anything");
    }

    [Test]
    public void The_file_is_owner_only_from_the_moment_it_exists()
    {
        var file = Path.Combine(_folder, "clinic.env");
        var seen = new List<string>();

        // The values are read while the file is being written: every file in the folder must already be 0600.
        IEnumerable<KeyValuePair<string, string>> Values()
        {
            yield return new("A", "first");
            foreach (var path in Directory.GetFiles(_folder))
                seen.Add($"{Path.GetFileName(path)} {File.GetUnixFileMode(path)}");
            yield return new("B", "second");
        }

        EnvFile.Write(file, Values());

        Assert.That(seen, Is.Not.Empty, "the file exists while it is written");
        Assert.That(seen, Has.All.EndWith(" " + EnvFile.OwnerOnly), string.Join("; ", seen));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { file }), "no temporary file is left behind");
    }

    [Test]
    public void A_symbolic_link_is_refused_and_its_target_is_left_alone()
    {
        var target = Path.Combine(_folder, "someone-elses-file");
        File.WriteAllText(target, "keep me");
        var link = Path.Combine(_folder, "clinic.env");
        File.CreateSymbolicLink(link, target);
        var dangling = Path.Combine(_folder, "dangling.env");
        var planted = Path.Combine(_folder, "would-be-created");
        File.CreateSymbolicLink(dangling, planted);

        Assert.Throws<IOException>(() => EnvFile.Write(link, [new("CLINIC_DB", "Password=secret")]));
        Assert.Throws<IOException>(() => EnvFile.Write(dangling, [new("CLINIC_DB", "Password=secret")]));

        Assert.That(File.ReadAllText(target), Is.EqualTo("keep me"));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.Exists(planted), Is.False);
    }

    [Test]
    public void An_existing_file_is_replaced_not_written_through()
    {
        var file = Path.Combine(_folder, "clinic.env");
        File.WriteAllText(file, "OLD=1\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var hardLink = Path.Combine(_folder, "hard-link");
        Run("ln", file, hardLink);

        EnvFile.Write(file, [new("CLINIC_DB", "Password=new")]);

        Assert.That(File.ReadAllText(file), Is.EqualTo("CLINIC_DB='Password=new'\n"));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(EnvFile.OwnerOnly));
        Assert.That(File.ReadAllText(hardLink), Is.EqualTo("OLD=1\n"), "another name of the old file does not receive the passwords");
    }

    [Test]
    public void A_directory_or_a_missing_folder_is_refused_before_anything_is_written()
    {
        Assert.Throws<IOException>(() => EnvFile.CheckTarget(_folder));
        Assert.Throws<IOException>(() => EnvFile.CheckTarget(Path.Combine(_folder, "missing", "clinic.env")));
        Assert.That(EnvFile.CheckTarget(Path.Combine(_folder, "clinic.env")), Is.EqualTo(Path.Combine(_folder, "clinic.env")));
    }

    [TestCase("plain", "'plain'")]
    [TestCase("it's", @"'it'\''s'")]
    [TestCase("", "''")]
    public void Values_are_single_quoted_with_embedded_quotes_escaped(string value, string quoted) =>
        Assert.That(EnvFile.ShellQuote(value), Is.EqualTo(quoted));

    [Test]
    public void Printed_connection_strings_hide_the_password()
    {
        var masked = EnvFile.Masked("Server=db.example;Port=3306;Database=clinic;User ID=clinic_app;Password=s3cret;");
        Assert.That(masked, Does.Not.Contain("s3cret"));
        Assert.That(masked, Does.Contain("Password=***"));
        Assert.That(masked, Does.Contain("User ID=clinic_app"));
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program}: {error}");
        return output;
    }
}
