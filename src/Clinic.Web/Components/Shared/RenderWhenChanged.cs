using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// Draws its content again only when <see cref="Key"/> has changed (by value: a tuple of what the content shows), not
/// every time its parent is drawn again. For a block of form fields in a dialog whose other parts change often: the
/// booking dialog's fields are some 40 MudBlazor components, and choosing a slot or leaving the reason box drew them all
/// again though none had changed (docs/benchmarks.md, issue 15). The fields still draw themselves on their own events.
/// The key must hold everything the content reads from its parent, or the content shows it late.
/// </summary>
public sealed class RenderWhenChanged : ComponentBase
{
    /// <summary>What the content shows (compared with <see cref="object.Equals(object?, object?)"/>).</summary>
    [Parameter, EditorRequired] public object? Key { get; set; }

    [Parameter] public RenderFragment? ChildContent { get; set; }

    private object? drawnFor;
    private bool drawn;

    protected override bool ShouldRender() => !drawn || !Equals(Key, drawnFor);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        drawnFor = Key;
        drawn = true;
        builder.AddContent(0, ChildContent);
    }
}
