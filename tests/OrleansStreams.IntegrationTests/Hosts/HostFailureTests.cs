using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Hosts;

/// <summary>One host of three dies (kill -9) or is cut off the network; each test has a cluster of its own.</summary>
public sealed class HostFailureTests
{
    private const int Streams = 24;

    [Fact]
    public async Task Kill_9_of_one_host_loses_no_acknowledged_entry_and_the_others_serve_its_streams()
    {
        await using var cluster = await HostCluster.StartAsync(3);
        var prefix = "kill-" + Guid.NewGuid().ToString("N")[..6] + "-";
        using (var writer = await cluster.Silo(0).ConnectAsync())
        {
            for (var s = 0; s < Streams; s++)
            {
                for (var i = 1; i <= 10; i++)
                {
                    Assert.Equal($"{i}-0", (await writer.ValueAsync("XADD", prefix + s, $"{i}-0", "n", i.ToString(CultureInfo.InvariantCulture))).Text);
                }
            }
        }

        cluster.KillHard(1);

        // Every stream, wherever it lived, is served through host 2 within seconds, with all ten entries, and takes new ones.
        using var survivor = await cluster.Silo(2).ConnectAsync();
        for (var s = 0; s < Streams; s++)
        {
            var key = prefix + s;
            await Poll.UntilAsync(async () => (await survivor.ValueAsync("XADD", key, "11-0", "n", "11")).Text == "11-0", TimeSpan.FromSeconds(30), $"{key} to take an XADD after the kill");
            var entries = await survivor.ValueAsync("XRANGE", key, "-", "+");
            Assert.Equal(Enumerable.Range(1, 11).Select(i => $"{i}-0"), entries.Items.Select(e => e.Items[0].Text));
        }

        // The killed host comes back (as its service manager would restart it) and serves the same data.
        await cluster.StartSiloAsync(1);
        using var back = await cluster.Silo(1).ConnectAsync();
        for (var s = 0; s < Streams; s++)
        {
            Assert.Equal(11, (await back.ValueAsync("XLEN", prefix + s)).Integer);
        }
    }

    [Fact]
    public async Task A_host_cut_off_the_network_acknowledges_no_write_and_nothing_acknowledged_is_lost_when_it_heals()
    {
        await using var cluster = await HostCluster.StartAsync(3);
        var cut = cluster.Network.Hosts[2];
        var prefix = "cut-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var acknowledged = new List<(string Key, string Id)>();
        using (var writer = await cluster.Silo(0).ConnectAsync())
        {
            for (var s = 0; s < Streams; s++)
            {
                acknowledged.Add((prefix + s, (await writer.ValueAsync("XADD", prefix + s, "*", "before", "cut")).Text!));
            }
        }
        // A client on the host that will be cut off writes through its own node.
        Assert.Matches(@"^\d+-\d+$", await RedisCliOnHostAsync(cut, cluster, "XADD", prefix + "0", "*", "from", "cut-host"));

        await cut.CutLinkAsync();
        try
        {
            // Cut off from Redis and the other silos, the node acknowledges nothing: each write fails or gets no reply.
            for (var s = 0; s < Streams; s += 8)
            {
                var reply = await RedisCliOnHostAsync(cut, cluster, "XADD", prefix + s, "*", "from", "cut-host");
                Assert.DoesNotMatch(@"^\d+-\d+$", reply);
            }
            // The rest of the cluster takes over every stream within seconds.
            using var writer = await cluster.Silo(0).ConnectAsync();
            for (var s = 0; s < Streams; s++)
            {
                var key = prefix + s;
                string? id = null;
                await Poll.UntilAsync(async () =>
                {
                    var reply = await writer.ValueAsync("XADD", key, "*", "during", "cut");
                    id = reply.IsError ? null : reply.Text;
                    return id is not null;
                }, TimeSpan.FromSeconds(30), $"{key} to take an XADD on the majority side");
                acknowledged.Add((key, id!));
            }
        }
        finally
        {
            await cut.HealLinkAsync();
        }

        // Declared dead while cut off, the node stops itself; its service manager (here the test) restarts it, and
        // every host serves everything that was acknowledged on either side.
        Assert.True(await cluster.SettleAsync(2), "the cut-off node was not declared dead although cut off for longer than failure detection takes");
        foreach (var host in Enumerable.Range(0, 3))
        {
            foreach (var (key, id) in acknowledged)
            {
                await Poll.UntilAsync(async () =>
                {
                    using var reader = await cluster.Silo(host).ConnectAsync();
                    return (await reader.ValueAsync("XRANGE", key, id, id)).Items.Count == 1;
                }, TimeSpan.FromSeconds(30), $"{key} {id} through host {host}");
            }
        }
    }

    /// <summary>redis-cli run on <paramref name="host"/> against its own node: the reply, or "timeout" when none came in 3 s.</summary>
    private static async Task<string> RedisCliOnHostAsync(TestHost host, HostCluster cluster, params string[] command)
    {
        try
        {
            var (_, stdout, stderr) = await ChildProcesses.RunAsync("ip",
                ["netns", "exec", host.Namespace, "redis-cli", "-h", host.Address.ToString(), "-p", cluster.Silo(cluster.Network.Hosts.ToList().IndexOf(host)).RespPort.ToString(CultureInfo.InvariantCulture), .. command],
                TimeSpan.FromSeconds(3));
            return (stdout + stderr).Trim();
        }
        catch (TimeoutException)
        {
            return "timeout";
        }
    }
}
