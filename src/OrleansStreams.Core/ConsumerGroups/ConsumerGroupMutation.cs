using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// One change to a consumer group, as journaled: every state change of <see cref="ConsumerGroup"/> goes
/// through one of these, so replaying them in order on a snapshot rebuilds the same group.
/// </summary>
public abstract record ConsumerGroupMutation
{
    /// <summary>The group's last-delivered-id and entries-read (-1: unknown).</summary>
    public sealed record Cursor(StreamEntryId LastId, long EntriesRead) : ConsumerGroupMutation;

    public sealed record ConsumerCreated(string Name, long NowMs) : ConsumerGroupMutation;

    public sealed record ConsumerDeleted(string Name) : ConsumerGroupMutation;

    public sealed record ConsumerSeen(string Name, long NowMs, bool Active) : ConsumerGroupMutation;

    /// <summary>The PEL record of <see cref="Id"/> now belongs to <see cref="Consumer"/> with this time and count (created if absent).</summary>
    public sealed record Delivered(StreamEntryId Id, string Consumer, long TimeMs, long Count) : ConsumerGroupMutation;

    public sealed record Acked(StreamEntryId Id) : ConsumerGroupMutation;

    public sealed record DeadLetterPolicySet(long MaxDeliveries, string? Stream) : ConsumerGroupMutation;

    public sealed record DeadLettered(long Count) : ConsumerGroupMutation;
}
