namespace Clinic.Web.Components.Shared;

/// <summary>
/// Overlapping loads of one list (a filter changed while the previous answer was still on its way): only the latest
/// may show its answer, whichever comes back last. A component runs on its renderer's one-at-a-time context, so the
/// counter needs no lock.
/// </summary>
public sealed class LatestLoad
{
    private int latest;

    /// <summary>Starts a load: hand the ticket to <see cref="IsLatest"/> when its answer arrives.</summary>
    public int Start() => ++latest;

    /// <summary>Whether no load has started since the one holding <paramref name="ticket"/>.</summary>
    public bool IsLatest(int ticket) => ticket == latest;
}
