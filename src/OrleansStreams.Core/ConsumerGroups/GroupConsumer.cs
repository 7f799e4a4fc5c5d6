using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>A consumer of a group: when it was last seen, last active, and the IDs pending for it.</summary>
public sealed class GroupConsumer(string name, long seenTimeMs, long activeTimeMs)
{
    public string Name { get; } = name;

    /// <summary>Last time the consumer made any attempt (XREADGROUP, XCLAIM, XAUTOCLAIM): XINFO CONSUMERS' idle.</summary>
    public long SeenTimeMs { get; internal set; } = seenTimeMs;

    /// <summary>Last time the consumer got entries (Redis 7.2's active-time; 7.0 does not report it).</summary>
    public long ActiveTimeMs { get; internal set; } = activeTimeMs;

    internal SortedSet<StreamEntryId> Pending { get; } = [];

    public int PendingCount => Pending.Count;

    public IEnumerable<StreamEntryId> PendingIds => Pending;
}
