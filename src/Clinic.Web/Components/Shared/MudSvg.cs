using Microsoft.AspNetCore.Components;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon written as the <c>&lt;svg&gt;</c> that MudIcon renders, without the component: parts drawn on every
/// page or many times per page (the app bar, the table pager) write their icons this way, because each component a
/// circuit keeps costs it a few kilobytes of render trees (issue 15, docs/benchmarks.md).
/// </summary>
public static class MudSvg
{
    /// <summary>The icon (an <c>Icons.Material…</c> path string) with MudBlazor's icon classes plus <paramref name="classes"/>.</summary>
    public static RenderFragment Icon(string icon, string classes) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon " + classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    };
}
