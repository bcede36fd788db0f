using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Clinic.Notifications;

/// <summary>Sends a batch of emails over one connection.</summary>
public interface IEmailSender
{
    /// <summary>Opens a connection for a batch; dispose it to close.</summary>
    Task<IEmailConnection> ConnectAsync(CancellationToken ct);
}

public interface IEmailConnection : IAsyncDisposable
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>Email over SMTP with MailKit (Clinic:Notifications:Smtp).</summary>
public sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    public async Task<IEmailConnection> ConnectAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = Math.Max(options.TimeoutSeconds, 1) * 1000 };
        try
        {
            var security = options.Security.ToLowerInvariant() switch
            {
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "sslonconnect" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };
            await client.ConnectAsync(options.Host ?? "", options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.Username))
                await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
            return new Connection(client, options);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client, SmtpOptions options) : IEmailConnection
    {
        public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
        {
            MailboxAddress recipient;
            try
            {
                recipient = MailboxAddress.Parse(to);
            }
            catch (ParseException ex)
            {
                throw new PermanentDeliveryException($"Not an email address: {ex.Message}", ex);
            }
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(options.FromName ?? "", options.From ?? ""));
            message.To.Add(recipient);
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = body };
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
            {
                throw new PermanentDeliveryException($"The mail server refused the address ({(int)ex.StatusCode}): {ex.Message}", ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(true);
            }
            catch (Exception ex) when (ex is ServiceNotConnectedException or IOException or ProtocolException or OperationCanceledException)
            {
                // the batch is reported already; a failed QUIT changes nothing
            }
            client.Dispose();
        }
    }
}
