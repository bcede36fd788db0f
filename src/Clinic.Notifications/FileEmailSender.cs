using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Clinic.Notifications;

/// <summary>
/// Development and demo email "server" (Clinic:Notifications:Email:Gateway = file): appends each email as one JSON line
/// (at, to, subject, body) to a file, creating its folder. No mail leaves the machine.
/// </summary>
public sealed class FileEmailSender(string path) : IEmailSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task<IEmailConnection> ConnectAsync(CancellationToken ct) => Task.FromResult<IEmailConnection>(new Connection(path));

    private sealed class Connection(string path) : IEmailConnection
    {
        public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
        {
            var line = JsonSerializer.Serialize(new { at = DateTime.UtcNow, to, subject, body }, Json) + Environment.NewLine;
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

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Development email "server" (Clinic:Notifications:Email:Gateway = log): writes each email's subject to the app log, the address shortened.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task<IEmailConnection> ConnectAsync(CancellationToken ct) => Task.FromResult<IEmailConnection>(new Connection(logger));

    private sealed class Connection(ILogger logger) : IEmailConnection
    {
        public Task SendAsync(string to, string subject, string body, CancellationToken ct)
        {
            var at = to.IndexOf('@', StringComparison.Ordinal);
            var shown = at > 0 ? to[..1] + "...@" + to[(at + 1)..] : to;
            logger.LogInformation("Email to {Address}: {Subject}", shown, subject);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
