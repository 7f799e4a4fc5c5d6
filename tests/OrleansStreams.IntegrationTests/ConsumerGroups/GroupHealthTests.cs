using OrleansStreams.IntegrationTests.Clients;

namespace OrleansStreams.IntegrationTests.ConsumerGroups;

/// <summary>Group health for operators: INFO consumergroups lists each group's backlog and oldest pending idle time.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class GroupHealthTests(SharedSiloFixture fixture)
{
    [Fact]
    public async Task Info_consumergroups_shows_pending_entries_and_the_oldest_pending_idle_time()
    {
        var key = "health-" + Guid.NewGuid().ToString("N");
        using var client = await fixture.Silo.ConnectAsync();
        Assert.Equal("1-0", (await client.ValueAsync("XADD", key, "1-0", "f", "v")).Text);
        Assert.Equal("2-0", (await client.ValueAsync("XADD", key, "2-0", "f", "v")).Text);
        Assert.Equal("OK", (await client.ValueAsync("XGROUP", "CREATE", key, "g", "0")).Text);
        await client.ValueAsync("XREADGROUP", "GROUP", "g", "worker", "COUNT", "2", "STREAMS", key, ">");

        var info = (await client.ValueAsync("INFO", "consumergroups")).Text!;

        Assert.Contains("# Consumergroups", info, StringComparison.Ordinal);
        var line = info.Split("\r\n").Single(l => l.Contains($"stream={key},", StringComparison.Ordinal));
        Assert.Contains(",group=g,pending=2,oldest_pending_idle_ms=", line, StringComparison.Ordinal);
        Assert.Contains(",consumers=1,dead_lettered=0", line, StringComparison.Ordinal);
    }
}
