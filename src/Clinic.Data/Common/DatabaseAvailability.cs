using System.IO;
using System.Net.Sockets;
using MySqlConnector;

namespace Clinic.Data.Common;

/// <summary>
/// Whether the database answered the last time the app asked (one per app: an outage is everybody's).
/// <see cref="ProcedureRunner"/> reports every call: a call the server could not be reached for marks it
/// unavailable (and the caller gets <see cref="ClinicDataUnavailableException"/>), any call that reaches the
/// server marks it available again. While it is unavailable the UI shows a banner and calls
/// <see cref="ProbeAsync"/> every few seconds, so the app notices by itself when the database is back.
/// </summary>
public sealed class DatabaseAvailability(MySqlDataSource dataSource)
{
    private int unavailable;

    public const string Message = "The clinic database cannot be reached right now. Please try again in a moment.";

    public bool IsAvailable => Volatile.Read(ref unavailable) == 0;

    /// <summary>Raised, on the reporting thread, when <see cref="IsAvailable"/> flips.</summary>
    public event Action? Changed;

    public void ReportUnavailable()
    {
        if (Interlocked.Exchange(ref unavailable, 1) == 0)
            Changed?.Invoke();
    }

    public void ReportAvailable()
    {
        if (Interlocked.Exchange(ref unavailable, 0) == 1)
            Changed?.Invoke();
    }

    /// <summary>Asks the server for a round trip (no procedure, no session) and reports what happened; true if it answered.</summary>
    public async Task<bool> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            ReportAvailable();
            return true;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            await ForgetPooledConnectionsAsync();
            ReportUnavailable();
            return false;
        }
    }

    /// <summary>
    /// The server cannot be reached (refused, gone mid-call, shut down, too many connections, timed out
    /// connecting) as opposed to a rule's refusal or a programming error.
    /// </summary>
    public static bool IsUnreachable(Exception ex) => ex switch
    {
        MySqlException { SqlState: "45000" } => false,
        MySqlException my when my.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ServerShutdown
            or MySqlErrorCode.ConnectionCountError or MySqlErrorCode.HostIsBlocked => true,
        MySqlException my => my.InnerException is { } inner && IsNetwork(inner),
        _ => IsNetwork(ex),
    };

    private static bool IsNetwork(Exception ex) =>
        ex is SocketException or IOException or EndOfStreamException || (ex.InnerException is { } inner && IsNetwork(inner));

    /// <summary>
    /// After an outage every idle pooled connection is dead (the app reuses pooled connections without a reset,
    /// see DependencyInjection): drop them all, so that the first calls after the database is back get new ones.
    /// </summary>
    internal static Task ForgetPooledConnectionsAsync() => MySqlConnection.ClearAllPoolsAsync();
}
