using MudBlazor;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// How the home page draws a tile the database sent (home_summary): an icon per tile key and a colour
/// by position. Presentation only; which tiles a role sees, and their values, come from the database.
/// </summary>
public static class HomeTileIcons
{
    public static string For(string tileKey) => tileKey switch
    {
        "patients" => Icons.Material.Filled.Groups,
        "appointments_today" or "my_appointments_today" => Icons.Material.Filled.Event,
        "to_check_in" => Icons.Material.Filled.HowToReg,
        "queue_waiting" or "my_queue_waiting" => Icons.Material.Filled.HourglassTop,
        "seen_today" => Icons.Material.Filled.TaskAlt,
        "my_open_visits" => Icons.Material.Filled.MedicalServices,
        "visits_without_vitals" => Icons.Material.Filled.MonitorHeart,
        "lab_to_collect" => Icons.Material.Filled.Science,
        "prescriptions_pending" => Icons.Material.Filled.Medication,
        "dispensed_today" => Icons.Material.Filled.LocalPharmacy,
        "below_reorder" => Icons.Material.Filled.Inventory,
        "lots_expiring" => Icons.Material.Filled.EventBusy,
        "active_accounts" => Icons.Material.Filled.People,
        "signed_in_today" => Icons.Material.Filled.Login,
        "locked_accounts" => Icons.Material.Filled.Lock,
        "audit_today" => Icons.Material.Filled.History,
        "unpaid_invoices_today" => Icons.Material.Filled.ReceiptLong,
        "outstanding_balance" => Icons.Material.Filled.AccountBalanceWallet,
        "my_takings_today" or "takings_today" => Icons.Material.Filled.Payments,
        "claims_to_submit" => Icons.Material.Filled.HealthAndSafety,
        _ => Icons.Material.Filled.Insights,
    };

    private static readonly Color[] Palette = [Color.Primary, Color.Info, Color.Warning, Color.Success, Color.Secondary, Color.Tertiary];

    public static Color ColorAt(int index) => Palette[index % Palette.Length];
}
