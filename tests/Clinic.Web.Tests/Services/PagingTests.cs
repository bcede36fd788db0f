using Clinic.Web.Services;

namespace Clinic.Web.Tests.Services;

public sealed class PagingTests
{
    /// <summary>A list of <paramref name="count"/> numbers read by offset, 10 a page; every offset asked is recorded.</summary>
    private static Func<int, Task<IReadOnlyList<int>>> ListOf(int count, List<int> asked) => offset =>
    {
        asked.Add(offset);
        return Task.FromResult<IReadOnlyList<int>>(Enumerable.Range(0, count).Skip(offset).Take(10).ToList());
    };

    [Test]
    public async Task A_page_that_came_back_empty_because_the_list_shrank_is_read_again_as_the_first_page()
    {
        var asked = new List<int>();
        var (rows, page) = await Paging.PageOrFirstAsync(ListOf(15, asked), 3, 10);
        Assert.That((page, rows.First(), rows.Count), Is.EqualTo((1, 0, 10)));
        Assert.That(asked, Is.EqualTo(new[] { 20, 0 }));
    }

    [Test]
    public async Task A_page_with_rows_and_an_empty_first_page_are_read_once()
    {
        var asked = new List<int>();
        var (rows, page) = await Paging.PageOrFirstAsync(ListOf(15, asked), 2, 10);
        Assert.That((page, rows.First(), rows.Count), Is.EqualTo((2, 10, 5)));
        var (none, first) = await Paging.PageOrFirstAsync(ListOf(0, asked), 1, 10);
        Assert.That((first, none.Count), Is.EqualTo((1, 0)));
        Assert.That(asked, Is.EqualTo(new[] { 10, 0 }));
    }
}
