using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Commands;

/// <summary>
/// Differential tests: every COMMAND INFO and COMMAND DOCS reply of the table, byte for byte against a
/// live redis-server 7 (SENTINEL against a Sentinel, the only mode that knows it).
/// </summary>
public sealed class CommandTableOracleTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly CommandTable Table = CommandTable.Default;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        // Our module-style commands (PIPELINE.*) are not redis-server's to compare with.
        foreach (var command in CommandTable.Default.Commands.Where(c => c.Group != "module"))
        {
            data.Add(command.Name);
            foreach (var sub in command.Subcommands)
            {
                data.Add(sub.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Command_info_and_docs_match_redis_in_resp2_and_resp3(string name)
    {
        if (!redis.Available)
        {
            return;
        }
        using var client = redis.Connect(sentinel: name.StartsWith("sentinel", StringComparison.Ordinal));
        foreach (var protocol in new[] { 2, 3 })
        {
            client.Call("HELLO", protocol.ToString());
            AssertSameReply(client.Call("COMMAND", "INFO", name), Table.InfoReply([Wire.Bytes(name)]), protocol);
            AssertSameReply(client.Call("COMMAND", "DOCS", name), Table.DocsReply([Wire.Bytes(name)]), protocol);
        }
    }

    [Fact]
    public void Command_info_and_docs_with_unknown_and_mixed_case_names_match_redis()
    {
        if (!redis.Available)
        {
            return;
        }
        using var client = redis.Connect();
        string[] names = ["nosuch", "GET", "Xinfo|Stream", "xadd"];
        foreach (var protocol in new[] { 2, 3 })
        {
            client.Call("HELLO", protocol.ToString());
            var bytes = names.Select(Wire.Bytes).ToArray();
            AssertSameReply(client.Call(["COMMAND", "INFO", .. names]), Table.InfoReply(bytes), protocol);
            AssertSameReply(client.Call(["COMMAND", "DOCS", .. names]), Table.DocsReply(bytes), protocol);
        }
    }

    private static void AssertSameReply(byte[] fromRedis, Reply ours, int protocol) =>
        Assert.Equal(RespCanonical.OfCommandReply(Wire.Text(fromRedis)), RespCanonical.OfCommandReply(Wire.Encode(ours, protocol)));
}
