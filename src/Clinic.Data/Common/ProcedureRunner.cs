using System.Data;
using Dapper;
using MySqlConnector;

namespace Clinic.Data.Common;

/// <summary>
/// Calls stored procedures with Dapper over a <see cref="MySqlDataSource"/>. Every call passes the
/// acting user as p_actor_id (the first parameter of every procedure), maps SIGNAL 45000 errors to
/// <see cref="ClinicRuleException"/>, and retries deadlocks and lock-wait timeouts so that a user
/// never sees them.
/// </summary>
public sealed class ProcedureRunner(MySqlDataSource dataSource)
{
    private const int MaxAttempts = 4;

    public Task<IReadOnlyList<T>> QueryAsync<T>(string procedure, int? actorId, object? args = null, CancellationToken ct = default) =>
        RunAsync(async connection =>
        {
            var rows = await connection.QueryAsync<T>(Command(procedure, actorId, args, ct));
            return (IReadOnlyList<T>)rows.AsList();
        });

    public Task<T?> QuerySingleOrDefaultAsync<T>(string procedure, int? actorId, object? args = null, CancellationToken ct = default) =>
        RunAsync(connection => connection.QuerySingleOrDefaultAsync<T>(Command(procedure, actorId, args, ct)));

    public Task<int> ExecuteAsync(string procedure, int? actorId, object? args = null, CancellationToken ct = default) =>
        RunAsync(connection => connection.ExecuteAsync(Command(procedure, actorId, args, ct)));

    /// <summary>
    /// Calls a procedure that returns several result sets (e.g. a header and its lines) and reads
    /// them, in order, with <paramref name="read"/> on the same connection.
    /// </summary>
    public Task<T> QueryMultipleAsync<T>(string procedure, int? actorId, object? args, Func<SqlMapper.GridReader, Task<T>> read,
        CancellationToken ct = default) =>
        RunAsync(async connection =>
        {
            await using var grid = await connection.QueryMultipleAsync(Command(procedure, actorId, args, ct));
            return await read(grid);
        });

    /// <summary>Reads a view with a fixed query (no user input is ever spliced into it).</summary>
    public Task<IReadOnlyList<T>> QueryViewAsync<T>(string fixedSql, object? args = null, CancellationToken ct = default) =>
        RunAsync(async connection =>
        {
            var rows = await connection.QueryAsync<T>(new CommandDefinition(fixedSql, args, cancellationToken: ct));
            return (IReadOnlyList<T>)rows.AsList();
        });

    private static CommandDefinition Command(string procedure, int? actorId, object? args, CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("p_actor_id", actorId);
        return new CommandDefinition(procedure, parameters, commandType: CommandType.StoredProcedure, cancellationToken: ct);
    }

    private async Task<T> RunAsync<T>(Func<MySqlConnection, Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                return await work(connection);
            }
            catch (MySqlException ex) when (ex.SqlState == "45000")
            {
                throw new ClinicRuleException(ex.Number, ex.Message, ex);
            }
            catch (MySqlException ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 25) * attempt);
            }
            catch (MySqlException ex) when (IsUnavailable(ex))
            {
                throw new ClinicDataUnavailableException("The clinic database cannot be reached right now. Please try again in a moment.", ex);
            }
        }
    }

    private static bool IsTransient(MySqlException ex) =>
        ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout;

    private static bool IsUnavailable(MySqlException ex) =>
        ex.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.AccessDenied;
}
