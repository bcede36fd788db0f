namespace Clinic.LoadTests;

/// <summary>
/// How long the server worked for one user during one journey step, from the spans timed in the server process.
/// </summary>
public static class ServerTime
{
    public sealed record Result(double Total, double SlowestInteraction, double DbSum);

    /// <summary>
    /// Total: the length of the union of the user's spans (requests, event handlers, procedure calls), clipped to the
    /// step's window, so work done in parallel counts once and nested spans add nothing. An event handler that encloses
    /// the user's later interactions (a click that opens a dialog and awaits its result) spent its time waiting for the
    /// user: it counts only from the end of the last interaction that began within it (the one that closed the dialog) to
    /// its own end, if it ends later;
    /// the dialog's own work before that is in the spans of its procedure calls and of the user's events.
    /// The interactions a handler awaited are looked for in <paramref name="all"/> (every span of the user, when given): a
    /// dialog opened before the step and closed after it waited for the user during the whole step.
    /// SlowestInteraction: the longest request or event handler so cut. DbSum: the procedure calls' time, summed.
    /// </summary>
    public static Result Busy(IReadOnlyList<HarnessHooks.Sample> spans, double from, double to, IReadOnlyList<HarnessHooks.Sample>? all = null)
    {
        var interactions = (all ?? spans).Where(s => s.Kind != "db").ToList();
        var pieces = new List<(double Start, double End)>();
        var slowest = 0.0;
        foreach (var span in spans)
        {
            if (Counted(span, interactions, from, to) is not { } piece)
                continue;
            pieces.Add(piece);
            if (span.Kind != "db")
                slowest = Math.Max(slowest, piece.End - piece.Start);
        }
        var db = spans.Where(s => s.Kind == "db").Sum(s => Math.Max(0, Math.Min(s.EndMs, to) - Math.Max(s.StartMs, from)));
        return new Result(UnionLength(pieces), slowest, db);
    }

    /// <summary>
    /// Each request and event handler of the step with the time it counts for in <see cref="Busy"/> (cut the same way: an
    /// awaited dialog counts from the user's last event in it), by name: which handler the step's server time is spent in.
    /// </summary>
    public static IEnumerable<(string Name, double Ms)> Interactions(IReadOnlyList<HarnessHooks.Sample> spans, double from, double to,
        IReadOnlyList<HarnessHooks.Sample>? all = null)
    {
        var interactions = (all ?? spans).Where(s => s.Kind != "db").ToList();
        foreach (var span in spans.Where(s => s.Kind != "db"))
            if (Counted(span, interactions, from, to) is { } piece)
                yield return (span.Name, piece.End - piece.Start);
    }

    /// <summary>
    /// The part of <paramref name="span"/> that counts as the server's work within [from, to]: all of it, or for a handler
    /// that awaited the user's interactions only what follows the last of them; null when nothing is left.
    /// </summary>
    private static (double Start, double End)? Counted(HarnessHooks.Sample span, List<HarnessHooks.Sample> interactions, double from, double to)
    {
        var enclosed = Enclosed(span, interactions);
        var start = Math.Max(enclosed.Count > 0 ? enclosed.Max(o => o.EndMs) : span.StartMs, from);
        var end = Math.Min(span.EndMs, to);
        return end > start ? (start, end) : null;
    }

    /// <summary>
    /// The user's interactions that began while an event handler ran: it awaited them (a dialog). The last of them may end
    /// after the handler: the click that closes a dialog completes the awaited result, and the waiting handler finishes
    /// before the click's own handler does; it then has no time of its own left.
    /// </summary>
    private static List<HarnessHooks.Sample> Enclosed(HarnessHooks.Sample span, List<HarnessHooks.Sample> interactions) =>
        span.Kind == "event"
            ? interactions.Where(o => !ReferenceEquals(o, span) && o.StartMs > span.StartMs && o.StartMs < span.EndMs).ToList()
            : [];

    public static double UnionLength(List<(double Start, double End)> pieces)
    {
        var total = 0.0;
        var end = double.NegativeInfinity;
        foreach (var (start, stop) in pieces.OrderBy(p => p.Start))
        {
            if (stop <= end)
                continue;
            total += stop - Math.Max(start, end);
            end = stop;
        }
        return total;
    }
}
