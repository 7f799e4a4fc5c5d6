using System.Text;
using OrleansStreams.IntegrationTests.Clients;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>Two silo processes forming one cluster through redis-server (redis clustering and storage).</summary>
public sealed class MultiSiloFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync(durable: true);
        var cluster = new SiloOptions { Storage = "redis", Clustering = "redis", Redis = Redis.Endpoint, ClusterId = "it-" + Guid.NewGuid().ToString("N")[..8] };
        A = await SiloProcess.StartAsync(cluster);
        B = await SiloProcess.StartAsync(cluster);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in new[] { B, A })
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

public sealed class MultiSiloTests(MultiSiloFixture fixture) : IClassFixture<MultiSiloFixture>
{
    [Fact]
    public async Task Entries_written_through_silo_a_are_read_through_silo_b()
    {
        var key = "multi-" + Guid.NewGuid().ToString("N");
        using var a = await fixture.A.ConnectAsync();
        using var b = await fixture.B.ConnectAsync();

        for (var i = 1; i <= 50; i++)
        {
            Assert.Equal($"{i}-0", (await a.ValueAsync("XADD", key, $"{i}-0", "n", i.ToString())).Text);
        }

        Assert.Equal(50, (await b.ValueAsync("XLEN", key)).Integer);
        var fromA = RespFrame.Show(await a.CommandAsync("XRANGE", key, "-", "+"));
        var fromB = RespFrame.Show(await b.CommandAsync("XRANGE", key, "-", "+"));
        Assert.Equal(fromA, fromB);
        Assert.Equal("50-0", (await b.ValueAsync("XREVRANGE", key, "+", "-", "COUNT", "1")).Items[0].Items[0].Text);
    }

    [Fact]
    public async Task Xread_block_on_silo_b_is_woken_by_xadd_on_silo_a()
    {
        var key = "multi-block-" + Guid.NewGuid().ToString("N");
        using var reader = await fixture.B.ConnectAsync();
        using var adminB = await fixture.B.ConnectAsync();
        using var writer = await fixture.A.ConnectAsync();

        await reader.SendAsync("XREAD", "BLOCK", "0", "STREAMS", key, "0-0");
        var pending = reader.ReadFrameAsync(TimeSpan.FromSeconds(30));
        await RawProtocolTests.WaitUntilBlockedAsync(adminB);
        Assert.False(pending.IsCompleted, "XREAD BLOCK 0 returned before any XADD");
        Assert.Equal("5-0", (await writer.ValueAsync("XADD", key, "5-0", "f", "v")).Text);

        var reply = RespValue.Parse(await pending);

        Assert.Equal(key, reply.Items[0].Items[0].Text);
        Assert.Equal("5-0", reply.Items[0].Items[1].Items[0].Items[0].Text);
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await reader.CommandAsync("PING")));
    }

    [Fact]
    public async Task Publish_on_silo_a_reaches_a_subscriber_on_silo_b()
    {
        var channel = "multi-chan-" + Guid.NewGuid().ToString("N");
        using var subscriber = await fixture.B.ConnectAsync();
        using var publisher = await fixture.A.ConnectAsync();

        var subscribed = await subscriber.ValueAsync("SUBSCRIBE", channel);
        Assert.Equal("subscribe", subscribed.Items[0].Text);

        // The first publish may race the other silo's registration with the pub/sub grain only at
        // start-up; poll with a deadline until the subscriber is counted.
        await Poll.UntilAsync(async () => (await publisher.ValueAsync("PUBLISH", channel, "hello")).Integer == 1, TimeSpan.FromSeconds(20), "PUBLISH on silo A reaching the subscriber on silo B");
        var message = await subscriber.ReadValueAsync();
        Assert.Equal("message", message.Items[0].Text);
        Assert.Equal(channel, message.Items[1].Text);
        Assert.Equal("hello", message.Items[2].Text);
    }
}
