using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>A throwaway redis-server on a free port, without persistence; killed on dispose even if the test fails.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static bool IsInstalled => File.Exists(ServerPath);

    public static RedisServerProcess Start()
    {
        var port = FreePort();
        var info = new ProcessStartInfo(ServerPath)
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServerProcess(process, port);
        try
        {
            server.WaitUntilAccepting(TimeSpan.FromSeconds(10));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public TcpClient Connect() => new(IPAddress.Loopback.ToString(), Port) { NoDelay = true };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    private void WaitUntilAccepting(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = Connect();
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                // Not listening yet: spin on the connect itself, which blocks briefly, instead of sleeping.
                _process.WaitForExit(20);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
