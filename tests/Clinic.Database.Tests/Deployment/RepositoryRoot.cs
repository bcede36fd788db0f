namespace Clinic.Database.Tests.Deployment;

/// <summary>The checkout's root folder (the one with Clinic.sln), found from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Clinic.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Clinic.sln not found above the test directory.");
    }
}
