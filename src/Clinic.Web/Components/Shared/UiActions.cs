using Clinic.Data.Common;
using Clinic.Data.Patients;
using Microsoft.AspNetCore.Components;
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

    /// <summary>
    /// Like <see cref="TryAsync"/> for a read of the clinical record: when the database answers that the reader is not part
    /// of the patient's care (<see cref="PatientProcedures.NotInCare"/>) and <paramref name="notInCare"/> is listened to, its
    /// sentence goes there (the screen offers to break the glass) instead of a snackbar.
    /// </summary>
    public static async Task<bool> TryClinicalReadAsync(this ISnackbar snackbar, Func<Task> action, EventCallback<string> notInCare)
    {
        try
        {
            await action();
            return true;
        }
        catch (ClinicRuleException ex) when (IsNotInCare(ex) && notInCare.HasDelegate)
        {
            await notInCare.InvokeAsync(ex.Message);
            return false;
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            snackbar.Add(message.Text, message.Severity);
            return false;
        }
    }

    /// <summary>The database refused a read because the reader is not part of the patient's care (50790).</summary>
    public static bool IsNotInCare(Exception ex) => ex is ClinicRuleException { Code: PatientProcedures.NotInCare };

    /// <summary>The friendly text for an exception from the data layer, or null for a programming error.</summary>
    public static (string Text, Severity Severity)? Describe(Exception ex) => ex switch
    {
        ClinicRuleException rule => (rule.Message, Severity.Warning),
        ClinicDataUnavailableException down => (down.Message, Severity.Error),
        _ => null,
    };
}
