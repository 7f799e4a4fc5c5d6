using OrleansStreams.IntegrationTests.Harness;
using StackExchange.Redis;

namespace OrleansStreams.IntegrationTests.Hosts;

/// <summary>
/// Silos on separate test hosts (one network namespace each, <see cref="TestNetwork"/>) forming one cluster through a
/// redis-server on the bridge (redis clustering, and redis or file storage). Clients in the test dial the hosts'
/// addresses over the bridge, as clients on other machines would.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    private readonly SiloProcess?[] _silos;
    private readonly IReadOnlyList<string>[] _args;

    private HostCluster(TestNetwork network, RedisServer redis, SiloOptions template, int hosts)
    {
        Network = network;
        Redis = redis;
        Template = template;
        _silos = new SiloProcess?[hosts];
        _args = [.. Enumerable.Repeat<IReadOnlyList<string>>([], hosts)];
    }

    public TestNetwork Network { get; }

    public RedisServer Redis { get; }

    public SiloOptions Template { get; }

    public SiloProcess Silo(int host) => _silos[host] ?? throw new InvalidOperationException($"No silo runs on host {host}.");

    public bool IsRunning(int host) => _silos[host] is { HasExited: false };

    public int Count => _silos.Length;

    /// <summary>
    /// Starts <paramref name="hosts"/> hosts, redis-server on the bridge, and a silo on each host, bound to the host's
    /// address — or, with <paramref name="wildcardLastHost"/>, the last one to 0.0.0.0 with no --advertise, so that it
    /// has to find its address itself.
    /// </summary>
    public static async Task<HostCluster> StartAsync(int hosts, string storage = "redis", bool wildcardLastHost = false, bool clusterEnabled = false)
    {
        if (TestNetwork.WhyUnavailable() is { } why)
        {
            throw new InvalidOperationException($"Multi-host tests need network namespaces: {why}.");
        }
        var network = await TestNetwork.CreateAsync(hosts);
        RedisServer? redis = null;
        try
        {
            redis = await RedisServer.StartAsync(durable: true, bind: network.BridgeAddress);
            var template = new SiloOptions
            {
                Storage = storage,
                Clustering = "redis",
                Redis = redis.Endpoint,
                ClusterId = "hosts-" + Guid.NewGuid().ToString("N")[..8],
                // The hosts share this machine's file system: file storage is one folder, as FileStorageClaim requires.
                DataDirectory = storage == "file" ? RepoPaths.NewScratchDirectory("hosts-data") : null,
                ClusterEnabled = clusterEnabled,
            };
            var cluster = new HostCluster(network, redis, template, hosts);
            if (wildcardLastHost)
            {
                cluster._args[hosts - 1] = ["--bind", "0.0.0.0"];
            }
            for (var i = 0; i < hosts; i++)
            {
                await cluster.StartSiloAsync(i);
            }
            return cluster;
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts, after a kill) the silo of <paramref name="host"/>, with fixed ports per host.</summary>
    public async Task<SiloProcess> StartSiloAsync(int host)
    {
        if (_silos[host] is { } old)
        {
            _silos[host] = null;
            await old.DisposeAsync();
        }
        // After a cut link heals, the host's neighbour entry for Redis may still be failed for a moment, and a node that
        // cannot reach Redis at start exits (a supervisor would start it again): start it once Redis answers from there.
        await Poll.UntilAsync(async () =>
        {
            var (_, stdout, _) = await ChildProcesses.RunAsync("ip",
                ["netns", "exec", Network.Hosts[host].Namespace, "redis-cli", "-h", Redis.Address.ToString(), "-p", Redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PING"],
                TimeSpan.FromSeconds(5));
            return stdout.Trim() == "PONG";
        }, TimeSpan.FromSeconds(30), $"Redis to answer from host {host}");
        // Every host has its own ports, so the same numbers serve on each; a restart reuses them as a real host would.
        var silo = await SiloProcess.StartAsync(Template with { Host = Network.Hosts[host], RespPort = 6380, SiloPort = 11111, GatewayPort = 30000, ExtraArgs = _args[host] });
        _silos[host] = silo;
        return silo;
    }

    public void KillHard(int host) => Silo(host).KillHard();

    /// <summary>The silos in the membership table, as Orleans' Redis clustering stores them: (address, status).</summary>
    public async Task<List<(string Address, string Status)>> MembershipAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Endpoint);
        var db = redis.GetDatabase();
        var rows = new List<(string, string)>();
        foreach (var entry in await db.HashGetAllAsync($"orleansstreams/members/{Template.ClusterId}"))
        {
            rows.Add((entry.Name.ToString(), entry.Value.ToString()));
        }
        return rows;
    }

    /// <summary>
    /// After a host's link heals: a node the others declared dead meanwhile stops itself (Orleans' rule), and is
    /// restarted here as its service manager would; a node that stayed a member goes on. Returns whether it was restarted.
    /// With <paramref name="waitForSelfStop"/> false, a node declared dead is killed at once instead (a supervisor that
    /// restarts it sooner), which keeps chaos cycles short.
    /// </summary>
    public async Task<bool> SettleAsync(int host, bool waitForSelfStop = true)
    {
        var address = $"S{Network.Hosts[host].Address}:{Silo(host).Options.SiloPort}:";
        string status = "";
        await Poll.UntilAsync(async () =>
        {
            var rows = (await MembershipAsync()).Where(m => m.Address.StartsWith(address, StringComparison.Ordinal)).ToList();
            status = rows.Count == 0 ? "" : rows.MaxBy(r => r.Address)!.Status;
            // 3 is Active, 6 is Dead in Orleans' SiloStatus.
            return Silo(host).HasExited || status.Contains("\"Status\":6", StringComparison.Ordinal) || status.Contains("\"Status\":3", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), $"host {host}'s membership row to settle");
        if (!Silo(host).HasExited && status.Contains("\"Status\":3", StringComparison.Ordinal))
        {
            return false;
        }
        if (waitForSelfStop)
        {
            await Poll.UntilAsync(() => Silo(host).HasExited, TimeSpan.FromSeconds(60), $"host {host}'s node, declared dead, to stop itself");
        }
        else
        {
            KillHard(host);
        }
        await StartSiloAsync(host);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }
        await Redis.DisposeAsync();
        await Network.DisposeAsync();
        if (Template.DataDirectory is { } data)
        {
            RepoPaths.DeleteQuietly(data);
        }
    }
}
