using System.Diagnostics;
namespace OrleansStreams.Resp.UnitTests.Support;

/// <summary>
/// A real redis-server (and a Sentinel, which alone knows the SENTINEL command) on Unix sockets in a
/// temporary folder, used as the oracle for differential tests. <see cref="Available"/> is false
/// when <c>redis-server</c> is not installed; the tests that need it then have nothing to compare.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    private const string ServerPath = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "os-resp-oracle-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _processes = [];

    public RedisServerFixture()
    {
        if (!File.Exists(ServerPath))
        {
            return;
        }
        Directory.CreateDirectory(_directory);
        ServerSocket = Path.Combine(_directory, "redis.sock");
        SentinelSocket = Path.Combine(_directory, "sentinel.sock");
        var sentinelConfig = Path.Combine(_directory, "sentinel.conf");
        File.WriteAllText(sentinelConfig, $"port 0\nunixsocket {SentinelSocket}\n");
        try
        {
            var server = Start("ready to accept connections", "--port", "0", "--unixsocket", ServerSocket, "--save", "", "--appendonly", "no", "--dir", _directory);
            var sentinel = Start("Sentinel ID is", sentinelConfig, "--sentinel", "--dir", _directory);
            if (!Task.WaitAll([server, sentinel], StartTimeout))
            {
                throw new TimeoutException("redis-server did not become ready");
            }
            Available = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public bool Available { get; }

    public string ServerSocket { get; } = "";

    public string SentinelSocket { get; } = "";

    public RespTestClient Connect(bool sentinel = false) => new(sentinel ? SentinelSocket : ServerSocket);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        _processes.Clear();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Starts redis-server; the task completes when its log prints <paramref name="readyLine"/>.</summary>
    private Task Start(string readyLine, params string[] args)
    {
        var info = new ProcessStartInfo(ServerPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(readyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        _processes.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ready.Task;
    }
}
