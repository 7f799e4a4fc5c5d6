using System.Collections.Concurrent;
using System.Globalization;
using OrleansStreams.Client;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Sdk;

/// <summary>Consumer groups through the SDK: create, read, acknowledge, pending, claims, errors, and the worker loop.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsumerGroupClientTests(ClusterFixture fixture)
{
    private readonly IStreamClient _client = new StreamClient(fixture.Grains, new OrleansStreamsClientOptions());

    private static string Name(string prefix) => $"sdk:{prefix}:{Guid.NewGuid():N}";

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    private async Task<StreamEntryId[]> Fill(string stream, int count) =>
        [.. await _client.AddBatchAsync(stream, Enumerable.Range(0, count).Select(i => (IReadOnlyList<StreamField>)[new("i", Text(i))]))];

    [Fact]
    public async Task A_group_reads_new_entries_once_and_acknowledging_empties_the_pending_list()
    {
        var stream = Name("group");
        var ids = await Fill(stream, 10);
        await _client.CreateGroupAsync(stream, "g", GroupPosition.Beginning);
        var first = await _client.ReadGroupAsync(stream, "g", "alice", new ReadGroupOptions { Count = 6 });
        var second = await _client.ReadGroupAsync(stream, "g", "bob");
        Assert.Equal(ids[..6], first.Select(m => m.Id));
        Assert.Equal(ids[6..], second.Select(m => m.Id));
        Assert.Empty(await _client.ReadGroupAsync(stream, "g", "bob"));

        var summary = await _client.PendingAsync(stream, "g");
        Assert.Equal(10, summary.Count);
        Assert.Equal(ids[0], summary.MinId);
        Assert.Equal(ids[9], summary.MaxId);
        Assert.Equal(6, summary.PerConsumer["alice"]);
        Assert.Equal(4, summary.PerConsumer["bob"]);
        var bobs = await _client.PendingMessagesAsync(stream, "g", new PendingQuery { Consumer = "bob" });
        Assert.Equal(ids[6..], bobs.Select(p => p.Id));
        Assert.All(bobs, p => Assert.Equal(1, p.DeliveryCount));

        // History: alice's own pending entries after an ID.
        Assert.Equal(ids[3..6], (await _client.ReadGroupAsync(stream, "g", "alice", new ReadGroupOptions { PendingAfter = ids[2] })).Select(m => m.Id));

        Assert.Equal(6, await _client.AcknowledgeAsync(stream, "g", first.Select(m => m.Id).ToList()));
        Assert.Equal(0, await _client.AcknowledgeAsync(stream, "g", first.Select(m => m.Id).ToList()));
        Assert.Equal(4, (await _client.PendingAsync(stream, "g")).Count);

        var groups = await _client.GroupsAsync(stream);
        var group = Assert.Single(groups);
        Assert.Equal("g", group.Name);
        Assert.Equal(2, group.Consumers);
        Assert.Equal(4, group.Pending);
        Assert.Equal(ids[9], group.LastDeliveredId);
        Assert.Equal(0, group.Lag);
        var consumers = await _client.ConsumersAsync(stream, "g");
        Assert.Equal(["alice", "bob"], consumers.Select(c => c.Name).Order());
        Assert.Equal(4, consumers.Single(c => c.Name == "bob").Pending);
    }

    [Fact]
    public async Task Group_errors_are_typed_and_carry_the_redis_texts()
    {
        var stream = Name("errors");
        var missing = await Assert.ThrowsAsync<StreamNotFoundException>(() => _client.CreateGroupAsync(stream, "g", GroupPosition.End));
        Assert.Equal(RedisErrors.GroupKeyMissing, missing.Message);
        await _client.CreateGroupAsync(stream, "g", GroupPosition.End, makeStream: true);
        var busy = await Assert.ThrowsAsync<GroupExistsException>(() => _client.CreateGroupAsync(stream, "g", GroupPosition.End));
        Assert.Equal(RedisErrors.GroupBusy, busy.Message);
        var noGroup = await Assert.ThrowsAsync<GroupNotFoundException>(() => _client.ReadGroupAsync(stream, "nope", "c"));
        Assert.StartsWith("NOGROUP", noGroup.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GroupNotFoundException>(() => _client.PendingAsync(stream, "nope"));
        Assert.True(await _client.DestroyGroupAsync(stream, "g"));
        Assert.False(await _client.DestroyGroupAsync(stream, "g"));
        Assert.Empty(await _client.GroupsAsync(stream));
    }

    [Fact]
    public async Task Consumers_set_position_claims_and_auto_claims_move_entries_between_consumers()
    {
        var stream = Name("claims");
        var ids = await Fill(stream, 6);
        await _client.CreateGroupAsync(stream, "g", GroupPosition.After(ids[1]));
        Assert.True(await _client.CreateConsumerAsync(stream, "g", "idle"));
        Assert.False(await _client.CreateConsumerAsync(stream, "g", "idle"));
        var read = await _client.ReadGroupAsync(stream, "g", "crashed");
        Assert.Equal(ids[2..], read.Select(m => m.Id));

        var claimed = await _client.ClaimAsync(stream, "g", "rescuer", TimeSpan.Zero, [ids[2], ids[3]]);
        Assert.Equal(ids[2..4], claimed.Select(m => m.Id));
        Assert.Equal("2", claimed[0]["i"]);
        var auto = await _client.AutoClaimAsync(stream, "g", "rescuer", TimeSpan.Zero, StreamEntryId.Min, count: 10);
        Assert.Equal(StreamEntryId.Min, auto.Next);
        Assert.Equal(ids[2..], auto.Messages.Select(m => m.Id));
        var pending = await _client.PendingMessagesAsync(stream, "g");
        Assert.All(pending, p => Assert.Equal("rescuer", p.Consumer));
        Assert.Equal(3, pending.Single(p => p.Id == ids[2]).DeliveryCount);

        Assert.Equal(4, await _client.DeleteConsumerAsync(stream, "g", "rescuer"));
        await _client.SetGroupPositionAsync(stream, "g", GroupPosition.Beginning);
        Assert.Equal(ids, (await _client.ReadGroupAsync(stream, "g", "again")).Select(m => m.Id));
    }

    [Fact]
    public async Task A_blocked_group_read_is_woken_by_an_append()
    {
        var stream = Name("block");
        await _client.CreateGroupAsync(stream, "g", GroupPosition.End, makeStream: true);
        var read = _client.ReadGroupAsync(stream, "g", "c", new ReadGroupOptions { Block = TimeSpan.FromSeconds(30) });
        // Append until the reader, registered by now, returns.
        await SdkPoll.Until(async () => { await _client.AddAsync(stream, [("x", "1")]); return read.IsCompleted; }, done => done);
        Assert.NotEmpty(await read);
        await _client.ReadGroupAsync(stream, "g", "c");
        var empty = await _client.ReadGroupAsync(stream, "g", "c", new ReadGroupOptions { Block = TimeSpan.FromMilliseconds(100) });
        Assert.Empty(empty);
    }

    [Fact]
    public async Task A_worker_pool_handles_every_entry_once_and_leaves_nothing_pending()
    {
        var stream = Name("pool");
        await Fill(stream, 300);
        var handled = new ConcurrentDictionary<StreamEntryId, string>();
        var duplicates = 0;
        using var stop = new CancellationTokenSource();
        var options = new ConsumeOptions { BatchSize = 20, Concurrency = 4, BlockTimeout = TimeSpan.FromMilliseconds(200) };
        var workers = Enumerable.Range(0, 3).Select(w => _client.ConsumeAsync(stream, "pool", "w" + Text(w), (m, _) =>
        {
            if (!handled.TryAdd(m.Id, "w" + Text(w)))
            {
                Interlocked.Increment(ref duplicates);
            }
            return Task.CompletedTask;
        }, options, stop.Token)).ToArray();
        await SdkPoll.Until(() => Task.FromResult(handled.Count), n => n >= 300);
        await SdkPoll.Until(() => _client.PendingAsync(stream, "pool"), p => p.Count == 0);
        stop.Cancel();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(300, handled.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, (await _client.PendingAsync(stream, "pool")).Count);
        Assert.True(handled.Values.Distinct().Count() >= 2, "the entries were shared by the workers");
    }

    [Fact]
    public async Task Failing_entries_are_retried_reclaimed_and_dead_lettered_after_max_deliveries()
    {
        var stream = Name("dlq");
        var dead = stream + ":dead";
        var ids = await Fill(stream, 20);
        var attempts = new ConcurrentDictionary<string, int>();
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var options = new ConsumeOptions
        {
            BatchSize = 10,
            Concurrency = 2,
            BlockTimeout = TimeSpan.FromMilliseconds(100),
            MaxRetries = 1,
            RetryBackoff = TimeSpan.FromMilliseconds(5),
            ReclaimIdle = TimeSpan.FromMilliseconds(200),
            MaxDeliveries = 3,
            DeadLetterStream = dead,
            OnHandlerError = (_, _, _) => Interlocked.Increment(ref errors),
        };
        // Entries 0, 7 and 13 always fail; entry 5 fails on its first attempt only.
        var worker = _client.ConsumeAsync(stream, "g", "w", (m, _) =>
        {
            var n = attempts.AddOrUpdate(m["i"]!, 1, (_, a) => a + 1);
            return m["i"] is "0" or "7" or "13" || (m["i"] == "5" && n == 1) ? throw new InvalidOperationException("boom " + m["i"]) : Task.CompletedTask;
        }, options, stop.Token);
        var deadLettered = await SdkPoll.Until(() => _client.RangeAsync(dead), d => d.Count >= 3);
        await SdkPoll.Until(() => _client.PendingAsync(stream, "g"), p => p.Count == 0);
        stop.Cancel();
        await worker.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([ids[0], ids[7], ids[13]], deadLettered.Select(m => StreamEntryIdParse(m["origin-id"]!)).Order());
        Assert.All(deadLettered, m => Assert.Equal(stream, m["origin-stream"]));
        Assert.Equal(2, attempts["5"]);
        Assert.True(attempts["0"] >= 4, $"entry 0 tried {attempts["0"]} times: two per delivery");
        Assert.True(errors >= 7);
        Assert.Equal(0, (await _client.PendingAsync(stream, "g")).Count);
        var group = Assert.Single(await _client.GroupsAsync(stream));
        Assert.Equal(3, group.DeadLetter!.DeadLettered);
    }

    [Fact]
    public async Task A_restarted_worker_handles_its_own_pending_entries_first()
    {
        var stream = Name("restart");
        var ids = await Fill(stream, 5);
        await _client.CreateGroupAsync(stream, "g", GroupPosition.Beginning);
        // A worker read three entries and died before acknowledging them.
        await _client.ReadGroupAsync(stream, "g", "w", new ReadGroupOptions { Count = 3 });
        var handled = new ConcurrentQueue<StreamEntryId>();
        using var stop = new CancellationTokenSource();
        var worker = _client.ConsumeAsync(stream, "g", "w", (m, _) => { handled.Enqueue(m.Id); return Task.CompletedTask; },
            new ConsumeOptions { BlockTimeout = TimeSpan.FromMilliseconds(100), ReclaimIdle = null }, stop.Token);
        await SdkPoll.Until(() => Task.FromResult(handled.Count), n => n >= 5);
        stop.Cancel();
        await worker.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ids, handled);
        Assert.Equal(0, (await _client.PendingAsync(stream, "g")).Count);
    }

    [Fact]
    public async Task Health_reports_length_pending_lag_idle_and_groups_without_consumers()
    {
        var stream = Name("health");
        await Fill(stream, 12);
        await _client.CreateGroupAsync(stream, "busy", GroupPosition.Beginning);
        await _client.CreateGroupAsync(stream, "empty", GroupPosition.End);
        await _client.ReadGroupAsync(stream, "busy", "c", new ReadGroupOptions { Count = 5 });
        var report = await _client.HealthAsync(stream, new HealthThresholds { MaxLength = 10, MaxPending = 3, MaxLag = 5, MaxPendingIdle = TimeSpan.Zero });
        Assert.False(report.Healthy);
        Assert.Equal(12, report.Length);
        var busy = report.Groups.Single(g => g.Group == "busy");
        Assert.Equal(5, busy.Pending);
        Assert.Equal(7, busy.Lag);
        Assert.Contains(report.Problems, p => p.Contains("length 12", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("'empty' has no consumers", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("'busy' has 5 pending", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("'busy' lags 7", StringComparison.Ordinal));
        Assert.True((await _client.HealthAsync(stream)).Healthy is false, "a group without consumers is always a problem");
        Assert.False((await _client.HealthAsync(Name("none"))).Exists);
    }

    private static StreamEntryId StreamEntryIdParse(string text) =>
        StreamEntryId.TryParse(System.Text.Encoding.ASCII.GetBytes(text), 0, out var id) ? id : throw new FormatException(text);
}
