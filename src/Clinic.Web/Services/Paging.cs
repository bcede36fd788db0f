using System.Runtime.CompilerServices;

namespace Clinic.Web.Services;

/// <summary>
/// The one "read every page" loop for the paged procedures (offset, limit; each row carries the list's
/// total_count): pages in order until a short page, the total, or <c>maxRows</c> says there is no more.
/// </summary>
public static class Paging
{
    /// <summary>One page of a paged procedure: (offset, limit, ct) → rows.</summary>
    public delegate Task<IReadOnlyList<T>> PageReader<T>(int offset, int limit, CancellationToken ct);

    /// <summary>
    /// Every page, as read. <paramref name="maxRows"/> (null: no cap) bounds how many rows are read in all, so a caller
    /// that shows N pages asks for exactly those; a runaway list cannot loop forever.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(PageReader<T> readPage, Func<T, long> totalOf, int pageSize,
        int? maxRows = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var read = 0;
        while (maxRows is null || read < maxRows)
        {
            var limit = maxRows is { } max ? Math.Min(pageSize, max - read) : pageSize;
            var rows = await readPage(read, limit, ct);
            if (rows.Count > 0)
                yield return rows;
            read += rows.Count;
            if (rows.Count < limit || read >= totalOf(rows[0]))
                yield break;
        }
    }

    /// <summary>The rows of every page (at most <paramref name="maxRows"/>) and the list's total.</summary>
    public static async Task<(List<T> Rows, long Total)> ReadAllAsync<T>(PageReader<T> readPage, Func<T, long> totalOf, int pageSize,
        int? maxRows = null, CancellationToken ct = default)
    {
        var rows = new List<T>();
        long total = 0;
        await foreach (var page in PagesAsync(readPage, totalOf, pageSize, maxRows, ct))
        {
            rows.AddRange(page);
            total = Math.Max(total, totalOf(page[0]));
        }
        return (rows, total);
    }

    /// <summary>
    /// Page <paramref name="page"/> (1-based) of a list shown a page at a time; when it comes back empty past the first
    /// page (the list shrank meanwhile: someone else finished its last rows), the first page instead. Returns the rows
    /// and the page they are.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, int Page)> PageOrFirstAsync<T>(Func<int, Task<IReadOnlyList<T>>> readAt, int page, int pageSize)
    {
        var rows = await readAt((page - 1) * pageSize);
        return rows.Count > 0 || page <= 1 ? (rows, page) : (await readAt(0), 1);
    }
}
