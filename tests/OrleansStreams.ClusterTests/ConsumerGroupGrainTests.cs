using System.Collections.Concurrent;
using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
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

    private static readonly ConsumerGroupOperation CreateFromStart = new ConsumerGroupOperation.Create(GroupStart.Beginning, MakeStream: false);

    [Fact]
    public async Task Six_competing_consumers_drain_ten_thousand_entries_each_delivered_and_acked_once()
    {
        var name = "cg-" + Guid.NewGuid().ToString("N");
        for (var round = 0; round < 20; round++)
        {
            await Stream(name).Execute(Ops(Enumerable.Range(1, 500).Select(i => Append(Id((ulong)(round * 500 + i)), "n", "x")).ToArray()));
        }
        Assert.Equal([ConsumerGroupResult.Ok], await Group(name, "g").Execute(Ops(CreateFromStart)));

        var delivered = new ConcurrentDictionary<StreamEntryId, string>();
        var duplicates = new ConcurrentBag<StreamEntryId>();
        var consumers = Enumerable.Range(1, 6).Select(c => Task.Run(async () =>
        {
            var consumer = $"c{c}";
            while (true)
            {
                var read = await Group(name, "g").Read(Bytes(consumer), true, default, 50, false);
                Assert.Equal(StreamError.None, read.Error);
                if (read.Entries is null)
                {
                    return;
                }
                var ids = Ids(read.Entries);
                foreach (var id in ids)
                {
                    if (!delivered.TryAdd(id, consumer))
                    {
                        duplicates.Add(id);
                    }
                }
                var acked = await Group(name, "g").Execute(Ops(new ConsumerGroupOperation.Acknowledge(ids)));
                Assert.Equal([new ConsumerGroupResult.Counted(ids.Length)], acked);
            }
        })).ToArray();
        await Task.WhenAll(consumers);

        Assert.Empty(duplicates);
        Assert.Equal(10_000, delivered.Count);
        var summary = Assert.IsType<ConsumerGroupResult.Summary>(Assert.Single(await Group(name, "g").Execute(Ops(new ConsumerGroupOperation.PendingSummary()))));
        Assert.Equal(0, summary.Count);
        Assert.True(delivered.Values.Distinct().Count() > 1, "one consumer took everything: no competition was exercised");
    }

    [Fact]
    public async Task Groups_created_at_once_on_a_stream_larger_than_memory_answer_ok_or_busy()
    {
        // 300 entries are 15 segments of which one stays loaded: a commit during one creation used to let a
        // checkpoint evict the first segment that the next reply's counters read (NullReferenceException).
        var name = "cg-evict-" + Guid.NewGuid().ToString("N");
        _ = Stream(name).Execute(Ops(Enumerable.Range(1, 300).Select(i => Append(Id((ulong)i), "n", "x")).ToArray()));
        var create = new ConsumerGroupOperation.Create(GroupStart.Beginning, MakeStream: true);
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(g => Group(name, "g" + (g % 8)).Execute(Ops(create))));
        Assert.Equal(8, results.Count(r => r.SequenceEqual([ConsumerGroupResult.Ok])));
        Assert.Equal(16, results.Count(r => r is [ConsumerGroupResult.Failed { Error: StreamError.GroupExists }]));
        var read = await Group(name, "g3").Read(Bytes("c"), true, default, 0, false);
        Assert.Equal(300, read.Entries?.Length ?? 0);
    }

    [Fact]
    public async Task Entries_of_a_consumer_that_died_are_autoclaimed_by_another()
    {
        var name = "cg-dead-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Enumerable.Range(1, 5).Select(i => Append(Id((ulong)i), "n", "x")).ToArray()));
        await Group(name, "g").Execute(Ops(CreateFromStart));
        var taken = await Group(name, "g").Read(Bytes("doomed"), true, default, 3, false);
        Assert.Equal([Id(1), Id(2), Id(3)], Ids(taken.Entries!));
        Assert.Equal(Fields("n", "x"), taken.Entries![0].Fields);

        var results = await Group(name, "g").Execute(Ops(
            new ConsumerGroupOperation.AutoClaim(Bytes("rescuer"), 0, StreamEntryId.Min, 10, JustId: true),
            new ConsumerGroupOperation.PendingRange(0, StreamEntryId.Min, StreamEntryId.Max, 10, Bytes("rescuer"))));
        var claimed = Assert.IsType<ConsumerGroupResult.AutoClaimed>(results[0]);
        Assert.Equal([Id(1), Id(2), Id(3)], Ids(claimed.Entries));
        Assert.Equal(StreamEntryId.Min, claimed.Next);
        var pending = Assert.IsType<ConsumerGroupResult.Pending>(results[1]);
        Assert.Equal([Id(1), Id(2), Id(3)], pending.Entries.Select(p => p.Id));
        Assert.All(pending.Entries, p => Assert.Equal(Bytes("rescuer"), p.Consumer));
    }

    [Fact]
    public async Task Deleting_the_stream_deletes_its_groups()
    {
        var name = "cg-del-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Append(Id(1), "n", "x")));
        await Group(name, "g").Execute(Ops(CreateFromStart));
        await fixture.Grains.GetGrain<IDatabaseGrain>(0).Execute(Ops(new KeyspaceOperation.Delete([Bytes(name)])));
        await Stream(name).Execute(Ops(Append(Id(2), "n", "x")));
        var read = await Group(name, "g").Read(Bytes("c"), true, default, 10, false);
        Assert.Equal(StreamError.NoSuchGroup, read.Error);
    }

    [Fact]
    public async Task Rename_of_a_stream_keeps_its_groups_with_their_pending_entries()
    {
        var from = "cg-ren-" + Guid.NewGuid().ToString("N");
        var to = from + "-new";
        await Stream(from).Execute(Ops(Enumerable.Range(1, 4).Select(i => Append(Id((ulong)i), "n", "x")).ToArray()));
        await Group(from, "g").Execute(Ops(CreateFromStart));
        await Group(from, "g").Read(Bytes("c"), true, default, 2, false);

        Assert.Equal(KeyspaceResult.Ok, (await fixture.Grains.GetGrain<IDatabaseGrain>(0).Execute(Ops(new KeyspaceOperation.Rename(Bytes(from), Bytes(to), false))))[0]);

        var summary = Assert.IsType<ConsumerGroupResult.Summary>(Assert.Single(await Group(to, "g").Execute(Ops(new ConsumerGroupOperation.PendingSummary()))));
        Assert.Equal(2, summary.Count);
        var next = await Group(to, "g").Read(Bytes("c"), true, default, 10, false);
        Assert.Equal([Id(3), Id(4)], Ids(next.Entries!));
        Assert.Equal(StreamError.NoSuchKey, (await Group(from, "g").Read(Bytes("c"), true, default, 10, false)).Error);
    }

    [Fact]
    public async Task A_group_is_created_read_claimed_described_and_destroyed_with_typed_results_only()
    {
        var name = "cg-typed-" + Guid.NewGuid().ToString("N");
        var group = Group(name, "g");
        Assert.Equal([new ConsumerGroupResult.Failed(StreamError.NoSuchKey)], await group.Execute(Ops(CreateFromStart)));
        var created = await group.Execute(Ops(new ConsumerGroupOperation.Create(GroupStart.End, MakeStream: true), CreateFromStart));
        Assert.Equal([ConsumerGroupResult.Ok, new ConsumerGroupResult.Failed(StreamError.GroupExists)], created);
        await Stream(name).Execute(Ops(Append(Id(1), "a", "1"), Append(Id(2), "a", "2")));

        var read = await group.Read(Bytes("alice"), true, default, 0, false);
        Assert.Equal([Id(1), Id(2)], Ids(read.Entries!));
        var claimed = await group.Execute(Ops(new ConsumerGroupOperation.Claim(Bytes("bob"), [Id(2)], new ClaimOptions(0))));
        var entry = Assert.Single(Assert.IsType<ConsumerGroupResult.Claimed>(Assert.Single(claimed)).Entries);
        Assert.Equal(Id(2), entry.Id);
        Assert.Equal(Fields("a", "2"), entry.Fields);

        var info = await group.Info();
        Assert.NotNull(info);
        Assert.Equal(Bytes("g"), info.Name);
        Assert.Equal((2L, 2L, Id(2), 2L, 0L), (info.Consumers, info.Pending, info.LastDeliveredId, info.EntriesRead, info.Lag));
        var full = await group.FullInfo(0);
        Assert.Equal([Id(1), Id(2)], full!.Pending.Select(p => p.Id));
        Assert.Equal([Bytes("alice"), Bytes("bob")], full.Pending.Select(p => p.Consumer));

        Assert.Equal([new ConsumerGroupResult.Counted(1)], await group.Execute(Ops(new ConsumerGroupOperation.Destroy())));
        Assert.Null(await group.Info());
        Assert.Equal([new ConsumerGroupResult.Failed(StreamError.NoSuchGroup)], await group.Execute(Ops(new ConsumerGroupOperation.Check())));
    }
}
