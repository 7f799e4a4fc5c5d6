using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>When the storage behind a grain is gone, commands get error replies and the connection lives on.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Xread_and_xadd_answer_an_error_when_redis_storage_is_down_and_the_connection_survives()
    {
        var redis = await RedisServer.StartAsync();
        await using var silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "redis", Redis = redis.Endpoint });
        using var client = await silo.ConnectAsync();
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await client.CommandAsync("PING")));

        await redis.DisposeAsync();

        // Streams never touched before: their grains must load from the (stopped) storage.
        var xread = Encoding.UTF8.GetString(await client.CommandAsync("XREAD", "COUNT", "1", "STREAMS", "outage-read", "0"));
        Assert.StartsWith("-ERR ", xread, StringComparison.Ordinal);
        var xadd = Encoding.UTF8.GetString(await client.CommandAsync("XADD", "outage-write", "*", "f", "v"));
        Assert.StartsWith("-ERR ", xadd, StringComparison.Ordinal);
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await client.CommandAsync("PING")));
    }
}
