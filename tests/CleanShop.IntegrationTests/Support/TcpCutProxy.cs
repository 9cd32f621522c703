using System.Net;
using System.Net.Sockets;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// A TCP proxy in front of a shared component (PostgreSQL) that a test can cut and restore: while cut, every open
/// connection is dropped and new ones are refused, as when the server goes away; the shared server itself never stops.
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _cut;

    /// <summary>A proxy in front of the shared PostgreSQL of <see cref="TestComponents"/>.</summary>
    public static TcpCutProxy InFrontOfPostgres()
    {
        TestComponents.EnsureRunning();
        var shared = new Npgsql.NpgsqlConnectionStringBuilder(TestComponents.PostgresConnection);
        return new TcpCutProxy(shared.Host!, shared.Port);
    }

    public TcpCutProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted since the last <see cref="Restore"/>.</summary>
    public int Accepted { get; private set; }

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    if (client.Client is { } socket)
                        socket.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                }
                catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
                {
                    // closing already
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient downstream;
            try { downstream = await _listener.AcceptTcpClientAsync(_stopping.Token); }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (_cut)
            {
                downstream.Client.LingerState = new LingerOption(true, 0);
                downstream.Dispose();
                continue;
            }

            Accepted++;
            _ = PipeAsync(downstream);
        }
    }

    private async Task PipeAsync(TcpClient downstream)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stopping.Token);
            lock (_open)
            {
                _open.Add(downstream);
                _open.Add(upstream);
            }

            await using var down = downstream.GetStream();
            await using var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, _stopping.Token), up.CopyToAsync(down, _stopping.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ends here; the other side sees it closed.
        }
        finally
        {
            downstream.Dispose();
            upstream.Dispose();
            lock (_open)
            {
                _open.Remove(downstream);
                _open.Remove(upstream);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        _stopping.Dispose();
    }
}
