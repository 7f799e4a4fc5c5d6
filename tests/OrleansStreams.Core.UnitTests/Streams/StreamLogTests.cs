using System.Text;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Streams;

public class StreamLogTests
{
    private static readonly StreamLogOptions Small = new() { NodeMaxEntries = 4, NodesPerSegment = 2, MaxLoadedSegments = 1 };

    private static StreamEntry Entry(ulong ms, ulong seq = 0) => new(new StreamEntryId(ms, seq), [Encoding.UTF8.GetBytes("f"), Encoding.UTF8.GetBytes(ms.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static StreamLog Filled(int count, StreamLogOptions? options = null)
    {
        var log = new StreamLog(options ?? Small);
        for (var i = 1; i <= count; i++)
        {
            log.Append(Entry((ulong)i));
        }
        return log;
    }

    [Fact]
    public void Star_id_uses_the_clock_and_a_later_sequence_when_the_clock_goes_back()
    {
        var log = new StreamLog();
        Assert.Equal(StreamError.None, log.TryNextId(false, false, default, 1000, out var first));
        log.Append(new StreamEntry(first, []));
        Assert.Equal(StreamError.None, log.TryNextId(false, false, default, 900, out var second));
        Assert.Equal(new StreamEntryId(1000, 0), first);
        Assert.Equal(new StreamEntryId(1000, 1), second);
    }

    [Fact]
    public void Explicit_id_equal_to_top_is_rejected_as_too_small()
    {
        var log = Filled(3);
        Assert.Equal(StreamError.IdTooSmall, log.TryNextId(true, true, new StreamEntryId(3, 0), 0, out _));
    }

    [Fact]
    public void Ms_star_continues_the_sequence_of_the_same_millisecond()
    {
        var log = new StreamLog();
        log.Append(Entry(5, 7));
        Assert.Equal(StreamError.None, log.TryNextId(true, false, new StreamEntryId(5, 0), 0, out var id));
        Assert.Equal(new StreamEntryId(5, 8), id);
        Assert.Equal(StreamError.IdTooSmall, log.TryNextId(true, false, new StreamEntryId(4, 0), 0, out _));
    }

    [Fact]
    public void Exhausted_stream_refuses_new_ids()
    {
        var log = new StreamLog();
        log.SetId(StreamEntryId.Max, null, null);
        Assert.Equal(StreamError.IdExhausted, log.TryNextId(false, false, default, 1, out _));
    }

    [Fact]
    public void Range_and_reverse_range_respect_bounds_and_count()
    {
        var log = Filled(20);
        Assert.Equal([5UL, 6, 7], log.Range(new(5, 0), new(7, ulong.MaxValue), 0, false).Select(e => e.Id.Ms));
        Assert.Equal([20UL, 19], log.Range(StreamEntryId.Min, StreamEntryId.Max, 2, true).Select(e => e.Id.Ms));
        Assert.Equal([7UL, 6, 5], log.Range(new(5, 0), new(7, 0), 0, true).Select(e => e.Id.Ms));
        Assert.Empty(log.Range(new(8, 0), new(7, 0), 0, false));
    }

    [Fact]
    public void Delete_counts_existing_entries_and_raises_max_deleted_id()
    {
        var log = Filled(10);
        Assert.Equal(2, log.Delete([new(3, 0), new(4, 0), new(99, 0)]));
        Assert.Equal(8, log.Length);
        Assert.Equal(new StreamEntryId(4, 0), log.MaxDeletedId);
        Assert.DoesNotContain(log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false), e => e.Id.Ms is 3 or 4);
    }

    [Fact]
    public void Exact_maxlen_trim_keeps_the_newest_entries()
    {
        var log = Filled(10);
        Assert.Equal(7, log.Trim(new StreamTrim(TrimStrategy.MaxLen, 3, default, false, 0)));
        Assert.Equal([8UL, 9, 10], log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id.Ms));
        Assert.Equal(new StreamEntryId(8, 0), log.FirstId);
    }

    [Fact]
    public void Approximate_trim_removes_whole_nodes_only()
    {
        var log = Filled(10); // nodes of 4: [1-4][5-8][9-10]
        Assert.Equal(4, log.Trim(new StreamTrim(TrimStrategy.MaxLen, 5, default, true, 10000)));
        Assert.Equal(6, log.Length);
    }

    [Fact]
    public void Minid_trim_removes_entries_below_the_id()
    {
        var log = Filled(10);
        Assert.Equal(5, log.Trim(new StreamTrim(TrimStrategy.MinId, 0, new StreamEntryId(6, 0), false, 0)));
        Assert.Equal(6UL, log.First()!.Id.Ms);
    }

    [Fact]
    public void Trim_limit_stops_before_exceeding_the_work_budget()
    {
        var log = Filled(12);
        Assert.Equal(4, log.Trim(new StreamTrim(TrimStrategy.MaxLen, 0, default, true, 5)));
    }

    [Fact]
    public void Snapshot_with_evicted_segments_round_trips_through_storage()
    {
        var log = Filled(30);
        var stored = new Dictionary<long, byte[]>();
        foreach (var n in log.SegmentsToPersist())
        {
            stored[n] = log.EncodeSegment(n, out var v);
            log.MarkPersisted(n, v);
        }
        Assert.True(log.EvictColdSegments() > 0);
        var restored = StreamLog.DecodeSnapshot(log.EncodeSnapshot(7), Small, out var seq);
        Assert.Equal(7, seq);
        foreach (var n in restored.UnloadedSegmentsForRange(StreamEntryId.Min, StreamEntryId.Max, 0, false))
        {
            restored.LoadSegment(n, stored[n]);
        }
        Assert.Equal(Filled(30).Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id), restored.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id));
        Assert.Equal(30, restored.Length);
        Assert.Equal(new StreamEntryId(30, 0), restored.LastId);
    }

    [Fact]
    public void Range_reports_the_unloaded_segments_it_needs_up_to_count()
    {
        var log = Filled(30);
        foreach (var n in log.SegmentsToPersist())
        {
            log.EncodeSegment(n, out var v);
            log.MarkPersisted(n, v);
        }
        log.EvictColdSegments();
        var needed = log.UnloadedSegmentsForRange(StreamEntryId.Min, StreamEntryId.Max, 2, false);
        Assert.Single(needed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_range_starting_inside_a_segment_loads_every_segment_its_count_reaches(bool reverse)
    {
        // Regression: the segment holding the start was counted whole, so a group read of `count`
        // entries after an ID near a segment's end stopped loading too early and hit an unloaded one.
        var full = Filled(60);
        for (var start = 1UL; start <= 60; start++)
        {
            for (var count = 1; count <= 25; count += 3)
            {
                var log = Filled(60);
                foreach (var n in log.SegmentsToPersist())
                {
                    log.EncodeSegment(n, out var v);
                    log.MarkPersisted(n, v);
                }
                var stored = full.SegmentsToPersist().ToDictionary(n => n, n => full.EncodeSegment(n, out _));
                log.EvictColdSegments();
                var (from, to) = reverse ? (StreamEntryId.Min, new StreamEntryId(start, 0)) : (new StreamEntryId(start, 0), StreamEntryId.Max);
                foreach (var n in log.UnloadedSegmentsForRange(from, to, count, reverse))
                {
                    log.LoadSegment(n, stored[n]);
                }
                Assert.Equal(full.Range(from, to, count, reverse).Select(e => e.Id), log.Range(from, to, count, reverse).Select(e => e.Id));
            }
        }
    }

    [Fact]
    public void Replaying_drained_mutations_rebuilds_the_same_log()
    {
        var log = new StreamLog(Small);
        var replica = new StreamLog(Small) { RecordMutations = false };
        for (var i = 1; i <= 40; i++)
        {
            log.Append(Entry((ulong)i));
            if (i % 7 == 0)
            {
                log.Delete([new((ulong)i - 3, 0)]);
            }
            if (i % 11 == 0)
            {
                log.Trim(new StreamTrim(TrimStrategy.MaxLen, 15, default, true, 100));
            }
        }
        log.SetId(new StreamEntryId(100, 0), 77, null);
        var record = StreamLog.EncodeMutations(log.DrainMutations(), 1);
        foreach (var m in StreamLog.DecodeMutations(record, out _))
        {
            replica.Apply(m);
        }
        Assert.Equal(log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id), replica.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id));
        Assert.Equal(log.Length, replica.Length);
        Assert.Equal(log.EntriesAdded, replica.EntriesAdded);
        Assert.Equal(log.MaxDeletedId, replica.MaxDeletedId);
        Assert.Equal(log.LastId, replica.LastId);
        Assert.Equal(log.NodeCount, replica.NodeCount);
    }
}
