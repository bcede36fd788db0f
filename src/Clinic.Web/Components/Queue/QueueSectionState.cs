using Clinic.Data.Queue;

namespace Clinic.Web.Components.Queue;

/// <summary>The rows of one status on the queue board: as many pages as the user asked for, and the status's total.</summary>
public sealed class QueueSectionState(string status)
{
    public string Status { get; } = status;
    public IReadOnlyList<QueueListRow> Rows { get; set; } = [];
    public long Total { get; set; }
    public int Pages { get; set; } = 1;
    public bool HasMore => Rows.Count > 0 && Rows.Count < Total;
}
