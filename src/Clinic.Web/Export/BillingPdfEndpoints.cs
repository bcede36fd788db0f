using Clinic.Data.Common;
using Clinic.Web.Auth;
using Clinic.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;

namespace Clinic.Web.Export;

/// <summary>
/// GET /billing/invoices/{id}/pdf and /billing/invoices/{id}/payments/{paymentId}/receipt.pdf: the invoice and a
/// payment's receipt as PDF (<see cref="BillingPdf"/>). They read invoice_get as the signed-in user, like the invoice
/// page, so the database decides what may be read (billing.read); the route needs the same permission.
/// </summary>
public static class BillingPdfEndpoints
{
    public static IEndpointRouteBuilder MapBillingPdf(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/billing/invoices/{invoiceId:int}/pdf", InvoiceAsync).RequireAuthorization(Permissions.BillingRead);
        endpoints.MapGet("/billing/invoices/{invoiceId:int}/payments/{paymentId:int}/receipt.pdf", ReceiptAsync)
            .RequireAuthorization(Permissions.BillingRead);
        return endpoints;
    }

    private static Task<IResult> InvoiceAsync(HttpContext http, IBillingDesk desk, AuthenticationStateProvider authState, int invoiceId) =>
        RenderAsync(http, desk, authState, invoiceId, detail =>
            File(BillingPdf.Invoice(detail), $"{FileName(detail.Header.InvoiceNumber ?? $"draft-{invoiceId}")}.pdf"));

    private static Task<IResult> ReceiptAsync(HttpContext http, IBillingDesk desk, AuthenticationStateProvider authState, int invoiceId,
        int paymentId) =>
        RenderAsync(http, desk, authState, invoiceId, detail =>
            detail.Payments.FirstOrDefault(p => p.PaymentId == paymentId) is { } payment
                ? File(BillingPdf.Receipt(detail, payment), $"{FileName(payment.ReceiptNumber)}.pdf")
                : Results.NotFound("That payment is not on this invoice."));

    private static async Task<IResult> RenderAsync(HttpContext http, IBillingDesk desk, AuthenticationStateProvider authState, int invoiceId,
        Func<Clinic.Data.Billing.InvoiceDetail, IResult> render)
    {
        // The data layer acts as the signed-in user: outside a Blazor circuit, tell it who that is.
        if (authState is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        try
        {
            var detail = await desk.InvoiceAsync(invoiceId, http.RequestAborted);
            return detail is null ? Results.NotFound("That invoice does not exist.") : render(detail);
        }
        catch (ClinicRuleException ex)
        {
            return Results.Problem(ex.Message, statusCode: ex.Code is 50101 or 50102 ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }
        catch (ClinicDataUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult File(byte[] pdf, string fileName) => Results.File(pdf, "application/pdf", fileName);

    /// <summary>INV-000123 stays as it is; anything but letters, digits and '-' becomes '-'.</summary>
    private static string FileName(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-'));
}
