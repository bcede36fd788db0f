using System.Diagnostics;
using Clinic.Database.Provisioning;
using Clinic.Database.Tests.Integration;

namespace Clinic.Database.Tests.Support;

/// <summary>
/// A database server of the test's own (scripts/db-server.sh with CLINIC_DB_BASE under the clone's .local), for a
/// test that must see every event the server logs: nobody else writes to it. Disposing stops it and removes its files.
/// </summary>
internal sealed class PrivateServer : IAsyncDisposable
{
    private readonly string _engine;
    private readonly string _base;

    private PrivateServer(string engine, string folder, string adminConnectionString)
    {
        _engine = engine;
        _base = folder;
        AdminConnectionString = adminConnectionString;
    }

    public string AdminConnectionString { get; }

    /// <param name="engine">mariadb or mysql, as db-server.sh names them.</param>
    public static async Task<PrivateServer> StartAsync(string engine)
    {
        var folder = Path.Combine(RepositoryRoot(), ".local", "private-db-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var output = await DbServerAsync(folder, "start", engine);
        var url = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        Assert.That(url, Does.StartWith("Server="), "db-server.sh start printed no connection string");
        return new PrivateServer(engine, folder, url.Trim());
    }

    /// <summary>A new clinic database on this server, provisioned as <c>clinic-db provision</c> does.</summary>
    public async Task<TestDatabase> ProvisionAsync()
    {
        var name = "pv" + Guid.NewGuid().ToString("N")[..10];
        var result = await Task.Run(() => new Provisioner(TextWriter.Null).Provision(
            new ProvisionOptions(AdminConnectionString, name, "%", null, null, null)));
        return new TestDatabase(name, AdminConnectionString, result.MigratorConnectionString, result.AppConnectionString, result.AnalystConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DbServerAsync(_base, "stop", _engine);
        }
        finally
        {
            Directory.Delete(_base, recursive: true);
        }
    }

    private static async Task<string> DbServerAsync(string folder, string command, string engine)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(RepositoryRoot(), "scripts", "db-server.sh"), command, engine })
            info.ArgumentList.Add(arg);
        info.Environment["CLINIC_DB_BASE"] = folder;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"db-server.sh {command} {engine}: {await error}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Clinic.sln")))
                return folder.FullName;
        throw new InvalidOperationException("the repository (Clinic.sln) is not above " + AppContext.BaseDirectory);
    }
}
