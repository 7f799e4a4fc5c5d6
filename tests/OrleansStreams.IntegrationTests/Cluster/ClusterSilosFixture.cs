using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cluster;

/// <summary>Three silo processes on loopback with --cluster-enabled yes, clustered and stored in one redis-server.</summary>
public sealed class ClusterSilosFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Silos { get; private set; } = [];

    public IEnumerable<int> Ports => Silos.Select(s => s.RespPort);

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var options = OptionsFor(Redis);
        var silos = new List<SiloProcess>();
        Silos = silos;
        for (var i = 0; i < 3; i++)
        {
            silos.Add(await SiloProcess.StartAsync(options));
        }
        await WaitForThreeOwnersAsync();
    }

    /// <summary>A silo with --cluster-enabled yes in a new cluster clustered and stored in <paramref name="redis"/>.</summary>
    public static SiloOptions OptionsFor(RedisServer redis) => new()
    {
        Storage = "redis",
        Clustering = "redis",
        Redis = redis.Endpoint,
        ClusterId = "slots-" + Guid.NewGuid().ToString("N")[..8],
        ClusterEnabled = true,
    };

    /// <summary>Waits until every node's CLUSTER NODES lists the three nodes with slots.</summary>
    private async Task WaitForThreeOwnersAsync()
    {
        await Poll.UntilAsync(async () =>
        {
            foreach (var silo in Silos)
            {
                using var client = await silo.ConnectAsync();
                var nodes = (await client.ValueAsync("CLUSTER", "NODES")).Text ?? "";
                if (nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Split(' ').Length > 8) != 3)
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(60), "three nodes owning slots in every node's CLUSTER NODES");
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Silos.Reverse())
        {
            await silo.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
