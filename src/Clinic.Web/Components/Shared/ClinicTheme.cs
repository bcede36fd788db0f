using MudBlazor;

namespace Clinic.Web.Components.Shared;

public static class ClinicTheme
{
    public const string ClinicName = "Clinic";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00796b",
            Secondary = "#5c6bc0",
            AppbarBackground = "#00695c",
            Background = "#f4f6f8",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            DrawerIcon = "#00796b",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
