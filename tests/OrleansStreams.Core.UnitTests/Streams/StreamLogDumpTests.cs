using System.Text;
using CsCheck;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Streams;

public sealed class StreamLogDumpTests
{
    private static readonly StreamLogOptions Small = new() { NodeMaxEntries = 4, NodesPerSegment = 2, MaxLoadedSegments = 1 };

    private static StreamEntry Entry(ulong ms) => new(new StreamEntryId(ms, 0), [Encoding.ASCII.GetBytes("f"), Encoding.ASCII.GetBytes($"v{ms}")]);

    private static StreamLog Filled(int count)
    {
        var log = new StreamLog(Small);
        for (var i = 1; i <= count; i++)
        {
            log.Append(Entry((ulong)i));
        }
        return log;
    }

    [Fact]
    public void Snapshot_lists_every_node_with_its_deleted_slots()
    {
        var log = Filled(10);
        log.Delete([new StreamEntryId(2, 0), new StreamEntryId(6, 0)]);

        var snapshot = log.ToSnapshot();

        Assert.Equal([4, 4, 2], snapshot.NodeSlots);
        Assert.Equal([new StreamEntryId(2, 0), new StreamEntryId(6, 0)], snapshot.DeletedSlots);
        Assert.Equal(8, snapshot.Entries.Length);
    }

    [Fact]
    public void A_log_built_from_a_snapshot_has_the_same_nodes_and_takes_appends_into_its_last_node()
    {
        var original = Filled(10);
        original.Delete([new StreamEntryId(3, 0)]);
        var snapshot = original.ToSnapshot();
        var copy = StreamLog.FromSnapshot(snapshot with { }, Small);

        Assert.Equal(snapshot.NodeSlots, copy.ToSnapshot().NodeSlots);
        Assert.Equal(9, copy.Length);
        Assert.Equal(original.LastId, copy.LastId);
        Assert.Empty(copy.DrainMutations());

        copy.Append(Entry(11));
        copy.Append(Entry(12));
        copy.Append(Entry(13));
        Assert.Equal([4, 4, 4, 1], copy.ToSnapshot().NodeSlots);
    }

    [Fact]
    public void Nodes_larger_than_the_node_size_are_kept_and_approximate_trims_remove_them_whole()
    {
        var entries = Enumerable.Range(1, 7).Select(i => Entry((ulong)i)).ToArray();
        var snapshot = new OrleansStreams.Grains.StreamSnapshot(entries, new StreamEntryId(7, 0), 7, default) { NodeSlots = [6, 1] };
        var log = StreamLog.FromSnapshot(snapshot, Small);

        Assert.Equal(6, log.Trim(new StreamTrim(TrimStrategy.MaxLen, 1, default, true, 0)));
        Assert.Equal(1, log.Length);
    }

    [Fact]
    public void A_layout_that_does_not_match_the_entries_is_refused()
    {
        var snapshot = new OrleansStreams.Grains.StreamSnapshot([Entry(1)], new StreamEntryId(1, 0), 1, default) { NodeSlots = [2] };

        Assert.Throws<InvalidDataException>(() => StreamLog.FromSnapshot(snapshot, Small));
    }

    [Fact]
    public void Any_log_survives_a_snapshot_round_trip_and_a_storage_round_trip()
    {
        var ops = Gen.Frequency((6, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Const(2))).Select(Gen.Int[1, 60]).Array[1, 80];
        ops.Sample(steps =>
        {
            var log = new StreamLog(Small);
            ulong next = 1;
            foreach (var (op, n) in steps)
            {
                switch (op)
                {
                    case 0:
                        log.Append(Entry(next++));
                        break;
                    case 1:
                        log.Delete([new StreamEntryId((ulong)n, 0)]);
                        break;
                    default:
                        log.Trim(new StreamTrim(TrimStrategy.MaxLen, n % 20, default, n % 2 == 0, 0));
                        break;
                }
            }
            var snapshot = log.ToSnapshot();
            var copy = StreamLog.FromSnapshot(snapshot, Small);
            var stored = StreamLog.DecodeSnapshot(copy.EncodeSnapshot(0), Small, out _);
            foreach (var number in stored.Segments.Where(s => !s.Loaded).Select(s => s.Number))
            {
                stored.LoadSegment(number, copy.EncodeSegment(number, out _));
            }
            var again = stored.ToSnapshot();
            return again.NodeSlots.SequenceEqual(snapshot.NodeSlots)
                && again.DeletedSlots.SequenceEqual(snapshot.DeletedSlots)
                && again.Entries.Select(e => e.Id).SequenceEqual(log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).Select(e => e.Id))
                && stored.Length == log.Length && stored.EntriesAdded == log.EntriesAdded;
        });
    }
}
