using System.Data;
using Dapper;
using MySqlConnector;

namespace Clinic.Data.Common;

/// <summary>
/// Calls stored procedures with Dapper over a <see cref="MySqlDataSource"/>. Every call passes the
/// caller's session token as p_session_token (the first parameter of every public procedure; the
/// database resolves who acts from it), maps SIGNAL 45000 errors to <see cref="ClinicRuleException"/>
/// (<see cref="ClinicSessionEndedException"/> for a refused session, after telling the
/// <see cref="ISessionAccessor"/>), and retries deadlocks and lock-wait timeouts so that a user never
/// sees them. A call that cannot reach the server at all (refused, gone mid-call, shut down) becomes
/// <see cref="ClinicDataUnavailableException"/> and is reported to <see cref="DatabaseAvailability"/>, as is
/// every call that reaches it again. Every call is traced and timed (<see cref="ProcedureTelemetry"/>: a span
/// named after the procedure and a duration histogram; nothing is recorded while no one listens).
/// </summary>
public sealed class ProcedureRunner(MySqlDataSource dataSource, DatabaseAvailability? availability = null)
{
    private readonly DatabaseAvailability availability = availability ?? new DatabaseAvailability(dataSource);

    private const int MaxAttempts = 4;

    public Task<IReadOnlyList<T>> QueryAsync<T>(string procedure, ISessionAccessor session, object? args = null, CancellationToken ct = default) =>
        RunAsync(procedure, session, async (connection, token) =>
        {
            var rows = await connection.QueryAsync<T>(Command(procedure, token, true, args, ct));
            return (IReadOnlyList<T>)rows.AsList();
        });

    /// <param name="commandTimeout">seconds the call may run (null: the connection string's default, 30 s); a bulk
    /// import's check and apply of a large file need minutes.</param>
    public Task<T?> QuerySingleOrDefaultAsync<T>(string procedure, ISessionAccessor session, object? args = null, CancellationToken ct = default,
        int? commandTimeout = null) =>
        RunAsync(procedure, session, (connection, token) => connection.QuerySingleOrDefaultAsync<T>(Command(procedure, token, true, args, ct, commandTimeout)));

    public Task<int> ExecuteAsync(string procedure, ISessionAccessor session, object? args = null, CancellationToken ct = default) =>
        RunAsync(procedure, session, (connection, token) => connection.ExecuteAsync(Command(procedure, token, true, args, ct)));

    /// <summary>
    /// Calls a procedure that returns several result sets (e.g. a header and its lines) and reads
    /// them, in order, with <paramref name="read"/> on the same connection.
    /// </summary>
    public Task<T> QueryMultipleAsync<T>(string procedure, ISessionAccessor session, object? args, Func<SqlMapper.GridReader, Task<T>> read,
        CancellationToken ct = default, int? commandTimeout = null) =>
        RunAsync(procedure, session, async (connection, token) =>
        {
            await using var grid = await connection.QueryMultipleAsync(Command(procedure, token, true, args, ct, commandTimeout));
            return await read(grid);
        });

    /// <summary>
    /// Calls a procedure and hands back its open reader, unbuffered, for a caller that streams many rows (the
    /// reports' downloads): the rows are read from the server as the caller reads them, never all held in
    /// memory. The caller owns the returned <see cref="ProcedureReader"/> (and with it the connection) and
    /// disposes it. A refusal raised before the first result set (SIGNAL) is thrown here, mapped as for the
    /// other calls; errors while reading are mapped by <see cref="ProcedureReader"/>.
    /// </summary>
    public async Task<ProcedureReader> OpenReaderAsync(string procedure, ISessionAccessor session, object? args = null, CancellationToken ct = default)
    {
        var call = ProcedureTelemetry.Start(procedure);
        MySqlConnection? connection = null;
        try
        {
            var token = await session.GetSessionTokenAsync();
            connection = await availability.OpenAsync(ct);
            var reader = await connection.ExecuteReaderAsync(Command(procedure, token, true, args, ct));
            availability.ReportAvailable();
            return new ProcedureReader(connection, reader, session, call, availability);
        }
        catch (MySqlException ex)
        {
            if (connection is not null)
                await connection.DisposeAsync();
            var mapped = await MapAsync(ex, session, availability);
            call.Failed(mapped);
            throw mapped;
        }
        catch (Exception ex) when (DatabaseAvailability.IsUnreachable(ex))
        {
            if (connection is not null)
                await connection.DisposeAsync();
            var unavailable = Unavailable(ex, availability);
            call.Failed(unavailable);
            throw unavailable;
        }
        catch (Exception ex)
        {
            if (connection is not null)
                await connection.DisposeAsync();
            call.Failed(ex);
            throw;
        }
    }

    /// <summary>The exception a caller sees for a server error: a rule's refusal, a refused session, or the database unreachable.</summary>
    internal static async Task<Exception> MapAsync(MySqlException ex, ISessionAccessor? session, DatabaseAvailability availability)
    {
        if (ex.SqlState == "45000" && session is not null && ClinicSessionEndedException.IsSessionCode(ex.Number))
        {
            var ended = new ClinicSessionEndedException(ex.Number, ex.Message, ex);
            await session.OnSessionEndedAsync(ended);
            return ended;
        }
        if (ex.SqlState == "45000")
            return new ClinicRuleException(ex.Number, ex.Message, ex);
        if (IsUnavailable(ex))
            return Unavailable(ex, availability);
        return ex;
    }

