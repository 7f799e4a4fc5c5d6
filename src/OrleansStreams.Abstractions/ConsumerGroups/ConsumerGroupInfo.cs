using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// A group as XINFO GROUPS reports it. <see cref="EntriesRead"/> and <see cref="Lag"/> are null when
/// unknown. <see cref="DeadLetter"/> is set for groups with a dead-letter policy (this server's own).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerGroupInfo")]
public sealed record ConsumerGroupInfo(
    [property: Id(0)] byte[] Name,
    [property: Id(1)] long Consumers,
    [property: Id(2)] long Pending,
    [property: Id(3)] StreamEntryId LastDeliveredId,
    [property: Id(4)] long? EntriesRead,
    [property: Id(5)] long? Lag,
    [property: Id(6)] DeadLetterInfo? DeadLetter);

/// <summary>A group's dead-letter policy and what it did: entries delivered more than <see cref="MaxDeliveries"/> times move to <see cref="Stream"/>.</summary>
[GenerateSerializer, Immutable, Alias("os.DeadLetterInfo")]
public sealed record DeadLetterInfo(
    [property: Id(0)] long MaxDeliveries,
    [property: Id(1)] byte[] Stream,
    [property: Id(2)] long DeadLettered,
    [property: Id(3)] long OldestPendingIdleMs);

/// <summary>A group as XINFO STREAM FULL reports it: its pending entries and its consumers with theirs (lists capped by the caller's COUNT).</summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerGroupFullInfo")]
public sealed record ConsumerGroupFullInfo(
    [property: Id(0)] byte[] Name,
    [property: Id(1)] StreamEntryId LastDeliveredId,
    [property: Id(2)] long? EntriesRead,
    [property: Id(3)] long? Lag,
    [property: Id(4)] long PelCount,
    [property: Id(5)] PendingRecord[] Pending,
    [property: Id(6)] ConsumerFullInfo[] Consumers);

/// <summary>A pending entry with its owner, delivery time (ms since the epoch) and delivery count.</summary>
[GenerateSerializer, Immutable, Alias("os.PendingRecord")]
public sealed record PendingRecord(
    [property: Id(0)] StreamEntryId Id,
    [property: Id(1)] byte[] Consumer,
    [property: Id(2)] long DeliveryTimeMs,
    [property: Id(3)] long DeliveryCount);

/// <summary>A consumer in XINFO STREAM FULL: last seen (ms since the epoch), its pending count and entries.</summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerFullInfo")]
public sealed record ConsumerFullInfo(
    [property: Id(0)] byte[] Name,
    [property: Id(1)] long SeenTimeMs,
    [property: Id(2)] long PelCount,
    [property: Id(3)] PendingRecord[] Pending);

/// <summary>A group's health for alerting: pending entries, the oldest pending entry's idle time (ms), consumers and dead-lettered entries.</summary>
[GenerateSerializer, Immutable, Alias("os.GroupHealth")]
public sealed record GroupHealth(
    [property: Id(0)] long Pending,
    [property: Id(1)] long OldestPendingIdleMs,
    [property: Id(2)] long Consumers,
    [property: Id(3)] long DeadLettered);
