using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

namespace Clinic.Database;

/// <summary>
/// A staff user signed in over the app account, for the commands that act as a person (clinic-db import, and
/// generate loading a clinic through the import): the database checks the password and, on every call, the
/// session and the user's permissions, exactly as for the screens. The password comes from
/// CLINIC_IMPORT_PASSWORD or is read from standard input. Disposing signs out.
/// </summary>
internal sealed class StaffSignIn : IAsyncDisposable
{
    private readonly MySqlDataSource _dataSource;
    private readonly AuthProcedures _auth;
    private readonly string _token;

    private StaffSignIn(MySqlDataSource dataSource, ProcedureRunner runner, AuthProcedures auth, string token)
    {
        _dataSource = dataSource;
        Runner = runner;
        _auth = auth;
        _token = token;
        Session = new FixedSession(token);
    }

    public ProcedureRunner Runner { get; }

    public ISessionAccessor Session { get; }

    /// <summary>Signs <paramref name="username"/> in; null (after saying why on <paramref name="error"/>) when refused.</summary>
    public static async Task<StaffSignIn?> OpenAsync(string connectionString, string username, string purpose, TextWriter error)
    {
        var password = Environment.GetEnvironmentVariable("CLINIC_IMPORT_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            error.Write($"Password for {username}: ");
            password = Console.IsInputRedirected ? Console.In.ReadLine() : Cli.ReadHidden();
        }
        if (string.IsNullOrEmpty(password))
            throw new UsageException("no password given.");

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var dataSource = new MySqlDataSource(connectionString);
        var runner = new ProcedureRunner(dataSource);
        var auth = new AuthProcedures(runner);
        var signIn = await new AccountService(auth, new ClinicPasswordHasher()).SignInAsync(username, password, "127.0.0.1", purpose);
        if (!signIn.Succeeded)
        {
            error.WriteLine($"refused: {signIn.Message}");
            await dataSource.DisposeAsync();
            return null;
        }
        return new StaffSignIn(dataSource, runner, auth, signIn.SessionToken!);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _auth.SignOutAsync(_token);
        }
        finally
        {
            await _dataSource.DisposeAsync();
        }
    }
}
