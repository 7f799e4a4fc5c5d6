using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>One record of a group's pending entries list (Redis' streamNACK).</summary>
public sealed record PendingEntry(StreamEntryId Id, string Consumer, long DeliveryTimeMs, long DeliveryCount);

/// <summary>An entry read from a consumer's history: <see cref="Entry"/> is null when the entry was deleted from the stream.</summary>
public sealed record HistoryEntry(StreamEntryId Id, StreamEntry? Entry);

/// <summary>The summary form of XPENDING: total, smallest and greatest pending ID, and the count per consumer.</summary>
public sealed record PendingSummary(long Count, StreamEntryId? MinId, StreamEntryId? MaxId, IReadOnlyList<(string Consumer, long Count)> Consumers);

/// <summary>The outcome of XAUTOCLAIM: the cursor for the next call, the claimed IDs, and the IDs dropped because the stream no longer has them.</summary>
public sealed record AutoClaimResult(StreamEntryId Next, IReadOnlyList<StreamEntryId> Claimed, IReadOnlyList<StreamEntryId> Deleted);
