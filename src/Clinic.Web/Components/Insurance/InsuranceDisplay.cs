using MudBlazor;

namespace Clinic.Web.Components.Insurance;

/// <summary>
/// Labels and colours for the insurance screens. Presentation only: the codes (payer types, relationships, claim
/// statuses) and every transition between them belong to the database (migration 0058, the claim_* procedures).
/// </summary>
public static class InsuranceDisplay
{
    public static readonly IReadOnlyList<string> PayerTypes = ["insurer", "employer"];

    public static readonly IReadOnlyList<string> Relationships = ["self", "spouse", "child", "dependant", "employee"];

    /// <summary>The claim statuses the worklist filters by (ck_claim_status).</summary>
    public static readonly IReadOnlyList<string> ClaimStatuses = ["draft", "submitted", "accepted", "partially_accepted", "rejected", "paid"];

    public static string PayerType(string? code) => code switch
    {
        "insurer" => "Insurer",
        "employer" => "Employer scheme",
        _ => code ?? "",
    };

    public static string Relationship(string? code) => code switch
    {
        "self" => "Self",
        "spouse" => "Spouse",
        "child" => "Child",
        "dependant" => "Dependant",
        "employee" => "Employee",
        _ => code ?? "",
    };

    public static string ClaimStatus(string? code) => code switch
    {
        "draft" => "Draft",
        "submitted" => "Submitted",
        "accepted" => "Accepted",
        "partially_accepted" => "Partially accepted",
        "rejected" => "Rejected",
        "paid" => "Paid",
        null or "" => "All",
        _ => code,
    };

    public static Color ClaimStatusColor(string? code) => code switch
    {
        "draft" => Color.Default,
        "submitted" => Color.Info,
        "accepted" => Color.Success,
        "partially_accepted" => Color.Warning,
        "rejected" => Color.Error,
        "paid" => Color.Primary,
        _ => Color.Default,
    };

    /// <summary>80.00 -> "80 %".</summary>
    public static string Percent(decimal value) => $"{Shared.Format.Quantity(value)} %";
}
