using MudBlazor;

namespace Clinic.Web.Components.Billing;

/// <summary>
/// How the money screens (cash-up, money today, the patient's account) write the database's codes:
/// payment methods and invoice statuses as words and colours. Presentation only: the methods, statuses
/// and every amount come from the procedures.
/// </summary>
public static class OverviewDisplay
{
    public static string Method(string method) => method switch
    {
        "cash" => "Cash",
        "mobile_money" => "Mobile money",
        "card" => "Card",
        "bank_transfer" => "Bank transfer",
        "insurer" => "Insurer settlement",
        _ => method,
    };

    public static string InvoiceStatus(string status) => status switch
    {
        "draft" => "Draft",
        "issued" => "Issued",
        "partially_paid" => "Partially paid",
        "paid" => "Paid",
        "void" => "Void",
        "credited" => "Credited",
        _ => status,
    };

    public static Color InvoiceStatusColor(string status) => status switch
    {
        "draft" => Color.Default,
        "issued" => Color.Warning,
        "partially_paid" => Color.Info,
        "paid" => Color.Success,
        "void" => Color.Error,
        _ => Color.Secondary,
    };

    public static string Relationship(string relationship) => relationship switch
    {
        "self" => "Self",
        "spouse" => "Spouse",
        "child" => "Child",
        "dependant" => "Dependant",
        "employee" => "Employee",
        _ => relationship,
    };

    /// <summary>A difference as recorded: negative is short (red), positive is over (orange), zero balances.</summary>
    public static string DifferenceClass(decimal? difference) => difference switch
    {
        < 0 => "mud-error-text",
        > 0 => "mud-warning-text",
        _ => "",
    };
}
