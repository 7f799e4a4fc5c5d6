using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>XINFO STREAM field by field: everything but radix-tree-nodes (the silo's log is not a radix tree) equals redis-server.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class XInfoStreamFieldTests(DifferentialFixture fixture)
{
    private static readonly string[] Setup =
    [
        "XADD s 1-0 a 1",
        "XADD s 2-0 b 2 c 3",
        "XADD s 3-0 d 4",
        "XADD s 4-0 e 5",
        "XDEL s 2-0",
        "XDEL s 4-0",
    ];

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public async Task Xinfo_stream_fields_other_than_radix_tree_nodes_equal_redis_server(int protocol, bool full)
    {
        var expected = await FieldsAsync(fixture.Redis.Port, protocol, full);
        var actual = await FieldsAsync(fixture.TestedPort, protocol, full);

        Assert.Contains("length", expected.Keys);
        Assert.Equal(string.Join("\n", expected.Keys), string.Join("\n", actual.Keys));
        foreach (var (field, value) in expected)
        {
            Assert.True(value == actual[field], $"XINFO STREAM{(full ? " FULL" : "")} (RESP{protocol}) field {field}: redis {value}, silo {actual[field]}");
        }
    }

    private static async Task<Dictionary<string, string>> FieldsAsync(int port, int protocol, bool full)
    {
        using var client = await RespClient.ConnectAsync(port);
        Assert.Equal("+OK\r\n", System.Text.Encoding.ASCII.GetString(await client.CommandAsync("SELECT", "9")));
        await client.CommandAsync("FLUSHDB");
        if (protocol == 3)
        {
            await client.CommandAsync("HELLO", "3");
        }
        foreach (var line in Setup)
        {
            await client.CommandAsync(line.Split(' '));
        }
        var reply = RespValue.Parse(await client.CommandAsync(full ? ["XINFO", "STREAM", "s", "FULL"] : ["XINFO", "STREAM", "s"]));
        return reply.AsPairs()
            .Where(p => p.Key != "radix-tree-nodes")
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
