using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using OrleansStreams.IntegrationTests.Harness;
using OrleansStreams.Replies;
using StackExchange.Redis;

namespace OrleansStreams.IntegrationTests.Cluster;

/// <summary>
/// Three silo processes with --cluster-enabled yes, and the cluster-aware clients that Redis users have:
/// redis-cli -c, StackExchange.Redis, redis-py's RedisCluster and redis-benchmark --cluster.
/// </summary>
public sealed partial class ClusterClientTests(ClusterSilosFixture fixture) : IClassFixture<ClusterSilosFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_node_reports_one_slot_map_of_three_nodes_covering_every_slot()
    {
        var views = new List<string>();
        var ids = new HashSet<string>();
        foreach (var silo in fixture.Silos)
        {
            using var client = await silo.ConnectAsync();
            var slots = await client.ValueAsync("CLUSTER", "SLOTS");
            views.Add(slots.ToString());
            Assert.Equal(16384, slots.Items.Sum(r => r.Items[1].Integer - r.Items[0].Integer + 1));
            var myId = (await client.ValueAsync("CLUSTER", "MYID")).Text!;
            Assert.Matches("^[0-9a-f]{40}$", myId);
            Assert.Contains(slots.Items, r => r.Items[2].Items[2].Text == myId && r.Items[2].Items[1].Integer == silo.RespPort && r.Items[2].Items[0].Text == "127.0.0.1");
            ids.Add(myId);
            Assert.Contains("cluster_state:ok", (await client.ValueAsync("CLUSTER", "INFO")).Text);
            Assert.Contains("cluster_enabled:1", (await client.ValueAsync("INFO", "cluster")).Text);
            Assert.Equal(3, (await client.ValueAsync("CLUSTER", "SHARDS")).Items.Count);
            var myself = (await client.ValueAsync("CLUSTER", "NODES")).Text!.Split('\n').Single(l => l.Contains("myself", StringComparison.Ordinal));
            Assert.StartsWith($"{myId} 127.0.0.1:{silo.RespPort}@", myself, StringComparison.Ordinal);
        }
        Assert.Equal(3, ids.Count);
        Assert.Single(views.Distinct());
    }

    [Fact]
    public async Task A_key_is_moved_to_its_owner_and_keys_of_two_slots_are_refused()
    {
        var owner = await OwnerPortAsync("foo");
        var other = fixture.Ports.First(p => p != owner);
        using var elsewhere = await RespClient.ConnectAsync(other);
        Assert.Equal($"MOVED 12182 127.0.0.1:{owner}", (await elsewhere.ValueAsync("XADD", "foo", "*", "f", "v")).Text);
        Assert.Equal(RedisErrors.CrossSlot, (await elsewhere.ValueAsync("MSET", "a", "1", "b", "2")).Text);
        using var there = await RespClient.ConnectAsync(owner);
        Assert.False((await there.ValueAsync("XADD", "foo", "*", "f", "v")).IsError);
        Assert.Equal("OK", (await there.ValueAsync("ASKING")).Text);
        Assert.Equal("OK", (await there.ValueAsync("READONLY")).Text);
        Assert.Equal("OK", (await there.ValueAsync("READWRITE")).Text);
    }

    [Fact]
    public async Task Redis_cli_in_cluster_mode_follows_moved()
    {
        var ports = fixture.Ports.ToArray();
        for (var i = 0; i < 12; i++)
        {
            var key = $"cli-cluster-{i}";
            await RedisCliAsync(ports[i % 3], "XADD", key, "*", "n", i.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("1", await RedisCliAsync(ports[(i + 1) % 3], "XLEN", key));
        }
    }

    [Fact]
    public async Task StackExchange_redis_sends_each_key_to_the_node_that_owns_its_slot()
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"se-cluster-{i}").ToArray();
        var before = await XAddCallsAsync();
        var config = ConfigurationOptions.Parse(string.Join(',', fixture.Ports.Select(p => $"127.0.0.1:{p}")));
        config.AbortOnConnectFail = true;
        await using var mux = await ConnectionMultiplexer.ConnectAsync(config);
        Assert.All(mux.GetEndPoints(), ep => Assert.Equal(ServerType.Cluster, mux.GetServer(ep).ServerType));
        var db = mux.GetDatabase();
        foreach (var key in keys)
        {
            await db.StreamAddAsync(key, "f", key);
        }
        var expected = new Dictionary<int, int>();
        foreach (var key in keys)
        {
            var entries = await db.StreamRangeAsync(key);
            Assert.Equal(key, (string?)Assert.Single(entries)["f"]);
            var owner = await OwnerPortAsync(key);
            Assert.Equal(owner, ((IPEndPoint)db.IdentifyEndpoint(key)!).Port);
            expected[owner] = expected.GetValueOrDefault(owner) + 1;
        }
        // Each node ran XADD exactly for the keys it owns: no request went to another node first.
        var after = await XAddCallsAsync();
        Assert.All(fixture.Ports, p => Assert.Equal(expected.GetValueOrDefault(p), after[p] - before[p]));
        Assert.Equal(3, expected.Count);
    }

    [Fact]
    public async Task Redis_py_cluster_client_writes_and_reads_keys_on_every_node()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Cluster", "Python", "redis_py_cluster.py");
        var (exit, stdout, stderr) = await ChildProcesses.RunAsync("/usr/bin/python3", [script, .. fixture.Ports.Select(p => $"127.0.0.1:{p}")], ClientTimeout);
        Assert.True(exit == 0, $"redis-py RedisCluster failed: {stderr}");
        Assert.Equal("3 3", stdout.Trim());
    }

    [Fact]
    public async Task Redis_benchmark_in_cluster_mode_completes_without_errors()
    {
        var port = fixture.Ports.First().ToString(CultureInfo.InvariantCulture);
        string[] common = ["--cluster", "-h", "127.0.0.1", "-p", port, "-n", "2000", "-c", "8", "-q"];
        foreach (var args in new[] { [.. common, "-t", "set,get,incr,lpush,sadd,hset"], common.Concat(["XADD", "bench:{tag}:__rand_int__", "*", "f", "v"]).ToArray() })
        {
            var (exit, stdout, stderr) = await ChildProcesses.RunAsync("redis-benchmark", args, ClientTimeout);
            var output = stdout + stderr;
            Assert.True(exit == 0 && !output.Contains("Error", StringComparison.OrdinalIgnoreCase), $"redis-benchmark {string.Join(' ', args)} exited {exit}:\n{output}");
            Assert.Contains("requests per second", output, StringComparison.Ordinal);
        }
    }

    private async Task<int> OwnerPortAsync(string key)
    {
        using var client = await fixture.Silos[0].ConnectAsync();
        var slot = (await client.ValueAsync("CLUSTER", "KEYSLOT", key)).Integer;
        var ranges = (await client.ValueAsync("CLUSTER", "SLOTS")).Items;
        return (int)ranges.Single(r => r.Items[0].Integer <= slot && slot <= r.Items[1].Integer).Items[2].Items[1].Integer;
    }

    private async Task<Dictionary<int, long>> XAddCallsAsync()
    {
        var calls = new Dictionary<int, long>();
        foreach (var silo in fixture.Silos)
        {
            using var client = await silo.ConnectAsync();
            var stats = (await client.ValueAsync("INFO", "commandstats")).Text!;
            calls[silo.RespPort] = XAddCalls().Match(stats) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        return calls;
    }

    [GeneratedRegex(@"cmdstat_xadd:calls=(\d+)")]
    private static partial Regex XAddCalls();

    private static async Task<string> RedisCliAsync(int port, params string[] args)
    {
        var (exit, stdout, stderr) = await ChildProcesses.RunAsync("redis-cli", new[] { "-c", "-p", port.ToString(CultureInfo.InvariantCulture) }.Concat(args), TimeSpan.FromSeconds(30));
        Assert.True(exit == 0 && !stdout.Contains("MOVED", StringComparison.Ordinal), $"redis-cli -c {string.Join(' ', args)} exited {exit}: {stdout} {stderr}");
        return stdout.Trim();
    }
}
