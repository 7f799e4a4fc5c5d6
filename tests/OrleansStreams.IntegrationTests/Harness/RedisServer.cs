using System.Diagnostics;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>A real redis-server on a free port with its own folder: the reference for differential tests and the backend of redis storage and clustering.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string _directory;

    private RedisServer(Process process, ProcessOutput output, string directory, int port)
    {
        _process = process;
        _output = output;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public string Output => _output.ToString();

    /// <summary>
    /// Starts redis-server; <paramref name="durable"/> turns on an fsync-always AOF, as storage for the silo should be;
    /// <paramref name="clusterEnabled"/> starts it as a Redis Cluster node (owning no slots), e.g. for CLUSTER KEYSLOT.
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool durable = false, string? requirePass = null, bool clusterEnabled = false)
    {
        var directory = RepoPaths.NewScratchDirectory("redis");
        var port = FreePort.Next();
        var info = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--dir", directory })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var arg in durable ? new[] { "--appendonly", "yes", "--appendfsync", "always" } : new[] { "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
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
        var server = new RedisServer(process, output, directory, port);
        try
        {
            await ReadyCheck.WaitForPongAsync(port, process, output, requirePass, TimeSpan.FromSeconds(20), "redis-server");
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
