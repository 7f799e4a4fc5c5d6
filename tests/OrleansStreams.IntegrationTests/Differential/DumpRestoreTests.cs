using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;
using OrleansStreams.Rdb;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// Streams move between redis-server 7.0.15 and the silo with DUMP and RESTORE, both ways, and read alike afterwards:
/// entries, XINFO STREAM (FULL: nodes, delivery and seen times, delivery counts), XINFO GROUPS (entries-read, lag),
/// XPENDING, consumers, and what XCLAIM, XREADGROUP and XAUTOCLAIM do next. Byte-exact DUMP comparisons are in
/// Scripts/dump-restore.redis.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class DumpRestoreTests(DifferentialFixture fixture, ITestOutputHelper output)
{
    /// <summary>+OK as <see cref="RespFrame.Show"/> prints it.</summary>
    private const string Ok = @"+OK\r\n";

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A stream of three nodes with deleted entries inside nodes, an exact trim, two groups, pending entries (one deleted), claims.</summary>
    public static IEnumerable<string[]> BuildStream(string key)
    {
        for (var i = 1; i <= 260; i++)
        {
            yield return i % 13 == 0
                ? ["XADD", key, $"{i}-{i % 4}", "kind", "odd", "n", N(i), "extra", "x"]
                : ["XADD", key, $"{i}-{i % 4}", "kind", "even", "n", N(i)];
        }
        yield return ["XDEL", key, "40-0", "41-1", "150-2", "260-0"];
        yield return ["XTRIM", key, "MAXLEN", "245"];
        yield return ["XGROUP", "CREATE", key, "g1", "0"];
        yield return ["XGROUP", "CREATE", key, "g2", "$"];
        yield return ["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "5", "STREAMS", key, ">"];
        yield return ["XREADGROUP", "GROUP", "g1", "bob", "COUNT", "3", "STREAMS", key, ">"];
        yield return ["XACK", key, "g1", "20-0"];
        yield return ["XCLAIM", key, "g1", "bob", "0", "21-1"];
        yield return ["XREADGROUP", "GROUP", "g1", "alice", "STREAMS", key, "0"];
        yield return ["XDEL", key, "22-2"];
        yield return ["XGROUP", "CREATECONSUMER", key, "g2", "carol"];
    }

    /// <summary>Commands that change the groups after the move; their replies must agree too.</summary>
    private static IEnumerable<string[]> Afterwards(string key) =>
    [
        ["XCLAIM", key, "g1", "carol", "0", "17-1", "18-2"],
        ["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "2", "STREAMS", key, ">"],
        ["XAUTOCLAIM", key, "g1", "bob", "0", "0-0", "COUNT", "20"],
        ["XADD", key, "99999-0", "kind", "late"],
        ["XADD", key, "99999-*", "kind", "later"],
        ["XTRIM", key, "MAXLEN", "~", "150"],
        ["XINFO", "GROUPS", key],
        ["XPENDING", key, "g1"],
        ["XRANGE", key, "-", "+", "COUNT", "3"],
    ];

    [Fact]
    public async Task Stream_dumped_by_redis_restores_on_the_silo_and_reads_as_on_redis()
    {
        using var redis = await Connect(fixture.Redis.Port);
        using var silo = await Connect(fixture.TestedPort);
        await StreamTransfer.RunAsync(redis, BuildStream("src"));
        var payload = (await StreamTransfer.DumpAsync(redis, "src"))!;

        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(redis, "moved", payload));
        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(silo, "moved", payload));

        await AssertSameReadsAsync(redis, silo, "moved");
    }

    [Fact]
    public async Task Stream_dumped_by_the_silo_restores_on_redis_and_reads_as_on_the_silo()
    {
        using var redis = await Connect(fixture.Redis.Port);
        using var silo = await Connect(fixture.TestedPort);
        await StreamTransfer.RunAsync(silo, BuildStream("src"));
        var payload = (await StreamTransfer.DumpAsync(silo, "src"))!;

        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(redis, "moved", payload));
        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(silo, "moved", payload));

        // The silo's payload is redis-server's, but for the fields of deleted entries, which this server does not keep.
        Assert.Equal(Describe((await StreamTransfer.DumpAsync(redis, "moved"))!), Describe((await StreamTransfer.DumpAsync(silo, "moved"))!));
        await AssertSameReadsAsync(redis, silo, "moved");
    }

    [Fact]
    public async Task Same_commands_give_payloads_that_agree_node_by_node()
    {
        using var redis = await Connect(fixture.Redis.Port);
        using var silo = await Connect(fixture.TestedPort);
        var build = BuildStream("s").Where(c => c[0] is "XADD" or "XDEL" or "XTRIM" || c is ["XGROUP", "CREATE", ..]).ToList();
        await StreamTransfer.RunAsync(redis, build);
        await StreamTransfer.RunAsync(silo, build);

        Assert.Equal(Describe((await StreamTransfer.DumpAsync(redis, "s"))!), Describe((await StreamTransfer.DumpAsync(silo, "s"))!));
    }

    [Fact]
    public async Task Redis6_stream_payload_restores_with_the_counters_redis_7_computes()
    {
        using var redis = await Connect(fixture.Redis.Port);
        using var silo = await Connect(fixture.TestedPort);
        var payload = Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stream-redis6.hex")).Trim());

        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(redis, "old", payload));
        Assert.Equal(Ok, await StreamTransfer.RestoreAsync(silo, "old", payload));

        await AssertSameReadsAsync(redis, silo, "old");
    }

    [Fact]
    public async Task Restore_wakes_a_reader_blocked_on_the_missing_key_as_on_redis()
    {
        byte[]? payload;
        using (var redis = await Connect(fixture.Redis.Port))
        {
            await StreamTransfer.RunAsync(redis, BuildStream("src").Take(5));
            payload = await StreamTransfer.DumpAsync(redis, "src");
        }
        var replies = new List<string>();
        foreach (var port in new[] { fixture.Redis.Port, fixture.TestedPort })
        {
            using var reader = await Connect(port);
            using var writer = await RespClient.ConnectAsync(port);
            await reader.SendAsync("XREAD", "BLOCK", "0", "STREAMS", "waited", "$");
            await Poll.UntilAsync(async () => (await writer.ValueAsync("INFO", "clients")).Text!.Contains("blocked_clients:1", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10), "the reader to block");
            Assert.Equal(Ok, await StreamTransfer.RestoreAsync(writer, "waited", payload!));
            replies.Add(RespFrame.Show(await reader.ReadFrameAsync()));
        }
        Assert.Equal(replies[0], replies[1]);
    }

    private async Task AssertSameReadsAsync(RespClient redis, RespClient silo, string key)
    {
        var expected = await StreamTransfer.ReadsAsync(redis, key);
        var actual = await StreamTransfer.ReadsAsync(silo, key);
        expected.AddRange(await StreamTransfer.RunAsync(redis, Afterwards(key)));
        actual.AddRange(await StreamTransfer.RunAsync(silo, Afterwards(key)));
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] != actual[i])
            {
                output.WriteLine($"read {i}:\n  redis: {expected[i]}\n  silo:  {actual[i]}");
            }
        }
        Assert.Equal(expected, actual);
    }

    /// <summary>A payload's stream node by node: slot IDs, deleted flags, live fields, counters and groups (deleted slots' fields left out).</summary>
    internal static string Describe(byte[] payload)
    {
        var stream = Assert.IsType<RdbStream>(DumpPayload.Read(payload));
        static string Text(byte[] b) => System.Text.Encoding.Latin1.GetString(b);
        var nodes = stream.Nodes.Select(n => $"node {n.MasterId}: " + string.Join(' ', n.Slots.Select(s =>
            s.Deleted ? $"{s.Id}(deleted)" : $"{s.Id}[{string.Join(',', s.Fields.Select(Text))}]")));
        var groups = stream.Groups.Select(g => $"group {Text(g.Name)} {g.LastDeliveredId} {g.EntriesRead} " +
            string.Join(',', g.Pending.Select(p => $"{p.Id}@{p.DeliveryTimeMs}x{p.DeliveryCount}")) + " " +
            string.Join(',', g.Consumers.Select(c => $"{Text(c.Name)}@{c.SeenTimeMs}[{string.Join(' ', c.Pending)}]")));
        return string.Join('\n', [.. nodes, $"{stream.Length} {stream.LastId} {stream.FirstId} {stream.MaxDeletedId} {stream.EntriesAdded}", .. groups]);
    }

    private static async Task<RespClient> Connect(int port)
    {
        var client = await RespClient.ConnectAsync(port);
        Assert.Equal(Ok, RespFrame.Show(await StreamTransfer.CommandAsync(client, "FLUSHALL")));
        return client;
    }
}
