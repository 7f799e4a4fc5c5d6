using System.Diagnostics;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>How to start a silo; ports left at 0 are picked free.</summary>
public sealed record SiloOptions
{
    public string Storage { get; init; } = "memory";

    /// <summary>Data folder for file storage; a fresh scratch folder owned by the silo when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>host:port of the redis-server used by redis storage or redis clustering.</summary>
    public string? Redis { get; init; }

    public string Clustering { get; init; } = "localhost";

    public string? RequirePass { get; init; }

    public int RespPort { get; init; }

    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    /// <summary>Silo port of the primary for localhost clustering; null passes no switch (the node is its own primary).</summary>
    public int? PrimarySiloPort { get; init; }

    public string? ClusterId { get; init; }

    /// <summary>--stop-timeout in seconds; null passes no switch (the node's default).</summary>
    public int? StopTimeout { get; init; }

    /// <summary>The test host (network namespace) the silo runs on, bound to its address; null: this namespace, on loopback.</summary>
    public TestHost? Host { get; init; }

    /// <summary>Switches passed after the others (a later switch overrides an earlier one).</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>The address the silo's ports listen on and clients dial.</summary>
    public System.Net.IPAddress Address => Host?.Address ?? System.Net.IPAddress.Loopback;

    /// <summary>Passes --cluster-enabled yes: the node speaks the Redis Cluster protocol.</summary>
    public bool ClusterEnabled { get; init; }
}

/// <summary>The silo as a real process (the build of the same configuration as the tests), serving RESP on a free port.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string? _ownedDataDirectory;

    private SiloProcess(Process process, ProcessOutput output, SiloOptions options, string? ownedDataDirectory)
    {
        _process = process;
        _output = output;
        Options = options;
        _ownedDataDirectory = ownedDataDirectory;
    }

    /// <summary>The options with the ports actually used.</summary>
    public SiloOptions Options { get; }

    public int RespPort => Options.RespPort;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the silo wrote to stdout and stderr so far.</summary>
    public string Output => _output.ToString();

    public static async Task<SiloProcess> StartAsync(SiloOptions? options = null)
    {
        options ??= new SiloOptions();
        if (!File.Exists(RepoPaths.SiloDll))
        {
            throw new FileNotFoundException($"Silo not built: {RepoPaths.SiloDll}. Build the test project (it builds the silo first).");
        }
        options = WithPortsAndData(options, out var owned);

        // The silo's folder is the working directory so its appsettings.json applies, as with `dotnet run`.
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.SiloDirectory };
        info.ArgumentList.Add(RepoPaths.SiloDll);
        foreach (var arg in Arguments(options))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (options.Host is { } host)
        {
            info = host.Wrap(info);
        }
        var output = new ProcessOutput();
        var process = ChildProcesses.Start(info, output);
        var silo = new SiloProcess(process, output, options, owned);
        try
        {
            await ReadyCheck.WaitForPongAsync(options.Address, options.RespPort, process, output, options.RequirePass, StartTimeout, options.Host is null ? "silo" : $"silo on {options.Host}");
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>
    /// Runs a silo that is expected to refuse to start (a bad option, a port in use) with <paramref name="options"/> and then
    /// <paramref name="extraArgs"/> (a later switch overrides an earlier one); its exit code and output once it exits.
    /// </summary>
    /// <exception cref="TimeoutException">The silo still ran after <paramref name="timeout"/> (it was killed).</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(SiloOptions options, TimeSpan timeout, params string[] extraArgs)
    {
        options = WithPortsAndData(options, out var owned);
        try
        {
            return await ChildProcesses.RunAsync("dotnet", [RepoPaths.SiloDll, .. Arguments(options), .. extraArgs], timeout);
        }
        finally
        {
            if (owned is not null)
            {
                RepoPaths.DeleteQuietly(owned);
            }
        }
    }

    /// <summary>
    /// A new silo process on the same storage and data folder (use after <see cref="KillHard"/>). It gets new ports,
    /// so the restart does not depend on how fast the kernel releases the old ones; the data folder stays owned by this instance.
    /// </summary>
    public Task<SiloProcess> RestartAsync() =>
        StartAsync(Options with { RespPort = 0, SiloPort = 0, GatewayPort = 0, PrimarySiloPort = null });

    /// <summary>SIGKILL, as `kill -9`: no shutdown code runs.</summary>
    public void KillHard() => ChildProcesses.KillHard(_process);

    /// <summary>SIGTERM (or <paramref name="signal"/>) and wait for a clean exit; false when the silo did not exit in time and was killed.</summary>
    public Task<bool> StopGracefullyAsync(TimeSpan? timeout = null, string signal = "TERM") =>
        ChildProcesses.StopGracefullyAsync(_process, timeout ?? TimeSpan.FromSeconds(20), signal);

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    public Task<RespClient> ConnectAsync() => RespClient.ConnectAsync(Options.Address, RespPort);

    /// <summary>The process id (that of the program itself when it runs in a test host's namespace).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines of the silo's output, to attach to a failure message.</summary>
    public string OutputTail(int chars = 6000)
    {
        var text = Output;
        return text.Length <= chars ? text : "..." + text[^chars..];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopGracefullyAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        if (_ownedDataDirectory is not null)
        {
            RepoPaths.DeleteQuietly(_ownedDataDirectory);
        }
    }

    /// <summary>
    /// <paramref name="options"/> with a free port for each port left at 0 and a new scratch data folder when none is
    /// given (<paramref name="owned"/>: that folder, for the caller to delete; null when the caller gave one).
    /// </summary>
    private static SiloOptions WithPortsAndData(SiloOptions options, out string? owned)
    {
        owned = options.DataDirectory is null ? RepoPaths.NewScratchDirectory("silo-data") : null;
        return options with
        {
            DataDirectory = options.DataDirectory ?? owned,
            RespPort = options.RespPort == 0 ? FreePort.Next() : options.RespPort,
            SiloPort = options.SiloPort == 0 ? FreePort.Next() : options.SiloPort,
            GatewayPort = options.GatewayPort == 0 ? FreePort.Next() : options.GatewayPort,
        };
    }

    private static IEnumerable<string> Arguments(SiloOptions o)
    {
        yield return "--storage";
        yield return o.Storage;
        yield return "--data";
        yield return o.DataDirectory!;
        if (o.Redis is not null)
        {
            yield return "--redis";
            yield return o.Redis;
        }
        yield return "--clustering";
        yield return o.Clustering;
        yield return "--resp-port";
        yield return o.RespPort.ToString();
        yield return "--silo-port";
        yield return o.SiloPort.ToString();
        yield return "--gateway-port";
        yield return o.GatewayPort.ToString();
        if (o.PrimarySiloPort is { } primary)
        {
            yield return "--primary-silo-port";
            yield return primary.ToString();
        }
        yield return "--bind";
        yield return o.Address.ToString();
        if (o.ClusterEnabled)
        {
            yield return "--cluster-enabled";
            yield return "yes";
        }
        if (o.RequirePass is not null)
        {
            yield return "--requirepass";
            yield return o.RequirePass;
        }
        if (o.ClusterId is not null)
        {
            yield return "--cluster-id";
            yield return o.ClusterId;
        }
        if (o.StopTimeout is { } stop)
        {
            yield return "--stop-timeout";
            yield return stop.ToString();
        }
        foreach (var arg in o.ExtraArgs)
        {
            yield return arg;
        }
    }
}
