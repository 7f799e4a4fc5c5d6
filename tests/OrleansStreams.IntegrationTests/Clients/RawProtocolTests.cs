using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>Blocking reads, protocol errors and arity errors over raw connections.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class RawProtocolTests(SharedSiloFixture fixture)
{
    [Fact]
    public async Task Xread_block_0_is_woken_by_xadd_from_another_connection()
    {
        var key = "block-" + Guid.NewGuid().ToString("N");
        using var reader = await fixture.Silo.ConnectAsync();
        using var writer = await fixture.Silo.ConnectAsync();

        // 0-0 rather than $: the entry is returned whichever of the two commands the server sees first,
        // and waiting for INFO's blocked_clients makes it the wake-up path that is tested.
        await reader.SendAsync("XREAD", "BLOCK", "0", "STREAMS", key, "0-0");
        var pending = reader.ReadFrameAsync(TimeSpan.FromSeconds(30));
        await WaitUntilBlockedAsync(writer);
        Assert.False(pending.IsCompleted, "XREAD BLOCK 0 returned before any XADD");
        Assert.Equal("$3\r\n7-0\r\n", Encoding.ASCII.GetString(await writer.CommandAsync("XADD", key, "7-0", "f", "v")));

        var reply = Encoding.ASCII.GetString(await pending);

        Assert.Equal($"*1\r\n*2\r\n${key.Length}\r\n{key}\r\n*1\r\n*2\r\n$3\r\n7-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", reply);
    }

    [Fact]
    public async Task Xread_block_200_on_an_empty_stream_times_out_with_the_same_null_reply_as_redis()
    {
        var key = "block-empty-" + Guid.NewGuid().ToString("N");
        using var silo = await fixture.Silo.ConnectAsync();
        using var redis = await RespClient.ConnectAsync(fixture.Redis.Port);

        var started = DateTime.UtcNow;
        var siloReply = await silo.CommandAsync("XREAD", "BLOCK", "200", "STREAMS", key, "$");
        var waited = DateTime.UtcNow - started;
        var redisReply = await redis.CommandAsync("XREAD", "BLOCK", "200", "STREAMS", key, "$");

        Assert.Equal(RespFrame.Show(redisReply), RespFrame.Show(siloReply));
        Assert.InRange(waited, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await silo.CommandAsync("PING")));
    }

    [Fact]
    public async Task Malformed_frame_gets_a_protocol_error_and_closes_only_that_connection()
    {
        using var bystander = await fixture.Silo.ConnectAsync();
        using var bad = await fixture.Silo.ConnectAsync();

        await bad.SendRawAsync("*1\r\n$x\r\n"u8.ToArray());
        var error = Encoding.ASCII.GetString(await bad.ReadFrameAsync());

        Assert.StartsWith("-ERR Protocol error: ", error, StringComparison.Ordinal);
        Assert.True(await bad.WaitClosedByServerAsync(TimeSpan.FromSeconds(5)), "the connection stayed open after a protocol error");
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await bystander.CommandAsync("PING")));
        using var fresh = await fixture.Silo.ConnectAsync();
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await fresh.CommandAsync("PING")));
    }

    [Fact]
    public async Task Malformed_frame_error_text_equals_redis_server()
    {
        using var silo = await fixture.Silo.ConnectAsync();
        using var redis = await RespClient.ConnectAsync(fixture.Redis.Port);
        var frame = "*1\r\n$x\r\n"u8.ToArray();

        await silo.SendRawAsync(frame);
        await redis.SendRawAsync(frame);

        Assert.Equal(RespFrame.Show(await redis.ReadFrameAsync()), RespFrame.Show(await silo.ReadFrameAsync()));
    }

    [Fact]
    public async Task Wrong_arity_replies_an_error_and_keeps_the_connection_alive()
    {
        using var client = await fixture.Silo.ConnectAsync();

        var error = Encoding.ASCII.GetString(await client.CommandAsync("XADD", "k"));

        Assert.Equal("-ERR wrong number of arguments for 'xadd' command\r\n", error);
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await client.CommandAsync("PING")));
    }

    /// <summary>Waits for INFO clients to count a blocked client; a server that does not report the field is not waited for.</summary>
    internal static Task WaitUntilBlockedAsync(RespClient admin) =>
        Poll.UntilAsync(async () =>
        {
            var info = RespValue.Parse(await admin.CommandAsync("INFO", "clients")).Text ?? "";
            var line = info.Split("\r\n").FirstOrDefault(l => l.StartsWith("blocked_clients:", StringComparison.Ordinal));
            return line is null || line != "blocked_clients:0";
        }, TimeSpan.FromSeconds(10), "INFO clients to report a blocked client");
}
