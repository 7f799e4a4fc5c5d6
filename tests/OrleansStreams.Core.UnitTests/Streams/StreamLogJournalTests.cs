using System.Text;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Streams;

/// <summary>What the stream log journals: trims and deletes as their effect, and a snapshot naming each sealed segment's version.</summary>
public sealed class StreamLogJournalTests
{
    private static readonly StreamLogOptions Small = new() { NodeMaxEntries = 4, NodesPerSegment = 2, MaxLoadedSegments = 100 };

    [Fact]
    public void A_trim_is_journaled_as_an_exact_minid_trim_to_the_first_kept_entry()
    {
        var log = new StreamLog(Small);
        for (ulong i = 1; i <= 20; i++)
        {
            log.Append(Entry(i));
        }
        log.DrainMutations();

        log.Trim(new StreamTrim(TrimStrategy.MaxLen, 10, default, true, 0));

        var trim = Assert.IsType<StreamMutation.Trim>(Assert.Single(log.DrainMutations()));
        Assert.Equal(new StreamTrim(TrimStrategy.MinId, 0, log.FirstId, false, 0), trim.Spec);
    }

    [Fact]
    public void A_delete_is_journaled_as_the_ids_it_removed()
    {
        var log = new StreamLog(Small);
        log.Append(Entry(1));
        log.Append(Entry(2));
        log.DrainMutations();

        log.Delete([new StreamEntryId(2, 0), new StreamEntryId(9, 0)]);

        var delete = Assert.IsType<StreamMutation.Delete>(Assert.Single(log.DrainMutations()));
        Assert.Equal([new StreamEntryId(2, 0)], delete.Ids);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Replaying_random_appends_deletes_and_trims_after_a_snapshot_rebuilds_the_same_log(int seed)
    {
        var random = new Random(seed);
        var log = new StreamLog(Small);
        ulong next = 1;
        byte[]? snapshot = null;
        var after = new List<StreamMutation>();
        for (var step = 0; step < 400; step++)
        {
            RandomStep(random, log, ref next);
            if (step == 150)
            {
                log.DrainMutations();
                snapshot = log.EncodeSnapshot(0);
                foreach (var s in log.SegmentsToPersist())
                {
                    log.MarkPersisted(s, log.Segments.First(x => x.Number == s).Version);
                }
            }
            if (step > 150)
            {
                after.AddRange(log.DrainMutations());
            }
        }

        var replica = StreamLog.DecodeSnapshot(snapshot, Small, out _);
        var stored = SealedSegmentsAt150(seed);
        replica.RecordMutations = false;
        foreach (var segment in replica.Segments.Where(s => s.Sealed).ToList())
        {
            replica.LoadSegment(segment.Number, stored[(segment.Number, segment.Version)]);
        }
        foreach (var m in after)
        {
            replica.Apply(m);
        }

        Assert.Equal(log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id), replica.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id));
        Assert.Equal((log.Length, log.LastId, log.MaxDeletedId, log.EntriesAdded, log.NodeCount), (replica.Length, replica.LastId, replica.MaxDeletedId, replica.EntriesAdded, replica.NodeCount));
    }

    [Fact]
    public void The_snapshot_keeps_each_sealed_segment_version_and_a_changed_segment_gets_a_new_one()
    {
        var log = new StreamLog(Small);
        for (ulong i = 1; i <= 20; i++)
        {
            log.Append(Entry(i));
        }
        var sealedSegment = log.Segments.First(s => s.Sealed);
        var replica = StreamLog.DecodeSnapshot(log.EncodeSnapshot(0), Small, out _);
        Assert.Equal(sealedSegment.Version, replica.Segments.First(s => s.Number == sealedSegment.Number).Version);

        log.Delete([new StreamEntryId(2, 0)]);
        Assert.NotEqual(sealedSegment.Version, log.Segments.First(s => s.Number == sealedSegment.Number).Version);
    }

    [Fact]
    public void A_full_tail_segment_reloaded_from_a_snapshot_is_written_to_storage_when_the_next_append_seals_it()
    {
        // The open tail is stored inline in the snapshot, not as a segment: sealing it after a reload must write it.
        var log = new StreamLog(Small);
        for (ulong i = 1; i <= 8; i++)
        {
            log.Append(Entry(i));
        }
        Assert.Empty(log.SegmentsToPersist());
        var replica = StreamLog.DecodeSnapshot(log.EncodeSnapshot(0), Small, out _);

        replica.Append(Entry(9));

        var sealedTail = Assert.Single(replica.Segments, s => s.Sealed);
        Assert.Equal([sealedTail.Number], replica.SegmentsToPersist());
    }

    /// <summary>Re-runs the same random script up to the snapshot and keeps each sealed segment's stored copy by (number, version).</summary>
    private static Dictionary<(long, long), byte[]> SealedSegmentsAt150(int seed)
    {
        var random = new Random(seed);
        var log = new StreamLog(Small);
        ulong next = 1;
        for (var step = 0; step <= 150; step++)
        {
            RandomStep(random, log, ref next);
        }
        return log.Segments.Where(s => s.Sealed).ToDictionary(s => (s.Number, s.Version), s => log.EncodeSegment(s.Number, out _));
    }

    /// <summary>One step of a random script: mostly appends, some deletes, some trims of every kind.</summary>
    private static void RandomStep(Random random, StreamLog log, ref ulong next)
    {
        switch (random.Next(10))
        {
            case < 6:
                log.Append(Entry(next++));
                break;
            case < 8:
                log.Delete([new StreamEntryId((ulong)random.Next(1, (int)next), 0)]);
                break;
            default:
                var approx = random.Next(2) == 0;
                var limit = random.Next(3) == 0 ? random.Next(1, 20) : 0;
                log.Trim(random.Next(2) == 0
                    ? new StreamTrim(TrimStrategy.MaxLen, random.Next(0, 40), default, approx, limit)
                    : new StreamTrim(TrimStrategy.MinId, 0, new StreamEntryId((ulong)random.Next(1, (int)next + 2), 0), approx, limit));
                break;
        }
    }

    private static StreamEntry Entry(ulong ms) => new(new StreamEntryId(ms, 0), [Encoding.UTF8.GetBytes("f"), Encoding.UTF8.GetBytes(ms.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
