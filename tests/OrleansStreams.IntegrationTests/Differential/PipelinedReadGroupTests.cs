using System.Globalization;
using System.Text;
using CsCheck;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// XREADGROUPs sent as one pipeline, which the gateway runs as one call to the group (each read taking the
/// entries after those the reads before it took), and concurrent reads of many clients, which the group
/// serves together: the replies must be redis-server's, byte for byte, and no entry may be delivered twice.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class PipelinedReadGroupTests(DifferentialFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Setup =
    [
        "XADD k 1-1 f a", "XADD k 2-1 f b", "XADD k 3-1 f c", "XADD k 4-1 f d", "XADD k 5-1 f e",
        "XADD k 6-1 f g", "XADD k 7-1 f h", "XADD k 8-1 f i", "XADD k 9-1 f j", "XADD k 10-1 f k",
        "XGROUP CREATE k g1 0", "XGROUP CREATE k g2 0", "XADD o 1-1 f o",
    ];

    private static readonly Gen<string> Consumer = Gen.OneOf("c1", "c2", "c3");
    private static readonly Gen<string> Count = Gen.Int[0, 4].Select(n => n == 0 ? "" : "COUNT " + n.ToString(CultureInfo.InvariantCulture) + " ");

    /// <summary>Mostly plain reads of one group (the batched kind), with the forms and commands that must end a batch.</summary>
    private static readonly Gen<string> Command = Gen.Frequency(
        (8, Gen.Select(Consumer, Count, Gen.Bool).Select((c, n, noAck) => $"XREADGROUP GROUP g1 {c} {n}{(noAck ? "NOACK " : "")}STREAMS k >")),
        (2, Gen.Select(Consumer, Count).Select((c, n) => $"XREADGROUP GROUP g2 {c} {n}STREAMS k >")),
        (1, Consumer.Select(c => $"XREADGROUP GROUP g1 {c} STREAMS k 0")),
        (1, Consumer.Select(c => $"XREADGROUP GROUP nogroup {c} STREAMS k >")),
        (1, Consumer.Select(c => $"XREADGROUP GROUP g1 {c} STREAMS o >")),
        (1, Consumer.Select(c => $"XREADGROUP GROUP g1 {c} BLOCK 1 STREAMS k >")),
        (1, Gen.Int[1, 10].Select(ms => $"XACK k g1 {ms}-1")),
        (1, Gen.Int[11, 14].Select(ms => $"XADD k {ms}-1 f new")),
        (1, Gen.Const("XPENDING k g1")),
        (1, Gen.Const("XINFO GROUPS k")));

    [Fact]
    public Task A_pipeline_of_group_reads_answers_as_redis_server() =>
        Command.Array[1, 24].SampleAsync(async pipeline =>
        {
            var expected = await RunAsync(fixture.Redis.Port, pipeline);
            var actual = await RunAsync(fixture.TestedPort, pipeline);
            for (var i = 0; i < expected.Count; i++)
            {
                if (!expected[i].AsSpan().SequenceEqual(actual[i]))
                {
                    output.WriteLine($"{string.Join('\n', pipeline)}\nreply {i + 1}: redis {RespFrame.Show(expected[i])}\nsilo  {RespFrame.Show(actual[i])}");
                    return false;
                }
            }
            return true;
        }, iter: GeneratedScripts.Sequences, threads: 1, print: p => "\n" + string.Join('\n', p));

    [Fact]
    public async Task Concurrent_readers_of_one_group_get_every_entry_exactly_once()
    {
        const int entries = 3000;
        const int clients = 20;
        using var admin = await RespClient.ConnectAsync(fixture.TestedPort);
        await admin.CommandAsync("FLUSHALL");
        for (var i = 1; i <= entries; i += 500)
        {
            await admin.SendRawAsync(Enumerable.Range(i, 500).SelectMany(n => RespClient.Encode("XADD", "c", $"{n}-1", "f", "v")).ToArray());
            for (var n = 0; n < 500; n++)
            {
                await admin.ReadFrameAsync();
            }
        }
        await admin.CommandAsync("XGROUP", "CREATE", "c", "g", "0");

        // Every client reads (some pipelining three reads at a time) until the group has nothing new left.
        var delivered = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = await RespClient.ConnectAsync(fixture.TestedPort);
            var ids = new List<string>();
            var depth = c % 2 == 0 ? 1 : 3;
            while (true)
            {
                await client.SendRawAsync(Enumerable.Range(0, depth).SelectMany(_ => RespClient.Encode("XREADGROUP", "GROUP", "g", $"c{c}", "COUNT", "7", "STREAMS", "c", ">")).ToArray());
                var got = 0;
                for (var d = 0; d < depth; d++)
                {
                    var reply = await client.ReadValueAsync();
                    if (reply.IsNull)
                    {
                        continue;
                    }
                    foreach (var entry in reply.Items[0].Items[1].Items)
                    {
                        ids.Add(entry.Items[0].Text!);
                        got++;
                    }
                }
                if (got == 0)
                {
                    return ids;
                }
            }
        }));

        static long Ms(string id) => long.Parse(id[..^2], CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(1, entries).Select(n => (long)n), delivered.SelectMany(d => d).Select(Ms).Order());
        // Each client's own entries arrive in stream order.
        foreach (var own in delivered)
        {
            Assert.Equal(own.Select(Ms).Order(), own.Select(Ms));
        }
        var pending = await admin.ValueAsync("XPENDING", "c", "g");
        Assert.Equal(entries, pending.Items[0].Integer);
        output.WriteLine($"{clients} clients, deliveries per client: {string.Join(' ', delivered.Select(d => d.Count))}");
    }

    /// <summary>Sets up, then sends the whole pipeline in one write and reads every reply.</summary>
    private static async Task<List<byte[]>> RunAsync(int port, string[] pipeline)
    {
        using var client = await RespClient.ConnectAsync(port);
        await client.CommandAsync("FLUSHALL");
        foreach (var command in Setup)
        {
            await client.CommandAsync(command.Split(' '));
        }
        await client.SendRawAsync(pipeline.SelectMany(c => RespClient.Encode(c.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray());
        var replies = new List<byte[]>();
        foreach (var _ in pipeline)
        {
            replies.Add(await client.ReadFrameAsync(TimeSpan.FromSeconds(10)));
        }
        // What the reads left behind: the pending summaries of both groups.
        replies.Add(await client.CommandAsync("XPENDING", "k", "g1"));
        replies.Add(await client.CommandAsync("XPENDING", "k", "g2"));
        return replies;
    }
}
