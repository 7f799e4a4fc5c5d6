using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    /// <summary>
    /// XREADGROUP with <c>&gt;</c>: delivers the <paramref name="candidates"/> (the stream's entries after
    /// <see cref="LastDeliveredId"/>, in order) up to <paramref name="count"/> (0: all), advancing the cursor and
    /// entries-read, and adding PEL records unless <paramref name="noAck"/>. The consumer is created if missing.
    /// </summary>
    public List<StreamEntry> ReadNew(string consumer, IReadOnlyList<StreamEntry> candidates, long count, bool noAck, StreamStats stream, long nowMs)
    {
        var delivered = new List<StreamEntry>();
        foreach (var entry in candidates)
        {
            if (count > 0 && delivered.Count >= count)
            {
                break;
            }
            if (entry.Id > LastDeliveredId)
            {
                delivered.Add(entry);
            }
        }
        // Redis 7.0 looks the consumer up (creating it, refreshing its seen time) only when it serves entries.
        if (delivered.Count > 0)
        {
            Touch(consumer, nowMs, active: true);
        }
        foreach (var entry in delivered)
        {
            Record(new ConsumerGroupMutation.Cursor(entry.Id, EntriesReadAfter(stream, entry.Id, EntriesRead)));
            if (!noAck)
            {
                Record(new ConsumerGroupMutation.Delivered(entry.Id, consumer, nowMs, 1));
            }
        }
        return delivered;
    }

    /// <summary>The IDs pending for <paramref name="consumer"/> from <paramref name="start"/> on (0: no limit): what a history read needs fetched.</summary>
    public List<StreamEntryId> PendingIdsOf(string consumer, StreamEntryId start, long count)
    {
        if (!_consumers.TryGetValue(consumer, out var c))
        {
            return [];
        }
        var view = c.Pending.GetViewBetween(start, StreamEntryId.Max);
        return (count > 0 ? view.Take((int)Math.Min(count, int.MaxValue)) : view).ToList();
    }

    /// <summary>
    /// XREADGROUP with an explicit ID: the consumer's own pending entries from <paramref name="start"/>, their bodies
    /// from <paramref name="lookup"/> (null: deleted, returned as a nil body and not counted as a delivery).
    /// </summary>
    public List<HistoryEntry> ReadHistory(string consumer, StreamEntryId start, long count, Func<StreamEntryId, StreamEntry?> lookup, long nowMs)
    {
        Touch(consumer, nowMs, active: false);
        var result = new List<HistoryEntry>();
        foreach (var id in PendingIdsOf(consumer, start, count))
        {
            var entry = lookup(id);
            if (entry is not null)
            {
                Record(new ConsumerGroupMutation.Delivered(id, consumer, nowMs, _pel[id].DeliveryCount + 1));
            }
            result.Add(new HistoryEntry(id, entry));
        }
        return result;
    }
}
