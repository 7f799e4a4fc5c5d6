using System.Globalization;
using OrleansStreams.Client;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Hosts;

/// <summary>Three silos on three hosts (network namespaces), Redis clustering and storage on a fourth address.</summary>
public sealed class ThreeHostFixture : IAsyncLifetime
{
    public HostCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await HostCluster.StartAsync(3, wildcardLastHost: true);

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

public sealed class MultiHostTests(ThreeHostFixture fixture) : IClassFixture<ThreeHostFixture>
{
    private HostCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Three_hosts_form_one_cluster_each_advertising_its_own_address()
    {
        // Hosts 0 and 1 bind their address (advertised as it is); host 2 binds 0.0.0.0 and finds its address itself.
        await Poll.UntilAsync(() => Cluster.Silo(2).Output.Contains($"advertised as {Cluster.Network.Hosts[2].Address};", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "host 2's ready line to name its own address");
        var addresses = Cluster.Network.Hosts.Select(h => h.Address.ToString()).ToList();

        // Orleans' Redis membership: one row per silo incarnation, "S<ip>:<port>:<generation>" → JSON with "Status":3 when active.
        List<string> active = [];
        await Poll.UntilAsync(async () =>
        {
            active = [.. (await Cluster.MembershipAsync()).Where(m => m.Address.StartsWith('S') && m.Status.Contains("\"Status\":3", StringComparison.Ordinal)).Select(m => m.Address)];
            return active.Count >= 3;
        }, TimeSpan.FromSeconds(30), "three active silos in the membership table");

        Assert.Equal(addresses.Order(), active.Select(a => a[1..a.IndexOf(':', StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public async Task Entries_written_through_one_host_are_read_through_the_others()
    {
        var prefix = "hosts-rw-" + Guid.NewGuid().ToString("N")[..6] + "-";
        using var writer = await Cluster.Silo(0).ConnectAsync();
        // Enough streams that Orleans places some on every silo.
        for (var s = 0; s < 24; s++)
        {
            for (var i = 1; i <= 5; i++)
            {
                Assert.Equal($"{i}-0", (await writer.ValueAsync("XADD", prefix + s, $"{i}-0", "n", i.ToString(CultureInfo.InvariantCulture))).Text);
            }
        }

        foreach (var host in new[] { 1, 2 })
        {
            using var reader = await Cluster.Silo(host).ConnectAsync();
            for (var s = 0; s < 24; s++)
            {
                var entries = await reader.ValueAsync("XRANGE", prefix + s, "-", "+");
                Assert.Equal(["1-0", "2-0", "3-0", "4-0", "5-0"], entries.Items.Select(e => e.Items[0].Text));
            }
        }
    }

    [Fact]
    public async Task The_sdk_reaches_nodes_on_other_hosts_by_gateway_address_and_through_redis_membership()
    {
        var key = "hosts-sdk-" + Guid.NewGuid().ToString("N")[..6];
        using (var resp = await Cluster.Silo(1).ConnectAsync())
        {
            Assert.Equal("1-0", (await resp.ValueAsync("XADD", key, "1-0", "via", "resp")).Text);
        }

        await using (var byAddress = await OrleansStreamsConnection.ConnectAsync(o =>
        {
            o.Gateways.Add($"{Cluster.Network.Hosts[0].Address}:{Cluster.Silo(0).Options.GatewayPort}");
            o.ClusterId = Cluster.Template.ClusterId!;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
        }))
        {
            Assert.Equal("resp", Assert.Single(await byAddress.Streams.RangeAsync(key))["via"]);
            await byAddress.Streams.AddAsync(key, [("via", "sdk-static")]);
        }
        await using var byMembership = await OrleansStreamsConnection.ConnectAsync(o =>
        {
            o.Clustering = "redis";
            o.Redis = Cluster.Redis.Endpoint;
            o.ClusterId = Cluster.Template.ClusterId!;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
        });

        Assert.Equal(["resp", "sdk-static"], (await byMembership.Streams.RangeAsync(key)).Select(e => e["via"]));
    }

    [Fact]
    public async Task The_cli_reaches_a_node_on_another_host_with_gateway()
    {
        var key = "hosts-cli-" + Guid.NewGuid().ToString("N")[..6];
        var gateway = $"{Cluster.Network.Hosts[2].Address}:{Cluster.Silo(2).Options.GatewayPort}";

        var add = await CliProcess.RunAsync(CliProcess.CliDll, ["--gateway", gateway, "--cluster-id", Cluster.Template.ClusterId!, "produce", key], "f=v\n");
        var range = await CliProcess.RunAsync(CliProcess.CliDll, ["--gateway", gateway, "--cluster-id", Cluster.Template.ClusterId!, "range", key, "--json"]);

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(range.ExitCode == 0, range.ToString());
        Assert.Equal("v", Assert.Single(range.Json().EnumerateArray().ToList()).GetProperty("fields").GetProperty("f").GetString());
    }
}
