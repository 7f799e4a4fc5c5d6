using System.Collections.Concurrent;
using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

using static OrleansStreams.ClusterTests.GrainCommands;

namespace OrleansStreams.ClusterTests;

[Collection(ClusterCollection.Name)]
public class ConsumerGroupGrainTests(ClusterFixture fixture)
{
    private IStreamPartitionGrain Stream(string name) => fixture.Stream(name);

    private IConsumerGroupGrain Group(string stream, string group) =>
        fixture.Grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(GrainKeys.Stream(0, Encoding.UTF8.GetBytes(stream)), group));

    private static IEnumerable<string> Ids(Reply entries) => ((ArrayReply)entries).Items.Select(e => ((ArrayReply)e).Items[0].ToString()!);

    [Fact]
    public async Task Six_competing_consumers_drain_ten_thousand_entries_each_delivered_and_acked_once()
    {
        var name = "cg-" + Guid.NewGuid().ToString("N");
        for (var round = 0; round < 20; round++)
        {
            await Stream(name).Execute(new Immutable<byte[][][]>(Enumerable.Range(1, 500).Select(i => Cmd("XADD", name, $"{round * 500 + i}-0", "n", "x")).ToArray()));
        }
        Assert.Equal(Reply.Ok, await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XGROUP", "CREATE", name, "g", "0"))));

        var delivered = new ConcurrentDictionary<string, string>();
        var duplicates = new ConcurrentBag<string>();
        var consumers = Enumerable.Range(1, 6).Select(c => Task.Run(async () =>
        {
            var consumer = $"c{c}";
            while (true)
            {
                var read = await Group(name, "g").Read(consumer, true, default, 50, false);
                Assert.Null(read.Error);
                if (read.Entries is null)
                {
                    return;
                }
                var ids = Ids(read.Entries).ToList();
                foreach (var id in ids)
                {
                    if (!delivered.TryAdd(id, consumer))
                    {
                        duplicates.Add(id);
                    }
                }
                var acked = await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd(["XACK", name, "g", .. ids])));
                Assert.Equal(new IntegerReply(ids.Count), acked);
            }
        })).ToArray();
        await Task.WhenAll(consumers);

        Assert.Empty(duplicates);
        Assert.Equal(10_000, delivered.Count);
        var summary = (ArrayReply)await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XPENDING", name, "g")));
        Assert.Equal(new IntegerReply(0), summary.Items[0]);
        Assert.True(delivered.Values.Distinct().Count() > 1, "one consumer took everything: no competition was exercised");
    }

    [Fact]
    public async Task Entries_of_a_consumer_that_died_are_autoclaimed_by_another()
    {
        var name = "cg-dead-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(new Immutable<byte[][][]>(Enumerable.Range(1, 5).Select(i => Cmd("XADD", name, $"{i}-0", "n", "x")).ToArray()));
        await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XGROUP", "CREATE", name, "g", "0")));
        var taken = await Group(name, "g").Read("doomed", true, default, 3, false);
        Assert.Equal(["1-0", "2-0", "3-0"], Ids(taken.Entries!));

        var claimed = (ArrayReply)await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XAUTOCLAIM", name, "g", "rescuer", "0", "0-0", "COUNT", "10", "JUSTID")));
        Assert.Equal(["1-0", "2-0", "3-0"], ((ArrayReply)claimed.Items[1]).Items.Select(i => i.ToString()!));
        var pending = (ArrayReply)await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XPENDING", name, "g", "-", "+", "10", "rescuer")));
        Assert.Equal(3, pending.Items.Length);
    }

    [Fact]
    public async Task Deleting_the_stream_deletes_its_groups()
    {
        var name = "cg-del-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(new Immutable<byte[][][]>([Cmd("XADD", name, "1-0", "n", "x")]));
        await Group(name, "g").Execute(new Immutable<byte[][]>(Cmd("XGROUP", "CREATE", name, "g", "0")));
        await fixture.Grains.GetGrain<IDatabaseGrain>(0).Execute(new Immutable<byte[][][]>([Cmd("DEL", name)]));
        await Stream(name).Execute(new Immutable<byte[][][]>([Cmd("XADD", name, "2-0", "n", "x")]));
        var read = await Group(name, "g").Read("c", true, default, 10, false);
        Assert.StartsWith("NOGROUP", read.Error);
    }

    [Fact]
    public async Task Rename_of_a_stream_keeps_its_groups_with_their_pending_entries()
    {
        var from = "cg-ren-" + Guid.NewGuid().ToString("N");
        var to = from + "-new";
        await Stream(from).Execute(new Immutable<byte[][][]>(Enumerable.Range(1, 4).Select(i => Cmd("XADD", from, $"{i}-0", "n", "x")).ToArray()));
        await Group(from, "g").Execute(new Immutable<byte[][]>(Cmd("XGROUP", "CREATE", from, "g", "0")));
        await Group(from, "g").Read("c", true, default, 2, false);

        Assert.Equal(Reply.Ok, (await fixture.Grains.GetGrain<IDatabaseGrain>(0).Execute(new Immutable<byte[][][]>([Cmd("RENAME", from, to)])))[0]);

        var summary = (ArrayReply)await Group(to, "g").Execute(new Immutable<byte[][]>(Cmd("XPENDING", to, "g")));
        Assert.Equal(new IntegerReply(2), summary.Items[0]);
        var next = await Group(to, "g").Read("c", true, default, 10, false);
        Assert.Equal(["3-0", "4-0"], Ids(next.Entries!));
        Assert.StartsWith("NOGROUP", (await Group(from, "g").Read("c", true, default, 10, false)).Error);
    }
}
