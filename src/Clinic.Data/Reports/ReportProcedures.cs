using System.Data;
using System.Runtime.CompilerServices;
using Clinic.Data.Common;

namespace Clinic.Data.Reports;

/// <summary>One report of the Reports page (report_list).</summary>
public sealed record ReportDefinitionRow
{
    public string ReportCode { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>False for a snapshot report (stock): the date range does not apply.</summary>
    public bool UsesRange { get; init; }
    public int SortOrder { get; init; }
    /// <summary>The signed-in account's role holds the report's permission (report_run would accept it).</summary>
    public bool CanRun { get; init; }
}

/// <summary>What a report run is (report_run, first result set).</summary>
public sealed record ReportHeader
{
    public string ReportCode { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Null for a snapshot report.</summary>
    public DateTime? RangeFrom { get; init; }
    public DateTime? RangeTo { get; init; }
    public bool UsesRange { get; init; }
    public DateTime GeneratedAt { get; init; }
}

/// <summary>
/// A report being read (report_run): its header, and its rows streamed from the server as they are read
/// (<see cref="ReadRowsAsync"/>, or <see cref="Rows"/> as an <see cref="IDataReader"/> positioned on the rows),
/// with the column names and types of the result set. Dispose it to close the connection.
/// </summary>
public sealed class ReportRun(ReportHeader header, ProcedureReader reader) : IAsyncDisposable
{
    public ReportHeader Header { get; } = header;

    /// <summary>The column names of the rows, as the procedure names them.</summary>
    public IReadOnlyList<string> Columns { get; } =
        Enumerable.Range(0, reader.Reader.FieldCount).Select(reader.Reader.GetName).ToList();

    /// <summary>The .NET type of each column (DateTime for dates, decimal, long, string).</summary>
    public IReadOnlyList<Type> ColumnTypes { get; } =
        Enumerable.Range(0, reader.Reader.FieldCount).Select(reader.Reader.GetFieldType).ToList();

    /// <summary>The open reader on the rows (unbuffered), for writers that take an <see cref="IDataReader"/>.</summary>
    public IDataReader Rows => reader.Reader;

    /// <summary>The rows, one array of values a row (null for SQL NULL), read one by one from the server.</summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[Columns.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.Reader.IsDBNull(i) ? null : reader.Reader.GetValue(i);
            yield return values;
        }
    }

    public ValueTask DisposeAsync() => reader.DisposeAsync();
}

/// <summary>The Reports page: the reports a role may run, and running one (every run is written to the report export log).</summary>
public sealed class ReportProcedures(ProcedureRunner runner, ISessionAccessor session)
{
    /// <summary>Every report, in order, with can_run for the signed-in account (report_list).</summary>
    public Task<IReadOnlyList<ReportDefinitionRow>> ListAsync(CancellationToken ct = default) =>
        runner.QueryAsync<ReportDefinitionRow>("report_list", session, ct: ct);

    /// <summary>
    /// Runs a report over the days from..to (both included; ignored by a snapshot report) for a download in
    /// <paramref name="format"/> (csv, xlsx, pdf). The database checks the permission and the range and writes
    /// the log row before anything is returned, so a refusal is thrown here; the rows then stream.
    /// </summary>
    public async Task<ReportRun> RunAsync(string reportCode, DateTime? from, DateTime? to, string format, CancellationToken ct = default)
    {
        var reader = await runner.OpenReaderAsync("report_run", session,
            new { p_report_code = reportCode, p_from = from?.Date, p_to = to?.Date, p_format = format }, ct);
        try
        {
            if (!await reader.ReadAsync(ct))
                throw new InvalidOperationException("report_run returned no header.");
            var r = reader.Reader;
            var header = new ReportHeader
            {
                ReportCode = r.GetString(r.GetOrdinal("report_code")),
                Title = r.GetString(r.GetOrdinal("title")),
                Description = r.GetString(r.GetOrdinal("description")),
                RangeFrom = r.IsDBNull(r.GetOrdinal("range_from")) ? null : r.GetDateTime(r.GetOrdinal("range_from")),
                RangeTo = r.IsDBNull(r.GetOrdinal("range_to")) ? null : r.GetDateTime(r.GetOrdinal("range_to")),
                UsesRange = Convert.ToInt32(r.GetValue(r.GetOrdinal("uses_range"))) == 1,
                GeneratedAt = r.GetDateTime(r.GetOrdinal("generated_at")),
            };
            while (await reader.ReadAsync(ct))
            {
            }
            if (!await reader.NextResultAsync(ct))
                throw new InvalidOperationException("report_run returned no rows result set.");
            return new ReportRun(header, reader);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }
}
