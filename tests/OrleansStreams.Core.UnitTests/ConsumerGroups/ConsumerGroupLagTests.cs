using OrleansStreams.ConsumerGroups;

using static OrleansStreams.Core.UnitTests.ConsumerGroups.GroupTestStream;

namespace OrleansStreams.Core.UnitTests.ConsumerGroups;

/// <summary>
/// entries-read and lag as XINFO GROUPS printed them on redis-server 7.0.15 for the same command sequence
/// (XADD 1-0..n-0, XGROUP CREATE, XREADGROUP COUNT, XDEL, XTRIM MAXLEN =); null stands for Redis' nil.
/// </summary>
public sealed class ConsumerGroupLagTests
{
    private static void AssertInfo(ConsumerGroup g, GroupTestStream s, long? entriesRead, long? lag)
    {
        Assert.Equal(entriesRead ?? ConsumerGroup.UnknownEntriesRead, g.EntriesRead);
        Assert.Equal(lag, g.Lag(s.Stats));
    }

    [Fact]
    public void Group_created_at_zero_has_unknown_entries_read_and_lag_of_whole_stream()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        AssertInfo(g, s, null, 5);
    }

    [Fact]
    public void Reading_counts_entries_read_and_a_later_xdel_makes_lag_nil_until_read_past_it()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        s.ReadNew(g, "c", 2);
        AssertInfo(g, s, 2, 3);
        s.Delete(4);
        AssertInfo(g, s, 2, null);
        s.ReadNew(g, "c", 1);
        AssertInfo(g, s, null, null);
        s.ReadNew(g, "c", 10);
        AssertInfo(g, s, 5, 0);
    }

    [Fact]
    public void Deleting_the_first_entry_keeps_lag_computable()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        s.Delete(1);
        AssertInfo(g, s, null, 4);
        s.ReadNew(g, "c", 1);
        AssertInfo(g, s, 2, 3);
        s.TrimTo(2);
        AssertInfo(g, s, 2, 3);
    }

    [Fact]
    public void Trimmed_stream_estimates_from_entries_added_minus_length()
    {
        var s = WithEntries(5);
        var g = ConsumerGroup.Create("g", Id(0));
        s.TrimTo(3);
        AssertInfo(g, s, null, 3);
        s.ReadNew(g, "c", 1);
        AssertInfo(g, s, 3, 2);
        AssertInfo(ConsumerGroup.Create("g2", Id(2)), s, null, 3);
        AssertInfo(ConsumerGroup.Create("g3", s.Log.LastId), s, null, 0);
        AssertInfo(ConsumerGroup.Create("g4", Id(3)), s, null, 2);
    }

    [Fact]
    public void Never_written_stream_has_lag_zero()
    {
        var s = new GroupTestStream();
        AssertInfo(ConsumerGroup.Create("g", Id(0)), s, null, 0);
    }

    [Fact]
    public void Xdel_in_the_middle_makes_lag_nil_until_the_group_reaches_the_last_id()
    {
        var s = WithEntries(3);
        var g = ConsumerGroup.Create("g", Id(0));
        s.Delete(2);
        AssertInfo(g, s, null, null);
        s.ReadNew(g, "c", 1);
        AssertInfo(g, s, null, null);
        s.ReadNew(g, "c", 1);
        AssertInfo(g, s, 3, 0);
        s.Delete(1, 3);
        AssertInfo(g, s, 3, 0);
        g.SetId(Id(0));
        AssertInfo(g, s, null, 0);
    }

    [Fact]
    public void Estimate_of_a_future_id_is_unknown()
    {
        var s = WithEntries(3);
        Assert.Null(ConsumerGroup.EstimateDistanceFromFirstEverEntry(s.Stats, Id(9)));
        Assert.Equal(3, ConsumerGroup.EstimateDistanceFromFirstEverEntry(s.Stats, Id(3)));
        Assert.Equal(1, ConsumerGroup.EstimateDistanceFromFirstEverEntry(s.Stats, Id(1)));
        Assert.Equal(0, ConsumerGroup.EstimateDistanceFromFirstEverEntry(s.Stats, Id(0)));
    }
}
