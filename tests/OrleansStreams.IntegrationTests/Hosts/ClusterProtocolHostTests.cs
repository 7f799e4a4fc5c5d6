using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Hosts;

/// <summary>The Redis Cluster protocol across hosts: the slot map and MOVED name each node's advertised address.</summary>
public sealed class ClusterProtocolHostTests
{
    [Fact]
    public async Task Cluster_aware_redis_cli_follows_moved_to_the_host_that_owns_each_key()
    {
        await using var cluster = await HostCluster.StartAsync(3, "memory", clusterEnabled: true);
        var addresses = cluster.Network.Hosts.Select(h => $"{h.Address}:{cluster.Silo(0).RespPort}").ToHashSet();

        // Every node's slot map names the three hosts' addresses (not loopback) once membership has settled.
        await Poll.UntilAsync(async () =>
        {
            using var client = await cluster.Silo(0).ConnectAsync();
            var nodes = (await client.ValueAsync("CLUSTER", "NODES")).Text ?? "";
            return addresses.All(a => nodes.Contains(a, StringComparison.Ordinal)) && !nodes.Contains("127.0.0.1", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "CLUSTER NODES to name the three hosts");

        // redis-cli -c from a host of its own, pointed at host 0, writes and reads keys owned by every host.
        var owners = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            var key = $"moved-{i}";
            using var client = await cluster.Silo(0).ConnectAsync();
            var slot = (await client.ValueAsync("CLUSTER", "KEYSLOT", key)).Integer;
            var reply = await client.ValueAsync("XLEN", key);
            if (reply.IsError)
            {
                Assert.StartsWith($"MOVED {slot} ", reply.Text, StringComparison.Ordinal);
                owners.Add(reply.Text![($"MOVED {slot} ".Length)..]);
            }
            else
            {
                owners.Add($"{cluster.Network.Hosts[0].Address}:{cluster.Silo(0).RespPort}");
            }
            var (code, stdout, stderr) = await ChildProcesses.RunAsync("redis-cli",
                ["-c", "-h", cluster.Network.Hosts[0].Address.ToString(), "-p", cluster.Silo(0).RespPort.ToString(CultureInfo.InvariantCulture), "XADD", key, $"{i + 1}-0", "n", i.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(20));
            Assert.True(code == 0 && stdout.Trim() == $"{i + 1}-0", $"redis-cli -c XADD {key}: {stdout}{stderr}");
        }
        Assert.Subset(addresses, owners);
        Assert.True(owners.Count >= 2, $"12 keys all owned by {string.Join(", ", owners)}");
    }
}
