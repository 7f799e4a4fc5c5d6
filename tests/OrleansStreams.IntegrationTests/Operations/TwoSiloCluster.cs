using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>A fresh redis-server and two silo processes on it (redis clustering and storage); silo B can be killed and restarted.</summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _all = [];

    private TwoSiloCluster(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public static async Task<TwoSiloCluster> StartAsync()
    {
        var cluster = new TwoSiloCluster(await RedisServer.StartAsync(durable: true));
        try
        {
            var options = new SiloOptions { Storage = "redis", Clustering = "redis", Redis = cluster.Redis.Endpoint, ClusterId = "fo-" + Guid.NewGuid().ToString("N")[..8] };
            cluster.A = cluster.Track(await SiloProcess.StartAsync(options));
            cluster.B = cluster.Track(await SiloProcess.StartAsync(options));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>kill -9 of silo B, then a new B process (new ports, same cluster and storage).</summary>
    public async Task CrashAndRestartBAsync()
    {
        B.KillHard();
        B = Track(await B.RestartAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(_all))
        {
            await silo.DisposeAsync();
        }
        await Redis.DisposeAsync();
    }

    private SiloProcess Track(SiloProcess silo)
    {
        _all.Add(silo);
        return silo;
    }
}
