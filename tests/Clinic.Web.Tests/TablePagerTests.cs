using Bunit;
using Bunit.Rendering;
using Clinic.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Clinic.Web.Tests;

/// <summary>The pager of the lists (Components/Shared/TablePager.razor) in a MudTable that asks the server for each page.</summary>
public sealed class TablePagerTests : BunitTest
{
    private readonly List<(int Page, int PageSize)> asked = [];

    /// <summary>NUnit keeps one instance for every test of the class: each test counts its own requests.</summary>
    public override void Setup()
    {
        base.Setup();
        asked.Clear();
    }

    /// <summary>A table of <paramref name="total"/> numbers, 25 a page, with the pager.</summary>
    private IRenderedComponent<ContainerFragment> RenderTable(int total, bool countIsExact = true)
    {
        Task<TableData<int>> LoadAsync(TableState state, CancellationToken ct)
        {
            asked.Add((state.Page, state.PageSize));
            var items = Enumerable.Range(state.Page * state.PageSize + 1, Math.Max(0, Math.Min(state.PageSize, total - state.Page * state.PageSize))).ToList();
            return Task.FromResult(new TableData<int> { Items = items, TotalItems = total });
        }

        RenderFragment table = b =>
        {
            b.OpenComponent<MudTable<int>>(0);
            b.AddAttribute(1, nameof(MudTable<int>.ServerData), (Func<TableState, CancellationToken, Task<TableData<int>>>)LoadAsync);
            b.AddAttribute(2, nameof(MudTable<int>.RowsPerPage), 25);
            b.AddAttribute(3, nameof(MudTable<int>.RowTemplate), (RenderFragment<int>)(i => row =>
            {
                row.OpenElement(0, "td");
                row.AddAttribute(1, "class", "number");
                row.AddContent(2, i);
                row.CloseElement();
            }));
            b.AddAttribute(4, nameof(MudTable<int>.PagerContent), (RenderFragment)(pager =>
            {
                pager.OpenComponent<TablePager>(0);
                pager.AddAttribute(1, nameof(TablePager.CountIsExact), countIsExact);
                pager.CloseComponent();
            }));
            b.CloseComponent();
        };
        return Context.Render(table);
    }

    private static string Info(IRenderedComponent<ContainerFragment> page) => page.Find("[data-testid=table-pager-info]").TextContent;

    private static List<string> Numbers(IRenderedComponent<ContainerFragment> page) => page.FindAll("td.number").Select(c => c.TextContent).ToList();

    private static bool Disabled(IRenderedComponent<ContainerFragment> page, string label) =>
        page.Find($"button[aria-label='{label}']").HasAttribute("disabled");

    [Test]
    public void It_pages_the_table_forward_and_back_and_says_which_rows_are_shown()
    {
        var page = RenderTable(60);

        page.WaitForAssertion(() => Assert.That(Numbers(page), Has.Count.EqualTo(25)));
        Assert.That(Info(page), Is.EqualTo("1-25 of 60"));
        Assert.That(asked[^1], Is.EqualTo((0, 25)), "the table asks for 25 rows a page");
        Assert.That((Disabled(page, "First page"), Disabled(page, "Previous page"), Disabled(page, "Next page"), Disabled(page, "Last page")),
            Is.EqualTo((true, true, false, false)));

        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.That(Numbers(page)[0], Is.EqualTo("26")));
        Assert.That(Info(page), Is.EqualTo("26-50 of 60"));
        Assert.That((Disabled(page, "Previous page"), Disabled(page, "Next page")), Is.EqualTo((false, false)));

        page.Find("button[aria-label='Last page']").Click();
        page.WaitForAssertion(() => Assert.That(Numbers(page), Is.EqualTo(Enumerable.Range(51, 10).Select(n => n.ToString()).ToList())));
        Assert.That(Info(page), Is.EqualTo("51-60 of 60"));
        Assert.That((Disabled(page, "First page"), Disabled(page, "Next page"), Disabled(page, "Last page")), Is.EqualTo((false, true, true)));

        page.Find("button[aria-label='First page']").Click();
        page.WaitForAssertion(() => Assert.That(Numbers(page)[0], Is.EqualTo("1")));
        Assert.That(Info(page), Is.EqualTo("1-25 of 60"));
        Assert.That(asked.Select(a => a.Page), Is.EqualTo(new[] { 0, 1, 2, 0 }), "one request a page");
    }

    [Test]
    public void An_empty_table_shows_nothing_to_page_and_a_count_that_is_a_lower_bound_says_many()
    {
        var empty = RenderTable(0);
        empty.WaitForAssertion(() => Assert.That(Info(empty), Is.EqualTo("0-0 of 0")));
        Assert.That((Disabled(empty, "Previous page"), Disabled(empty, "Next page")), Is.EqualTo((true, true)));

        var broad = RenderTable(26, countIsExact: false);
        broad.WaitForAssertion(() => Assert.That(Info(broad), Is.EqualTo("1-25 of many")));
        Assert.That(Disabled(broad, "Next page"), Is.False);
    }
}
