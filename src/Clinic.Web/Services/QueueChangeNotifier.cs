namespace Clinic.Web.Services;

/// <summary>
/// In-process signal that the walk-in queue changed through this app (a singleton): every open queue
/// board listens and reloads at once instead of waiting for its next poll. Changes made by another
/// app instance or straight in the database are picked up by the poll.
/// </summary>
public sealed class QueueChangeNotifier
{
    /// <summary>Raised after a queue change has been committed. Handlers must not block: a board posts its reload to its own renderer.</summary>
    public event Action? Changed;

    /// <summary>How many boards listen now: a closed board must not stay subscribed (it would leak with its circuit).</summary>
    public int ListenerCount => Changed?.GetInvocationList().Length ?? 0;

    public void NotifyChanged()
    {
        if (Changed is not { } handlers)
            return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            // One broken listener (e.g. a board whose circuit has just gone) must not stop the others or fail the change.
            try
            {
                handler();
            }
            catch (Exception)
            {
            }
        }
    }
}
