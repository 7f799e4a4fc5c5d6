using OrleansStreams.Client;
using OrleansStreams.Keyspace;
using OrleansStreams.Partitioning;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Sdk;

/// <summary>The SDK on three silos: appends, reads, trims, deletes and typed values, through the same grains as the gateway.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StreamClientTests(ClusterFixture fixture)
{
    private readonly IStreamClient _client = new StreamClient(fixture.Grains, new OrleansStreamsClientOptions());

    private static string Name(string prefix) => $"sdk:{prefix}:{Guid.NewGuid():N}";

    public sealed record Order(string Item, int Qty, decimal Price, bool Gift, string[] Tags);

    [Fact]
    public async Task Add_then_range_reverse_range_read_and_length_return_the_entries_in_order()
    {
        var stream = Name("basic");
        var ids = new List<StreamEntryId>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(await _client.AddAsync(stream, [("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("kind", "test")]));
        }
        Assert.Equal(ids.Order(), ids);
        var all = await _client.RangeAsync(stream);
        Assert.Equal(ids, all.Select(m => m.Id));
        Assert.Equal("7", all[7]["n"]);
        Assert.Equal("test", all[7]["kind"]);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(5), (await _client.ReverseRangeAsync(stream, count: 5)).Select(m => m.Id));
        Assert.Equal(ids[10..13], (await _client.RangeAsync(stream, ids[10], ids[12])).Select(m => m.Id));
        Assert.Equal(ids[21..], (await _client.ReadAsync(stream, ids[20])).Select(m => m.Id));
        Assert.Equal(ids[21..23], (await _client.ReadAsync(stream, ids[20], count: 2)).Select(m => m.Id));
        Assert.Equal(25, await _client.LengthAsync(stream));
        Assert.Empty(await _client.ReadAsync(Name("missing"), StreamEntryId.Min));
        Assert.Equal(0, await _client.LengthAsync(Name("missing")));
    }

    [Fact]
    public async Task Explicit_ids_and_their_errors_are_the_stream_rules()
    {
        var stream = Name("ids");
        Assert.Equal(new StreamEntryId(5, 1), await _client.AddAsync(stream, [("a", "1")], new AddOptions { Id = new StreamEntryId(5, 1) }));
        Assert.Equal(new StreamEntryId(5, 2), await _client.AddAsync(stream, [("a", "2")], new AddOptions { IdMilliseconds = 5 }));
        var tooSmall = await Assert.ThrowsAsync<IdTooSmallException>(() => _client.AddAsync(stream, [("a", "3")], new AddOptions { Id = new StreamEntryId(5, 2) }));
        Assert.Equal(RedisErrors.StreamIdTooSmall, tooSmall.Message);
        Assert.Equal(StreamError.IdTooSmall, tooSmall.Error);
        Assert.Equal(2, await _client.LengthAsync(stream));
    }

    [Fact]
    public async Task NoMakeStream_on_a_missing_stream_throws_and_creates_nothing()
    {
        var stream = Name("nomk");
        await Assert.ThrowsAsync<StreamNotFoundException>(() => _client.AddAsync(stream, [("a", "1")], new AddOptions { NoMakeStream = true }));
        Assert.Empty(await _client.RangeAsync(stream));
        await Assert.ThrowsAsync<StreamNotFoundException>(() => _client.InfoAsync(stream));
    }

    [Fact]
    public async Task A_key_holding_another_type_throws_WrongType_with_the_redis_text()
    {
        var key = Name("string");
        var db = fixture.Grains.GetGrain<OrleansStreams.Grains.IDatabaseGrain>(0);
        await db.Execute(new([new KeyspaceOperation.Set(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes("v"), SetCondition.None, false, false, null)]));
        var error = await Assert.ThrowsAsync<WrongTypeException>(() => _client.AddAsync(key, [("a", "1")]));
        Assert.Equal(RedisErrors.WrongType, error.Message);
        await Assert.ThrowsAsync<WrongTypeException>(() => _client.RangeAsync(key));
        await Assert.ThrowsAsync<WrongTypeException>(() => _client.DeleteStreamAsync(key));
    }

    [Fact]
    public async Task Typed_values_round_trip_as_fields_and_as_one_json_field()
    {
        var stream = Name("typed");
        var order = new Order("book", 2, 12.5m, true, ["a", "b"]);
        var id = await _client.AddAsync(stream, order);
        var message = Assert.Single(await _client.RangeAsync(stream));
        Assert.Equal(id, message.Id);
        Assert.Equal("book", message["item"]);
        Assert.Equal("2", message["qty"]);
        Assert.Equal("true", message["gift"]);
        Assert.Equal("[\"a\",\"b\"]", message["tags"]);
        var back = message.As<Order>();
        Assert.Equal(order with { Tags = back.Tags }, back);
        Assert.Equal(order.Tags, back.Tags);

        var json = new StreamClient(fixture.Grains, new OrleansStreamsClientOptions { EntryFormat = EntryFormat.JsonField, JsonFieldName = "event" });
        await json.AddAsync(stream, order);
        var last = (await json.ReverseRangeAsync(stream, count: 1))[0];
        Assert.Equal("event", Assert.Single(last.Fields).Name);
        var again = last.As<Order>(json.Serializer);
        Assert.Equal(order.Item, again.Item);
        Assert.Equal(order.Price, again.Price);
    }

    [Fact]
    public async Task Typed_reads_return_the_values_with_their_ids()
    {
        var stream = Name("typedreads");
        var orders = new[] { new Order("a", 1, 1.5m, false, []), new Order("b", 2, 2.5m, true, ["x"]), new Order("c", 3, 3.5m, false, []) };
        var ids = await _client.AddBatchAsync(stream, orders);
        var range = await _client.RangeAsync<Order>(stream);
        Assert.Equal(ids, range.Select(m => m.Id));
        Assert.Equal(orders.Select(o => (o.Item, o.Qty, o.Price, o.Gift)), range.Select(m => (m.Value.Item, m.Value.Qty, m.Value.Price, m.Value.Gift)));
        Assert.Equal("c", (await _client.ReverseRangeAsync<Order>(stream, count: 1))[0].Value.Item);
        Assert.Equal(["b", "c"], (await _client.ReadAsync<Order>(stream, ids[0])).Select(m => m.Value.Item));
        await _client.CreateGroupAsync(stream, "g", GroupPosition.Beginning);
        Assert.Equal(["a", "b"], (await _client.ReadGroupAsync<Order>(stream, "g", "c", new ReadGroupOptions { Count = 2 })).Select(m => m.Value.Item));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var m in _client.TailAsync<Order>(stream, ids[1], stop.Token))
        {
            Assert.Equal(("c", 3), (m.Value.Item, m.Value.Qty));
            break;
        }
    }

    [Fact]
    public async Task Batch_add_appends_in_order_and_returns_every_id()
    {
        var stream = Name("batch");
        var ids = await _client.AddBatchAsync(stream, Enumerable.Range(0, 500).Select(i => (IReadOnlyList<StreamField>)[new("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Equal(500, ids.Count);
        var read = await _client.RangeAsync(stream);
        Assert.Equal(ids, read.Select(m => m.Id));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), read.Select(m => m["i"]));
        var typed = await _client.AddBatchAsync(stream, new[] { new Order("a", 1, 1, false, []), new Order("b", 2, 2, false, []) });
        Assert.Equal(2, typed.Count);
        Assert.Equal(502, await _client.LengthAsync(stream));
    }

    [Fact]
    public async Task Keyed_add_writes_to_the_partition_of_the_stable_key_hash()
    {
        var topic = Name("topic");
        foreach (var key in new[] { "user:1", "user:2", "user:3", "é", "" })
        {
            var (stream, id) = await _client.AddKeyedAsync(topic, 8, key, [("key", key)]);
            Assert.Equal($"{topic}:{KeyPartitioner.PartitionOf(key, 8)}", stream);
            Assert.Contains(await _client.RangeAsync(stream), m => m.Id == id && m["key"] == key);
        }
        // The documented function: FNV-1a 32 over UTF-8, modulo the partitions.
        Assert.Equal((int)(0xe40c292cu % 8), KeyPartitioner.PartitionOf("a", 8));
    }

    [Fact]
    public async Task Trim_delete_entries_and_delete_stream_report_what_they_removed()
    {
        var stream = Name("trim");
        var ids = (await _client.AddBatchAsync(stream, Enumerable.Range(0, 50).Select(i => (IReadOnlyList<StreamField>)[new("i", "x")]))).ToArray();
        Assert.Equal(20, await _client.TrimAsync(stream, TrimOptions.MaxLength(30)));
        Assert.Equal(30, await _client.LengthAsync(stream));
        Assert.Equal(5, await _client.TrimAsync(stream, TrimOptions.MinId(ids[25])));
        Assert.Equal(2, await _client.DeleteEntriesAsync(stream, [ids[30], ids[31], ids[0]]));
        Assert.Equal(23, await _client.LengthAsync(stream));
        var info = await _client.InfoAsync(stream);
        Assert.Equal(23, info.Length);
        Assert.Equal(ids[^1], info.LastGeneratedId);
        Assert.Equal(50UL, info.EntriesAdded);
        Assert.Equal(ids[25], info.FirstEntry!.Id);
        Assert.True(await _client.DeleteStreamAsync(stream));
        Assert.False(await _client.DeleteStreamAsync(stream));
        Assert.Equal(0, await _client.LengthAsync(stream));
    }

    [Fact]
    public async Task Tail_returns_what_was_there_then_waits_for_new_entries()
    {
        var stream = Name("tail");
        var first = await _client.AddAsync(stream, [("n", "0")]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        var tail = Task.Run(async () =>
        {
            await foreach (var message in _client.TailAsync(stream, StreamEntryId.Min, stop.Token))
            {
                seen.Add(message["n"]!);
                if (seen.Count == 4)
                {
                    return;
                }
            }
        });
        await SdkPoll.Until(() => Task.FromResult(seen.Count), n => n >= 1);
        Assert.Equal(["0"], seen);
        // The tail is blocked now; appends wake it.
        for (var i = 1; i <= 3; i++)
        {
            await _client.AddAsync(stream, [("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
        await tail.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["0", "1", "2", "3"], seen);
        Assert.NotEqual(default, first);
    }

    [Fact]
    public async Task Tail_from_now_skips_existing_entries_and_stops_on_cancellation()
    {
        var stream = Name("tailnew");
        await _client.AddAsync(stream, [("n", "old")]);
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var started = new TaskCompletionSource();
        var tail = Task.Run(async () =>
        {
            var enumerator = _client.TailAsync(stream, cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
            var next = enumerator.MoveNextAsync();
            started.SetResult();
            try
            {
                while (await next)
                {
                    seen.Add(enumerator.Current["n"]!);
                    next = enumerator.MoveNextAsync();
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by the test.
            }
        });
        await started.Task;
        // Keep appending until the tail has resolved '$' and sees one.
        var appended = 0;
        await SdkPoll.Until(async () => { await _client.AddAsync(stream, [("n", "new")]); appended++; return seen.Count; }, n => n > 0);
        stop.Cancel();
        await tail.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("old", seen);
        Assert.Contains("new", seen);
        Assert.True(seen.Count <= appended);
    }
}
