using OrleansStreams.Client;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Sdk;

/// <summary>The SDK finds a cluster through Redis membership, as services in production do.</summary>
public sealed class SdkRedisClusteringTests
{
    [Fact]
    public async Task The_sdk_connects_through_redis_clustering_and_reads_what_it_wrote()
    {
        await using var redis = await RedisServer.StartAsync();
        var clusterId = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory", Clustering = "redis", Redis = redis.Endpoint, ClusterId = clusterId });
        await using var connection = await OrleansStreamsConnection.ConnectAsync(o =>
        {
            o.Clustering = "redis";
            o.Redis = redis.Endpoint;
            o.ClusterId = clusterId;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
        });
        var id = await connection.Streams.AddAsync("sdk:redis-clustering", [("k", "v")]);
        var read = Assert.Single(await connection.Streams.RangeAsync("sdk:redis-clustering"));
        Assert.Equal(id, read.Id);
        Assert.Equal("v", read["k"]);
        using var resp = await silo.ConnectAsync();
        await resp.SendAsync("XLEN", "sdk:redis-clustering");
        Assert.Equal(":1\r\n", System.Text.Encoding.ASCII.GetString(await resp.ReadFrameAsync()));
    }
}
