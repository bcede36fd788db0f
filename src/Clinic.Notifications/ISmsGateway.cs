using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Clinic.Notifications;

/// <summary>
/// Sends one SMS. WHERE A REAL PROVIDER PLUGS IN: implement this interface over the provider's HTTP API (e.g.
/// Africa's Talking, Twilio), register it in <see cref="NotificationServiceCollectionExtensions.AddClinicNotifications"/>
/// for a new <c>Clinic:Notifications:Sms:Gateway</c> value, and throw <see cref="PermanentDeliveryException"/>
/// for a number the provider refuses for good (the message is then failed at once); any other exception is a
/// transient failure, retried with exponential backoff. The phone number arrives in E.164 form (+256772123456).
/// </summary>
public interface ISmsGateway
{
    Task SendAsync(string phoneNumber, string text, CancellationToken ct);
}

/// <summary>A refusal that retrying cannot cure (an invalid address or number): the message is failed at once.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Development gateway: appends each SMS as one JSON line to a file.</summary>
public sealed class FileSmsGateway(string path) : ISmsGateway
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task SendAsync(string phoneNumber, string text, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(new { at = DateTime.UtcNow, to = phoneNumber, text }, Json) + Environment.NewLine;
        await Gate.WaitAsync(ct);
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
                Directory.CreateDirectory(folder);
            await File.AppendAllTextAsync(path, line, ct);
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Development gateway: writes each SMS to the app log (the number shortened to its last three digits).</summary>
public sealed class LogSmsGateway(ILogger<LogSmsGateway> logger) : ISmsGateway
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken ct)
    {
        var shown = phoneNumber.Length > 3 ? "..." + phoneNumber[^3..] : phoneNumber;
        logger.LogInformation("SMS to {Phone}: {Text}", shown, text);
        return Task.CompletedTask;
    }
}
