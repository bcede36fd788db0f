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
    private long checkPooledUntil;

    /// <summary>
    /// How long after an outage a connection taken from the pool is pinged before use. The app reuses pooled
    /// connections without a reset (see DependencyInjection), so after an outage the idle ones are dead; a ping
    /// finds each and it is dropped, so no call fails on one. Longer than the pool keeps an idle connection
    /// (ConnectionIdleTimeout, 180 s by default), after which none from before the outage can be left.
    /// </summary>
    public static readonly TimeSpan CheckPooledFor = TimeSpan.FromMinutes(5);

    /// <summary>At most this many dead connections are skipped for one call (the pool's default maximum size).</summary>
    private const int MaxDeadSkipped = 100;

    private bool CheckPooled => Environment.TickCount64 < Volatile.Read(ref checkPooledUntil);

    public const string Message = "The clinic database cannot be reached right now. Please try again in a moment.";

    public bool IsAvailable => Volatile.Read(ref unavailable) == 0;

    /// <summary>Raised, on the reporting thread, when <see cref="IsAvailable"/> flips.</summary>
    public event Action? Changed;

    public void ReportUnavailable()
    {
        Volatile.Write(ref checkPooledUntil, Environment.TickCount64 + (long)CheckPooledFor.TotalMilliseconds);
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
            await using var connection = await OpenAsync(ct);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            ReportAvailable();
            return true;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            ReportUnavailable();
            return false;
        }
    }

    /// <summary>
    /// Opens a connection from the pool; for a while after an outage (<see cref="CheckPooledFor"/>) one that no
    /// longer answers a ping is dropped and the next taken, so the first calls after the database is back work.
    /// </summary>
    public async Task<MySqlConnection> OpenAsync(CancellationToken ct = default)
    {
        for (var skipped = 0; ; skipped++)
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            if (!CheckPooled || skipped >= MaxDeadSkipped || await connection.PingAsync(ct))
                return connection;
            await connection.DisposeAsync();
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
}
