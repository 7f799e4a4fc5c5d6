using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    /// <summary>
    /// Redis 7.0's streamEstimateDistanceFromFirstEverEntry: the logical read counter of <paramref name="id"/>,
    /// or null where fragmentation (an XDEL after the first entry) or a future ID makes it unknowable.
    /// </summary>
    public static long? EstimateDistanceFromFirstEverEntry(StreamStats s, StreamEntryId id)
    {
        if (s.EntriesAdded == 0)
        {
            return 0;
        }
        var added = (long)s.EntriesAdded;
        if (s.Length == 0 && id <= s.LastId)
        {
            return added;
        }
        var cmpLast = id.CompareTo(s.LastId);
        if (cmpLast == 0)
        {
            return added;
        }
        if (cmpLast > 0)
        {
            return null;
        }
        if (s.MaxDeletedId == StreamEntryId.Min || s.MaxDeletedId < s.FirstId)
        {
            var cmpFirst = id.CompareTo(s.FirstId);
            if (cmpFirst < 0)
            {
                return added - s.Length;
            }
            if (cmpFirst == 0)
            {
                return added - s.Length + 1;
            }
        }
        return null;
    }

    /// <summary>Redis 7.0's streamRangeHasTombstones: whether the last XDEL falls in [start, end] of a non-empty stream.</summary>
    public static bool RangeHasTombstones(StreamStats s, StreamEntryId start, StreamEntryId? end = null)
    {
        if (s.Length == 0 || s.MaxDeletedId == StreamEntryId.Min)
        {
            return false;
        }
        if (s.FirstId > s.MaxDeletedId)
        {
            return false;
        }
        return start <= s.MaxDeletedId && s.MaxDeletedId <= (end ?? StreamEntryId.Max);
    }

    /// <summary>XINFO GROUPS' lag as Redis 7.0 computes it (streamReplyWithCGLag); null where it cannot.</summary>
    public long? Lag(StreamStats s)
    {
        if (s.EntriesAdded == 0)
        {
            return 0;
        }
        if (EntriesRead != UnknownEntriesRead && !RangeHasTombstones(s, LastDeliveredId))
        {
            return (long)s.EntriesAdded - EntriesRead;
        }
        return EstimateDistanceFromFirstEverEntry(s, LastDeliveredId) is { } read ? (long)s.EntriesAdded - read : null;
    }

    /// <summary>The entries-read counter after delivering <paramref name="id"/> (streamReplyWithRange with a group).</summary>
    private long EntriesReadAfter(StreamStats s, StreamEntryId id, long current)
    {
        if (current != UnknownEntriesRead && !RangeHasTombstones(s, id))
        {
            return current + 1;
        }
        if (s.EntriesAdded != 0)
        {
            return EstimateDistanceFromFirstEverEntry(s, id) ?? UnknownEntriesRead;
        }
        return current;
    }
}
