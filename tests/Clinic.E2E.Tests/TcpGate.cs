using System.Net;
using System.Net.Sockets;

namespace Clinic.E2E.Tests;

/// <summary>
/// A loopback port that forwards to the database server while open, and where nothing listens while closed:
/// closing also cuts every connection it carried, as a database outage does to the app's pooled connections.
/// Reopening listens on the same port again. The database server itself is never touched (other runs share it).
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly object sync = new();
    private readonly List<TcpClient> carried = [];
    private TcpListener? listener;
    private Task? accepting;

    public int Port { get; }

    private TcpGate(string targetHost, int targetPort, int port) => (this.targetHost, this.targetPort, Port) = (targetHost, targetPort, port);

    public static TcpGate Open(string targetHost, int targetPort)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var gate = new TcpGate(targetHost, targetPort, port);
        gate.Reopen();
        return gate;
    }

    public bool IsOpen
    {
        get { lock (sync) return listener is not null; }
    }

    public void Reopen()
    {
        lock (sync)
        {
            if (listener is not null)
                return;
            var l = new TcpListener(IPAddress.Loopback, Port);
            l.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            l.Start();
            listener = l;
            accepting = AcceptAsync(l);
        }
    }

    /// <summary>Stops listening (a new connection is refused) and cuts every connection carried so far.</summary>
    public async Task CloseAsync()
    {
        TcpListener? l;
        Task? loop;
        List<TcpClient> cut;
        lock (sync)
        {
            (l, loop, listener, accepting) = (listener, accepting, null, null);
            cut = [.. carried];
            carried.Clear();
        }
        l?.Stop();
        foreach (var client in cut)
        {
            try
            {
                client.Client.LingerState = new LingerOption(true, 0); // a reset, as when the server goes away
            }
            catch (Exception)
            {
                // Already gone.
            }
            client.Dispose();
        }
        if (loop is not null)
            await loop;
    }

    private async Task AcceptAsync(TcpListener l)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await l.AcceptTcpClientAsync();
            }
            catch (Exception) when (!ReferenceEquals(listener, l))
            {
                return; // closed
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = CarryAsync(inbound);
        }
    }

    private async Task CarryAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (sync)
        {
            carried.Add(inbound);
            carried.Add(outbound);
        }
        try
        {
            await outbound.ConnectAsync(targetHost, targetPort);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception)
        {
            // Cut by CloseAsync, or one side went away.
        }
        finally
        {
            lock (sync)
            {
                carried.Remove(inbound);
                carried.Remove(outbound);
            }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
