using Clinic.Data.Common;
using MudBlazor;

namespace Clinic.Web.Components.Shared;

/// <summary>
/// Runs a data-layer call for a page: a rule the database refused, or a database outage, becomes a
/// snackbar with the database's own message instead of an error page.
/// </summary>
public static class UiActions
{
    public static async Task<bool> TryAsync(this ISnackbar snackbar, Func<Task> action, string? successMessage = null)
    {
        try
        {
            await action();
            if (successMessage is not null)
                snackbar.Add(successMessage, Severity.Success);
            return true;
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            snackbar.Add(message.Text, message.Severity);
            return false;
        }
    }

    /// <summary>The friendly text for an exception from the data layer, or null for a programming error.</summary>
    public static (string Text, Severity Severity)? Describe(Exception ex) => ex switch
    {
        ClinicRuleException rule => (rule.Message, Severity.Warning),
        ClinicDataUnavailableException down => (down.Message, Severity.Error),
        _ => null,
    };
}
