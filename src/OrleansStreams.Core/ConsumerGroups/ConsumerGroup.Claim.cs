using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    /// <summary>
    /// XCLAIM, as Redis 7.0: IDs the stream no longer has (<paramref name="exists"/> false) are dropped from the PEL;
    /// FORCE creates PEL records for existing IDs; records idle less than the minimum are skipped. Returns the claimed IDs.
    /// </summary>
    public List<StreamEntryId> Claim(string consumer, IReadOnlyList<StreamEntryId> ids, ClaimOptions options, Func<StreamEntryId, bool> exists, long nowMs)
    {
        if (options.LastId is { } lastId && lastId > LastDeliveredId)
        {
            Record(new ConsumerGroupMutation.Cursor(lastId, EntriesRead));
        }
        long deliveryTime = options.TimeMs ?? (options.IdleMs is { } idle ? nowMs - idle : nowMs);
        if (deliveryTime < 0 || deliveryTime > nowMs)
        {
            deliveryTime = nowMs;
        }
        var minIdle = Math.Max(0, options.MinIdleMs);
        var claimed = new List<StreamEntryId>();
        var consumerReady = false;
        foreach (var id in ids)
        {
            var pending = _pel.GetValueOrDefault(id);
            if (!exists(id))
            {
                if (pending is not null)
                {
                    Record(new ConsumerGroupMutation.Acked(id));
                }
                continue;
            }
            if (pending is null && !options.Force)
            {
                continue;
            }
            if (pending is not null && minIdle > 0 && nowMs - pending.DeliveryTimeMs < minIdle)
            {
                continue;
            }
            if (!consumerReady)
            {
                Touch(consumer, nowMs, active: true);
                consumerReady = true;
            }
            // A record FORCE creates starts as Redis' streamCreateNACK: delivered once.
            var deliveries = pending?.DeliveryCount ?? 1;
            var count = options.RetryCount >= 0 ? options.RetryCount : options.JustId ? deliveries : deliveries + 1;
            Record(new ConsumerGroupMutation.Delivered(id, consumer, deliveryTime, count));
            claimed.Add(id);
        }
        return claimed;
    }

    /// <summary>The PEL IDs an XAUTOCLAIM from <paramref name="start"/> with <paramref name="count"/> may examine: the ones the caller must check for existence.</summary>
    public List<StreamEntryId> AutoClaimCandidates(StreamEntryId start, long count) =>
        _pelOrder.GetViewBetween(start, StreamEntryId.Max).Take((int)Math.Min(count * 10, int.MaxValue)).ToList();

    /// <summary>
    /// XAUTOCLAIM, as Redis 7.0: scans the PEL from <paramref name="start"/> (at most count×10 records), claims records idle at
    /// least <paramref name="minIdleMs"/> up to <paramref name="count"/>, drops deleted ones (they count against COUNT),
    /// and returns the next cursor (0-0 at the end).
    /// </summary>
    public AutoClaimResult AutoClaim(string consumer, long minIdleMs, StreamEntryId start, long count, bool justId, Func<StreamEntryId, bool> exists, long nowMs)
    {
        // The consumer is created (and seen) only once it claims something, as in Redis 7.0.
        var minIdle = Math.Max(0, minIdleMs);
        var claimed = new List<StreamEntryId>();
        var deleted = new List<StreamEntryId>();
        var candidates = AutoClaimCandidates(start, count);
        var left = count;
        var examined = 0;
        foreach (var id in candidates)
        {
            if (left == 0)
            {
                break;
            }
            examined++;
            var p = _pel[id];
            if (minIdle > 0 && nowMs - p.DeliveryTimeMs < minIdle)
            {
                continue;
            }
            if (!exists(id))
            {
                Record(new ConsumerGroupMutation.Acked(id));
                deleted.Add(id);
                left--;
                continue;
            }
            if (claimed.Count == 0)
            {
                Touch(consumer, nowMs, active: true);
            }
            Record(new ConsumerGroupMutation.Delivered(id, consumer, nowMs, justId ? p.DeliveryCount : p.DeliveryCount + 1));
            claimed.Add(id);
            left--;
        }
        var last = examined > 0 ? candidates[examined - 1] : (StreamEntryId?)null;
        var rest = last is { } l ? (l.Next() is { } n ? _pelOrder.GetViewBetween(n, StreamEntryId.Max) : null) : _pelOrder.GetViewBetween(start, StreamEntryId.Max);
        var next = rest is { Count: > 0 } ? rest.Min : StreamEntryId.Min;
        return new AutoClaimResult(next, claimed, deleted);
    }
}
