using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    /// <summary>XPENDING key group: the summary form.</summary>
    public PendingSummary Summary()
    {
        if (_pel.Count == 0)
        {
            return new PendingSummary(0, null, null, []);
        }
        var perConsumer = _consumers.Values.Where(c => c.Pending.Count > 0).Select(c => (c.Name, (long)c.Pending.Count)).ToList();
        return new PendingSummary(_pel.Count, _pelOrder.Min, _pelOrder.Max, perConsumer);
    }

    /// <summary>
    /// XPENDING key group [IDLE min] start end count [consumer]: PEL records in ID order within [start, end], idle at
    /// least <paramref name="minIdleMs"/>, at most <paramref name="count"/>; only <paramref name="consumer"/>'s when given.
    /// </summary>
    public List<PendingEntry> PendingRange(StreamEntryId start, StreamEntryId end, long count, string? consumer, long minIdleMs, long nowMs)
    {
        var result = new List<PendingEntry>();
        if (count <= 0 || start > end)
        {
            return result;
        }
        SortedSet<StreamEntryId> ids;
        if (consumer is null)
        {
            ids = _pelOrder;
        }
        else if (!_consumers.TryGetValue(consumer, out var c))
        {
            return result;
        }
        else
        {
            ids = c.Pending;
        }
        foreach (var id in ids.GetViewBetween(start, end))
        {
            var p = _pel[id];
            if (minIdleMs > 0 && Idle(p, nowMs) < minIdleMs)
            {
                continue;
            }
            result.Add(p);
            if (result.Count >= count)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>Group health (beyond Redis): the idle time of the longest-waiting pending entry, 0 when nothing is pending.</summary>
    public long OldestPendingIdleMs(long nowMs) => _pel.Count == 0 ? 0 : Math.Max(0, nowMs - _pel.Values.Min(p => p.DeliveryTimeMs));

    /// <summary>How long ago the entry was last delivered, never negative (as XPENDING reports it).</summary>
    public static long Idle(PendingEntry p, long nowMs) => Math.Max(0, nowMs - p.DeliveryTimeMs);
}
