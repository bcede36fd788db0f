namespace Clinic.Database.Tests.Support;

/// <summary>
/// Runs clinic-db in the test process (<see cref="Cli.RunAsync"/>) as a DBA runs it from a shell, with
/// CLINIC_IMPORT_PASSWORD (the password of the staff account that import and generate sign in as) set for the run and
/// put back after it. The variable is the process's: the fixtures that use this are [NonParallelizable].
/// </summary>
internal static class ClinicDbCli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string importPassword, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = Environment.GetEnvironmentVariable("CLINIC_IMPORT_PASSWORD");
        Environment.SetEnvironmentVariable("CLINIC_IMPORT_PASSWORD", importPassword);
        try
        {
            var code = await Task.Run(() => Cli.RunAsync(args, output, error));
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINIC_IMPORT_PASSWORD", previous);
        }
    }
}
