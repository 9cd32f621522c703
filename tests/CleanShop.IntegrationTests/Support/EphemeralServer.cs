using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// A private S3 emulator or Redis server that a test may stop and start again, to see what the API does
/// when a component goes away mid-run. The shared components of <see cref="TestComponents"/> are never stopped.
/// </summary>
public sealed class EphemeralServer : IAsyncDisposable
{
    private readonly Func<int, ProcessStartInfo> _startInfo;
    private readonly Func<int, Task<bool>> _isReady;
    private Process? _process;

    private EphemeralServer(Func<int, ProcessStartInfo> startInfo, Func<int, Task<bool>> isReady)
    {
        _startInfo = startInfo;
        _isReady = isReady;
        Port = FreePort();
    }

    public int Port { get; }

    public static async Task<EphemeralServer> StartS3EmulatorAsync(string bucket)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cleanshop-s3-").FullName;
        var launcher = Path.Combine(Repository.Root, "build", "s3-emulator", "launch.js");
        var server = new EphemeralServer(
            port => new ProcessStartInfo("node", ["--openssl-legacy-provider", launcher, "-d", dataDirectory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", bucket]),
            async port =>
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
                try { return (await http.GetAsync($"http://127.0.0.1:{port}/")).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
                catch (TaskCanceledException) { return false; }
            });
        await server.StartAsync();
        return server;
    }

    public static async Task<EphemeralServer> StartRedisAsync()
    {
        var server = new EphemeralServer(
            port => new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]),
            port => Task.FromResult(CanConnect(port)));
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var startInfo = _startInfo(Port);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await _isReady(Port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{startInfo.FileName} did not start on port {Port}; `build/services start` installs it.");
            await Task.Delay(100);
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
        // The port is closed once the process is gone; nothing answers there until StartAsync.
        while (CanConnect(Port))
            await Task.Delay(50);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
