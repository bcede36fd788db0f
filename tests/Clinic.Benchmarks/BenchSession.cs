using Clinic.Data.Common;
using Dapper;
using MySqlConnector;

/// <summary>
/// A session of a benchmark account, opened on first use by the schema owner through the internal
/// session_open (as a sign-in would), then reused by every call: the benchmark measures procedures,
/// not sign-ins.
/// </summary>
public sealed class BenchSession(int? accountId) : ISessionAccessor
{
    /// <summary>The migrator's connection string, set once at start.</summary>
    public static string Migrator { get; set; } = "";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    public async ValueTask<string?> GetSessionTokenAsync()
    {
        if (accountId is null || _token is not null)
            return _token;
        await _gate.WaitAsync();
        try
        {
            if (_token is null)
            {
                var builder = new MySqlConnectionStringBuilder(Migrator) { AllowUserVariables = true };
                await using var connection = new MySqlConnection(builder.ConnectionString);
                _token = await connection.ExecuteScalarAsync<string>(
                    "CALL session_open(@id, '127.0.0.1', 'benchmark', @token); SELECT @token;", new { id = accountId });
            }
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
