using OrleansStreams.IntegrationTests.Harness;
using StackExchange.Redis;

namespace OrleansStreams.IntegrationTests.Cluster;

/// <summary>Silo processes with --cluster-enabled yes joining and leaving: the slot map follows, and every stream keeps its entries.</summary>
public sealed class ClusterMembershipChangeTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Streams_keep_their_entries_when_a_silo_joins_and_leaves()
    {
        await using var redis = await RedisServer.StartAsync();
        var options = ClusterSilosFixture.OptionsFor(redis);
        await using var a = await SiloProcess.StartAsync(options);
        await using var b = await SiloProcess.StartAsync(options);
        var keys = Enumerable.Range(0, 40).Select(i => $"move-{i}").ToArray();
        await WaitForNodesAsync([a, b]);
        await WriteAsync([a, b], keys);

        await using (var c = await SiloProcess.StartAsync(options))
        {
            await WaitForNodesAsync([a, b, c]);
            await ReadAndWriteAsync([a, b, c], keys, expected: 1);
            // Generous: on a loaded machine a stop that hands its grains over can take longer than the default 20 s.
            Assert.True(await c.StopGracefullyAsync(TimeSpan.FromSeconds(60)), c.OutputTail());
        }

        await WaitForNodesAsync([a, b]);
        await ReadAndWriteAsync([a, b], keys, expected: 2);
    }

    /// <summary>Waits until each of <paramref name="silos"/> reports all of them in CLUSTER SLOTS, covering every slot.</summary>
    private static Task WaitForNodesAsync(SiloProcess[] silos) =>
        Poll.UntilAsync(async () =>
        {
            var ports = silos.Select(s => (long)s.RespPort).Order().ToArray();
            foreach (var silo in silos)
            {
                using var client = await silo.ConnectAsync();
                var slots = (await client.ValueAsync("CLUSTER", "SLOTS")).Items;
                if (slots.Sum(r => r.Items[1].Integer - r.Items[0].Integer + 1) != 16384
                    || !slots.Select(r => r.Items[2].Items[1].Integer).Distinct().Order().SequenceEqual(ports))
                {
                    return false;
                }
            }
            return true;
        }, Settle, $"{silos.Length} nodes in every node's CLUSTER SLOTS");

    private static async Task WriteAsync(SiloProcess[] silos, string[] keys)
    {
        await using var mux = await ConnectAsync(silos);
        var db = mux.GetDatabase();
        foreach (var key in keys)
        {
            await db.StreamAddAsync(key, "f", key);
        }
    }

    /// <summary>A fresh cluster client (it learns the new map) finds <paramref name="expected"/> entries in each stream, then adds one.</summary>
    private static async Task ReadAndWriteAsync(SiloProcess[] silos, string[] keys, int expected)
    {
        await using var mux = await ConnectAsync(silos);
        var db = mux.GetDatabase();
        foreach (var key in keys)
        {
            var entries = await db.StreamRangeAsync(key);
            Assert.True(entries.Length == expected, $"{key}: {entries.Length} entries, expected {expected}");
            Assert.All(entries, e => Assert.Equal(key, (string?)e["f"]));
            await db.StreamAddAsync(key, "f", key);
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(SiloProcess[] silos)
    {
        var config = ConfigurationOptions.Parse(string.Join(',', silos.Select(s => $"127.0.0.1:{s.RespPort}")));
        config.AbortOnConnectFail = true;
        return await ConnectionMultiplexer.ConnectAsync(config);
    }
}
