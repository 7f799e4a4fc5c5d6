using System.Diagnostics;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>A real redis-server on a free port with its own folder: the reference for differential tests and the backend of redis storage and clustering.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string _directory;

    private RedisServer(Process process, ProcessOutput output, string directory, int port, System.Net.IPAddress bind)
    {
        Address = bind;
        _process = process;
        _output = output;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The address it listens on: loopback, or the bridge of a <see cref="TestNetwork"/>.</summary>
    public System.Net.IPAddress Address { get; }

    public string Endpoint => $"{Address}:{Port}";

    public string Output => _output.ToString();

    /// <summary>
    /// Starts redis-server; <paramref name="durable"/> turns on an fsync-always AOF, as storage for the silo should be;
    /// <paramref name="clusterEnabled"/> starts it as a Redis Cluster node (owning no slots), e.g. for CLUSTER KEYSLOT;
    /// <paramref name="bind"/> is its address (loopback, or the bridge of a <see cref="TestNetwork"/>).
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool durable = false, string? requirePass = null, bool clusterEnabled = false, System.Net.IPAddress? bind = null)
    {
        bind ??= System.Net.IPAddress.Loopback;
        var directory = RepoPaths.NewScratchDirectory("redis");
        var port = FreePort.Next();
        var info = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", bind.ToString(), "--save", "", "--dir", directory })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var arg in durable ? new[] { "--appendonly", "yes", "--appendfsync", "always" } : new[] { "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }
        if (!System.Net.IPAddress.IsLoopback(bind))
        {
            // On a test network's bridge: the silos on the test hosts are the clients, without a password.
            info.ArgumentList.Add("--protected-mode");
            info.ArgumentList.Add("no");
        }
        if (clusterEnabled)
        {
            info.ArgumentList.Add("--cluster-enabled");
            info.ArgumentList.Add("yes");
        }
        if (requirePass is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(requirePass);
        }
        var output = new ProcessOutput();
        var process = ChildProcesses.Start(info, output);
        var server = new RedisServer(process, output, directory, port, bind);
        try
        {
            await ReadyCheck.WaitForPongAsync(bind, port, process, output, requirePass, TimeSpan.FromSeconds(20), "redis-server");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.StopGracefullyAsync(_process, TimeSpan.FromSeconds(5));
        _process.Dispose();
        RepoPaths.DeleteQuietly(_directory);
    }
}