    /// <summary>The server cannot be reached: reported (the banner; pooled connections are checked from now on), and the typed condition for the caller.</summary>
    internal static ClinicDataUnavailableException Unavailable(Exception ex, DatabaseAvailability availability)
    {
        availability.ReportUnavailable();
        return new ClinicDataUnavailableException(DatabaseAvailability.Message, ex);
    }

    /// <summary>
    /// Calls one of the few procedures that run before there is a session (sign-in) or that take the
    /// token among their own arguments (session checks, sign-out): no p_session_token is added.
    /// </summary>
    public Task<T?> QueryWithoutSessionAsync<T>(string procedure, object? args, CancellationToken ct = default) =>
        RunAsync(procedure, null, (connection, _) => connection.QuerySingleOrDefaultAsync<T>(Command(procedure, null, false, args, ct)));

    /// <summary>As <see cref="QueryWithoutSessionAsync{T}"/>, for a procedure that returns rows.</summary>
    public Task<IReadOnlyList<T>> QueryWithoutSessionListAsync<T>(string procedure, object? args, CancellationToken ct = default) =>
        RunAsync(procedure, null, async (connection, _) =>
        {
            var rows = await connection.QueryAsync<T>(Command(procedure, null, false, args, ct));
            return (IReadOnlyList<T>)rows.AsList();
        });

    /// <summary>As <see cref="QueryWithoutSessionAsync{T}"/>, for a procedure that returns nothing.</summary>
    public Task<int> ExecuteWithoutSessionAsync(string procedure, object? args, CancellationToken ct = default) =>
        RunAsync(procedure, null, (connection, _) => connection.ExecuteAsync(Command(procedure, null, false, args, ct)));

    private static CommandDefinition Command(string procedure, string? token, bool withSession, object? args, CancellationToken ct,
        int? commandTimeout = null)
    {
        var parameters = new DynamicParameters(args);
        if (withSession)
            parameters.Add("p_session_token", token);
        return new CommandDefinition(procedure, parameters, commandTimeout: commandTimeout, commandType: CommandType.StoredProcedure,
            cancellationToken: ct);
    }

    private async Task<T> RunAsync<T>(string procedure, ISessionAccessor? session, Func<MySqlConnection, string?, Task<T>> work)
    {
        var call = ProcedureTelemetry.Start(procedure);
        try
        {
            var result = await RunAttemptsAsync(session, work, call);
            call.Succeeded();
            return result;
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }
    }

    private async Task<T> RunAttemptsAsync<T>(ISessionAccessor? session, Func<MySqlConnection, string?, Task<T>> work,
        ProcedureTelemetry.ProcedureCall call)
    {
        var token = session is null ? null : await session.GetSessionTokenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await availability.OpenAsync();
                var result = await work(connection, token);
                availability.ReportAvailable();
                return result;
            }
            catch (MySqlException ex) when (ex.SqlState == "45000" && session is not null && ClinicSessionEndedException.IsSessionCode(ex.Number))
            {
                availability.ReportAvailable();
                var ended = new ClinicSessionEndedException(ex.Number, ex.Message, ex);
                await session.OnSessionEndedAsync(ended);
                throw ended;
            }
            catch (MySqlException ex) when (ex.SqlState == "45000")
            {
                availability.ReportAvailable();
                throw new ClinicRuleException(ex.Number, ex.Message, ex);
            }
            catch (MySqlException ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                call.Retries = attempt;
                await Task.Delay(Random.Shared.Next(5, 25) * attempt);
            }
            catch (Exception ex) when (ex is MySqlException my ? IsUnavailable(my) : DatabaseAvailability.IsUnreachable(ex))
            {
                throw Unavailable(ex, availability);
            }
        }
    }

    private static bool IsTransient(MySqlException ex) =>
        ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout;

    private static bool IsUnavailable(MySqlException ex) =>
        ex.ErrorCode is MySqlErrorCode.AccessDenied || DatabaseAvailability.IsUnreachable(ex);
}

/// <summary>
/// An open, unbuffered reader of a procedure's result sets and the connection it reads from (see
/// <see cref="ProcedureRunner.OpenReaderAsync"/>). Disposing it closes both.
/// </summary>
public sealed class ProcedureReader(MySqlConnection connection, System.Data.Common.DbDataReader reader, ISessionAccessor session,
    ProcedureTelemetry.ProcedureCall call, DatabaseAvailability availability) : IAsyncDisposable
{
    public System.Data.Common.DbDataReader Reader { get; } = reader;

    /// <summary>Reads the next row of the current result set; server errors mapped as the runner maps them.</summary>
    public async Task<bool> ReadAsync(CancellationToken ct = default)
    {
        try
        {
            return await Reader.ReadAsync(ct);
        }
        catch (MySqlException ex)
        {
            var mapped = await ProcedureRunner.MapAsync(ex, session, availability);
            call.Failed(mapped);
            throw mapped;
        }
    }

    /// <summary>Moves to the next result set; server errors mapped as the runner maps them.</summary>
    public async Task<bool> NextResultAsync(CancellationToken ct = default)
    {
        try
        {
            return await Reader.NextResultAsync(ct);
        }
        catch (MySqlException ex)
        {
            var mapped = await ProcedureRunner.MapAsync(ex, session, availability);
            call.Failed(mapped);
            throw mapped;
        }
    }

    /// <summary>Closes the reader and the connection; the call's span and duration end here (reading included).</summary>
    public async ValueTask DisposeAsync()
    {
        call.Succeeded();
        await Reader.DisposeAsync();
        await connection.DisposeAsync();
    }
}
