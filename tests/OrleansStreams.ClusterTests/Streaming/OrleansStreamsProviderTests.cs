using System.Collections.Concurrent;
using Orleans.Runtime;
using OrleansStreams.Client;
using OrleansStreams.Partitioning;
using OrleansStreams.Streams;
using static OrleansStreams.ClusterTests.Streaming.StreamingClusterFixture;

namespace OrleansStreams.ClusterTests.Streaming;

[Collection(StreamingCollection.Name)]
public sealed class OrleansStreamsProviderTests(StreamingClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IStreamClient Streams => fixture.Streams;

    [Fact]
    public async Task Entries_appended_as_redis_cli_would_reach_an_implicit_subscriber_in_order_per_partition()
    {
        var written = new Dictionary<string, List<StreamEntryId>>();
        for (var i = 0; i < 30; i++)
        {
            var stream = KeyPartitioner.PartitionStream(Clicks, i % 3);
            var id = await Streams.AddAsync(stream, [new StreamField("page", $"/p{i}")]);
            (written.TryGetValue(stream, out var ids) ? ids : written[stream] = []).Add(id);
        }

        foreach (var (stream, ids) in written)
        {
            await Deliveries.Until(() => Deliveries.Of($"{Clicks}/{stream}").Count >= ids.Count, Patience, $"the 10 entries of {stream}");
            var received = Deliveries.Of($"{Clicks}/{stream}");
            Assert.Equal(ids, received.Select(d => d.Id));
            Assert.Equal(ids, received.Select(d => ((StreamMessage)d.Item).Id));
            Assert.Equal(10, await fixture.Cluster.Client.GetGrain<IImplicitRecorderGrain>(stream).Count());
        }
        var first = (StreamMessage)Deliveries.Of($"{Clicks}/{Clicks}:0")[0].Item;
        Assert.Equal([new StreamField("page", "/p0")], first.Fields);
    }

    [Fact]
    public async Task A_silo_stopped_and_replaced_while_entries_arrive_loses_no_entry()
    {
        var written = new ConcurrentQueue<(string Stream, StreamEntryId Id)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var stream = KeyPartitioner.PartitionStream(Restart, i % 2);
                written.Enqueue((stream, await Streams.AddAsync(stream, [new StreamField("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))])));
            }
        });

        await Deliveries.Until(() => written.Count >= 40, Patience, "40 entries written before the restart");
        await fixture.Cluster.StopSiloAsync(fixture.Cluster.SecondarySilos[0]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        var target = written.Count + 40;
        await Deliveries.Until(() => written.Count >= target, Patience, "40 entries written after the restart");
        await stop.CancelAsync();
        await writer;

        foreach (var group in written.GroupBy(w => w.Stream))
        {
            var expected = group.Select(w => w.Id).ToHashSet();
            await Deliveries.Until(() => expected.IsSubsetOf(Deliveries.Of($"{Restart}/{group.Key}").Select(d => d.Id)), TimeSpan.FromSeconds(30),
                $"all {expected.Count} entries of {group.Key} delivered");
        }
    }

    [Fact]
    public async Task OnNextAsync_appends_entries_that_XRANGE_reads_back_keyed_ones_in_their_key_partition()
    {
        var provider = fixture.Cluster.Client.GetStreamProvider(Provider);

        await provider.GetStream<IReadOnlyList<StreamField>>(StreamId.Create(Written, "alice")).OnNextAsync([new("item", "book")]);
        await provider.GetStream<StreamMessage>(StreamId.Create(Written, $"{Written}:2")).OnNextAsync(new StreamMessage(default, [new("item", "pen"), new("qty", "3")]));

        var alicePartition = KeyPartitioner.PartitionStream(Written, KeyPartitioner.PartitionOf("alice", 4));
        var keyed = Assert.Single(await Streams.RangeAsync(alicePartition), e => e["item"] == "book");
        Assert.Equal([new StreamField("item", "book"), new StreamField(KeyField, "alice")], keyed.Fields);
        var named = Assert.Single(await Streams.RangeAsync($"{Written}:2"), e => e["item"] == "pen");
        Assert.Equal([new StreamField("item", "pen"), new StreamField("qty", "3")], named.Fields);
        var total = 0L;
        for (var p = 0; p < 4; p++)
        {
            total += await Streams.LengthAsync(KeyPartitioner.PartitionStream(Written, p));
        }
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task A_subscriber_resuming_from_a_token_receives_the_entries_from_it()
    {
        var grains = fixture.Cluster.Client;
        // The holder keeps its first entry, so the cache keeps the entries after it for the resuming subscribers.
        await grains.GetGrain<IExplicitSubscriberGrain>("holder").Subscribe(Resume, Resume, null, false, hold: true);
        var ids = new List<StreamEntryId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Streams.AddAsync(Resume, [new StreamField("n", $"{i}")]));
        }
        try
        {
            await Deliveries.Until(() => Deliveries.Of("holder").Count == 1, Patience, "the holder's first entry");

            await grains.GetGrain<IExplicitSubscriberGrain>("from-2").Subscribe(Resume, Resume, ids[2], false, hold: false);
            await grains.GetGrain<IExplicitSubscriberGrain>("after-2").Subscribe(Resume, Resume, ids[2], true, hold: false);

            await Deliveries.Until(() => Deliveries.Of("from-2").Count >= 3 && Deliveries.Of("after-2").Count >= 2, Patience, "the resumed subscribers' entries");
            Assert.Equal(ids[2..], Deliveries.Of("from-2").Select(d => d.Id));
            Assert.Equal(ids[3..], Deliveries.Of("after-2").Select(d => d.Id));
        }
        finally
        {
            SubscriberGate.Open();
        }
        await Deliveries.Until(() => Deliveries.Of("holder").Count == 5, Patience, "the holder's entries once let go");
        Assert.Equal(ids, Deliveries.Of("holder").Select(d => d.Id));
    }

    [Fact]
    public async Task Typed_items_round_trip_through_entry_fields()
    {
        var stream = fixture.Cluster.Client.GetStreamProvider(Provider).GetStream<Order>(StreamId.Create(Typed, "ann"));
        Order[] orders = [new("ann", 3, 9.5m), new("ann", 1, 2.25m)];
        foreach (var order in orders)
        {
            await stream.OnNextAsync(order);
        }

        var entries = await Streams.RangeAsync(Typed);
        Assert.Equal([new StreamField("user", "ann"), new StreamField("qty", "3"), new StreamField("price", "9.5")], entries[0].Fields);
        await Deliveries.Until(() => Deliveries.Of($"{Typed}/ann").Count >= 2, Patience, "both orders");
        Assert.Equal(orders, Deliveries.Of($"{Typed}/ann").Select(d => (Order)d.Item));
        Assert.Equal(entries.Select(e => e.Id), Deliveries.Of($"{Typed}/ann").Select(d => d.Id));
    }
}
