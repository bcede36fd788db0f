using Clinic.Web.Components.Shared;
using MudBlazor;

namespace Clinic.Web.Components.Billing;

/// <summary>
/// Labels and colours for the billing codes the database returns (invoice statuses, payment methods, adjustment
/// kinds). Presentation only: the statuses, their transitions and every amount are the database's.
/// </summary>
public static class BillingDisplay
{
    /// <summary>The invoice statuses of table invoice (for the status filter), in the order an invoice moves.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Statuses =
    [
        ("draft", "Draft"),
        ("issued", "Issued"),
        ("partially_paid", "Partially paid"),
        ("paid", "Paid"),
        ("credited", "Credited"),
        ("void", "Void"),
    ];

    public static string Status(string? code) => Statuses.FirstOrDefault(s => s.Code == code).Label ?? code ?? "";

    public static Color StatusColor(string? code) => code switch
    {
        "draft" => Color.Default,
        "issued" => Color.Info,
        "partially_paid" => Color.Warning,
        "paid" => Color.Success,
        "credited" => Color.Secondary,
        "void" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The payment methods a clerk takes at the desk (payment_take also knows 'insurer', recorded from remittances).</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> DeskMethods =
    [
        ("cash", "Cash"),
        ("mobile_money", "Mobile money"),
        ("card", "Card"),
        ("bank_transfer", "Bank transfer"),
    ];

    public static string Method(string? code) => code switch
    {
        "insurer" => "Insurer",
        _ => DeskMethods.FirstOrDefault(m => m.Code == code).Label ?? code ?? "",
    };

    /// <summary>Mobile-money providers offered in the dialog; the database only requires one (51168).</summary>
    public static readonly IReadOnlyList<string> MobileMoneyProviders = ["MTN MoMo", "Airtel Money"];

    public static readonly IReadOnlyList<(string Code, string Label)> AdjustmentKinds =
    [
        ("discount", "Discount"),
        ("waiver", "Waiver"),
    ];

    public static string AdjustmentKind(string? code) => AdjustmentKinds.FirstOrDefault(k => k.Code == code).Label ?? code ?? "";

    public static string AdjustmentStatus(string? code) => code switch
    {
        "pending" => "Waiting for approval",
        "approved" => "Approved",
        "rejected" => "Rejected",
        _ => code ?? "",
    };

    public static Color AdjustmentColor(string? code) => code switch
    {
        "pending" => Color.Warning,
        "approved" => Color.Success,
        "rejected" => Color.Error,
        _ => Color.Default,
    };

    public static string Category(string? code) => code switch
    {
        null or "" => "",
        _ => char.ToUpperInvariant(code[0]) + code[1..],
    };

    public static string ClaimStatus(string? code) => code switch
    {
        null or "" => "",
        _ => char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' '),
    };

    public static string InvoiceNumber(string? number, int invoiceId) => number ?? $"Draft #{invoiceId}";
}
