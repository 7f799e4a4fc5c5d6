using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

using static OrleansStreams.Core.UnitTests.ConsumerGroups.GroupTestStream;

namespace OrleansStreams.Core.UnitTests.ConsumerGroups;

public sealed class ConsumerGroupTests
{
    private static (GroupTestStream Stream, ConsumerGroup Group) AliceReadAllOfSix()
    {
        var s = WithEntries(6);
        var g = ConsumerGroup.Create("g", Id(0));
        s.ReadNew(g, "alice", 6, nowMs: 1000);
        return (s, g);
    }

    private static StreamEntryId[] Ids(params int[] ms) => ms.Select(m => Id((ulong)m)).ToArray();

    [Fact]
    public void ReadNew_delivers_up_to_count_and_advances_the_cursor()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        var got = s.ReadNew(g, "c", 2, nowMs: 500);
        Assert.Equal(Ids(1, 2), got.Select(e => e.Id));
        Assert.Equal(Id(2), g.LastDeliveredId);
        Assert.Equal(new PendingEntry(Id(1), "c", 500, 1), g.FindPending(Id(1)));
        Assert.Equal(500, g.FindConsumer("c")!.SeenTimeMs);
    }

    [Fact]
    public void ReadNew_with_noack_advances_without_pending_entries()
    {
        var s = WithEntries(3);
        var g = ConsumerGroup.Create("g", Id(0));
        s.ReadNew(g, "c", 0, noAck: true);
        Assert.Equal(Id(3), g.LastDeliveredId);
        Assert.Equal(0, g.PendingCount);
        Assert.Equal(3, g.EntriesRead);
    }

    [Fact]
    public void ReadNew_with_nothing_new_creates_no_consumer_as_redis_7_0_does()
    {
        var s = WithEntries(2);
        var g = ConsumerGroup.Create("g", s.Log.LastId);
        Assert.Empty(s.ReadNew(g, "c", 10, nowMs: 7));
        Assert.Null(g.FindConsumer("c"));
        g.SetId(Id(1));
        Assert.Single(s.ReadNew(g, "c", 10, nowMs: 8));
        Assert.Equal(8, g.FindConsumer("c")!.SeenTimeMs);
    }

    [Fact]
    public void ReadHistory_returns_deleted_entries_as_nil_bodies_and_counts_only_found_ones()
    {
        var (s, g) = AliceReadAllOfSix();
        s.Delete(2, 4);
        var history = g.ReadHistory("alice", Id(0), 0, s.Lookup, 2000);
        Assert.Equal(Ids(1, 2, 3, 4, 5, 6), history.Select(h => h.Id));
        Assert.Null(history[1].Entry);
        Assert.NotNull(history[0].Entry);
        Assert.Equal(2, g.FindPending(Id(1))!.DeliveryCount);
        Assert.Equal(2000, g.FindPending(Id(1))!.DeliveryTimeMs);
        Assert.Equal(1, g.FindPending(Id(2))!.DeliveryCount);
        Assert.Equal(1000, g.FindPending(Id(2))!.DeliveryTimeMs);
    }

    [Fact]
    public void ReadHistory_starts_at_the_given_id_and_honours_count()
    {
        var (s, g) = AliceReadAllOfSix();
        Assert.Equal(Ids(3, 4), g.ReadHistory("alice", Id(3), 2, s.Lookup, 2000).Select(h => h.Id));
        Assert.Empty(g.ReadHistory("bob", Id(0), 0, s.Lookup, 2000));
    }

    [Fact]
    public void Ack_counts_only_pending_ids()
    {
        var (_, g) = AliceReadAllOfSix();
        Assert.Equal(2, g.Ack(Ids(1, 2, 9)));
        Assert.Equal(0, g.Ack(Ids(1)));
        Assert.Equal(4, g.PendingCount);
        Assert.Equal(4, g.FindConsumer("alice")!.PendingCount);
    }

    [Fact]
    public void CreateConsumer_returns_false_when_it_exists()
    {
        var g = ConsumerGroup.Create("g", Id(0));
        Assert.True(g.CreateConsumer("c", 1));
        Assert.False(g.CreateConsumer("c", 2));
    }

    [Fact]
    public void DeleteConsumer_returns_the_pending_count_it_dropped()
    {
        var (_, g) = AliceReadAllOfSix();
        Assert.Equal(6, g.DeleteConsumer("alice"));
        Assert.Equal(0, g.PendingCount);
        Assert.Equal(0, g.DeleteConsumer("alice"));
        Assert.Empty(g.Consumers);
    }

    [Fact]
    public void SetId_moves_the_cursor_and_entries_read()
    {
        var g = ConsumerGroup.Create("g", Id(0));
        g.SetId(Id(4), 4);
        Assert.Equal(Id(4), g.LastDeliveredId);
        Assert.Equal(4, g.EntriesRead);
    }

    [Fact]
    public void Pending_summary_lists_consumers_with_pending_entries()
    {
        var (s, g) = AliceReadAllOfSix();
        g.CreateConsumer("zed", 1);
        g.Claim("bob", Ids(1), new ClaimOptions(0), s.Exists, 1500);
        var summary = g.Summary();
        Assert.Equal(6, summary.Count);
        Assert.Equal(Id(1), summary.MinId);
        Assert.Equal(Id(6), summary.MaxId);
        Assert.Equal([("alice", 5L), ("bob", 1L)], summary.Consumers);
        Assert.Equal(0, ConsumerGroup.Create("e", Id(0)).Summary().Count);
    }

    [Fact]
    public void Pending_range_filters_by_bounds_idle_count_and_consumer()
    {
        var (s, g) = AliceReadAllOfSix();
        g.Claim("bob", Ids(2, 4), new ClaimOptions(0), s.Exists, 1900);
        Assert.Equal(Ids(2, 3), g.PendingRange(Id(2), Id(5), 2, null, 0, 2000).Select(p => p.Id));
        Assert.Equal(Ids(1, 3, 5, 6), g.PendingRange(StreamEntryId.Min, StreamEntryId.Max, 10, null, 500, 2000).Select(p => p.Id));
        Assert.Equal(Ids(2, 4), g.PendingRange(StreamEntryId.Min, StreamEntryId.Max, 10, "bob", 0, 2000).Select(p => p.Id));
        Assert.Empty(g.PendingRange(StreamEntryId.Min, StreamEntryId.Max, 10, "nobody", 0, 2000));
        Assert.Empty(g.PendingRange(StreamEntryId.Min, StreamEntryId.Max, 0, null, 0, 2000));
    }

    [Fact]
    public void Claim_skips_entries_idle_less_than_min_idle()
    {
        var (s, g) = AliceReadAllOfSix();
        Assert.Empty(g.Claim("bob", Ids(1), new ClaimOptions(5000), s.Exists, 2000));
        Assert.Null(g.FindConsumer("bob"));
        Assert.Equal(Ids(1), g.Claim("bob", Ids(1), new ClaimOptions(1000), s.Exists, 2000));
        Assert.Equal(new PendingEntry(Id(1), "bob", 2000, 2), g.FindPending(Id(1)));
    }

    [Fact]
    public void Claim_of_a_deleted_entry_drops_it_from_the_pel()
    {
        var (s, g) = AliceReadAllOfSix();
        s.Delete(5);
        Assert.Equal(Ids(6), g.Claim("carol", Ids(5, 6), new ClaimOptions(0, JustId: true), s.Exists, 2000));
        Assert.Null(g.FindPending(Id(5)));
        Assert.Equal(1, g.FindPending(Id(6))!.DeliveryCount);
    }

    [Fact]
    public void Claim_with_force_creates_pending_entries_for_existing_ids_only()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        Assert.Equal(Ids(4), g.Claim("c8", Ids(4, 9), new ClaimOptions(0, Force: true, JustId: true), s.Exists, 100));
        g.Claim("c7", Ids(5), new ClaimOptions(0, Force: true), s.Exists, 100);
        Assert.Equal(1, g.FindPending(Id(4))!.DeliveryCount);
        Assert.Equal(2, g.FindPending(Id(5))!.DeliveryCount);
        Assert.Empty(g.Claim("c9", Ids(3), new ClaimOptions(0), s.Exists, 100));
    }

    [Fact]
    public void Claim_sets_time_idle_retrycount_and_lastid()
    {
        var (s, g) = AliceReadAllOfSix();
        g.Claim("bob", Ids(1), new ClaimOptions(0, IdleMs: 300, RetryCount: 7, LastId: Id(9)), s.Exists, 2000);
        Assert.Equal(new PendingEntry(Id(1), "bob", 1700, 7), g.FindPending(Id(1)));
        Assert.Equal(Id(9), g.LastDeliveredId);
        g.Claim("bob", Ids(2), new ClaimOptions(0, TimeMs: 5000), s.Exists, 2000);
        Assert.Equal(2000, g.FindPending(Id(2))!.DeliveryTimeMs);
        g.Claim("bob", Ids(3), new ClaimOptions(0, TimeMs: 1234), s.Exists, 2000);
        Assert.Equal(1234, g.FindPending(Id(3))!.DeliveryTimeMs);
        Assert.Equal(3, g.FindConsumer("bob")!.PendingCount);
    }

    [Fact]
    public void AutoClaim_claims_lists_deleted_ids_and_returns_the_next_cursor()
    {
        // Observed on redis-server 7.0.15 with the same sequence.
        var (s, g) = AliceReadAllOfSix();
        s.Delete(2, 4);
        var first = g.AutoClaim("bob", 0, Id(0), 2, false, s.Exists, 2000);
        Assert.Equal(Id(3), first.Next);
        Assert.Equal(Ids(1), first.Claimed);
        Assert.Equal(Ids(2), first.Deleted);
        var second = g.AutoClaim("bob", 0, Id(4), 2, true, s.Exists, 2000);
        Assert.Equal(Id(6), second.Next);
        Assert.Equal(Ids(5), second.Claimed);
        Assert.Equal(Ids(4), second.Deleted);
        Assert.Equal([("alice", 2L), ("bob", 2L)], g.Summary().Consumers);
        Assert.Equal(2, g.FindPending(Id(1))!.DeliveryCount);
        Assert.Equal(1, g.FindPending(Id(5))!.DeliveryCount);
    }

    [Fact]
    public void AutoClaim_at_the_end_returns_cursor_zero_and_creates_the_consumer_only_when_it_claims()
    {
        var (s, g) = AliceReadAllOfSix();
        var r = g.AutoClaim("dave", 0, Id(0), 100, false, s.Exists, 2000);
        Assert.Equal(StreamEntryId.Min, r.Next);
        Assert.Equal(6, r.Claimed.Count);
        var none = g.AutoClaim("erin", 60_000, Id(0), 100, false, s.Exists, 2000);
        Assert.Empty(none.Claimed);
        Assert.NotNull(g.FindConsumer("dave"));
        Assert.Null(g.FindConsumer("erin"));
    }

    [Fact]
    public void AutoClaim_stops_after_ten_attempts_per_count()
    {
        var s = WithEntries(30);
        var g = ConsumerGroup.Create("g", Id(0));
        s.ReadNew(g, "alice", 0, nowMs: 1000);
        var r = g.AutoClaim("bob", 5000, Id(0), 2, false, s.Exists, 2000);
        Assert.Empty(r.Claimed);
        Assert.Equal(Id(21), r.Next);
    }

    [Fact]
    public void DeadLetter_acks_and_returns_entries_delivered_more_than_the_maximum()
    {
        var (s, g) = AliceReadAllOfSix();
        g.SetDeadLetterPolicy(2, "dlq");
        Assert.Empty(g.DeadLetter());
        g.ReadHistory("alice", Id(0), 2, s.Lookup, 2000);
        g.ReadHistory("alice", Id(0), 1, s.Lookup, 3000);
        var dead = g.DeadLetter();
        Assert.Equal(Ids(1), dead.Select(p => p.Id));
        Assert.Equal(3, dead[0].DeliveryCount);
        Assert.Equal(1, g.DeadLetteredCount);
        Assert.Null(g.FindPending(Id(1)));
        Assert.Equal("dlq", g.DeadLetterStream);
    }

    [Fact]
    public void DeadLetter_without_policy_does_nothing()
    {
        var (s, g) = AliceReadAllOfSix();
        g.ReadHistory("alice", Id(0), 0, s.Lookup, 2000);
        Assert.Empty(g.DeadLetter());
        Assert.Throws<ArgumentOutOfRangeException>(() => g.SetDeadLetterPolicy(-1, "x"));
    }

    [Fact]
    public void Oldest_pending_idle_is_measured_from_the_earliest_delivery()
    {
        var (s, g) = AliceReadAllOfSix();
        Assert.Equal(0, ConsumerGroup.Create("e", Id(0)).OldestPendingIdleMs(5000));
        g.Claim("bob", Ids(1), new ClaimOptions(0), s.Exists, 4000);
        Assert.Equal(4000, g.OldestPendingIdleMs(5000));
    }
}
