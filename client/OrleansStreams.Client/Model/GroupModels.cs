using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>The options of a group read (XREADGROUP).</summary>
public sealed record ReadGroupOptions
{
    /// <summary>At most this many entries; null: no limit.</summary>
    public int? Count { get; init; }

    /// <summary>Wait this long for new entries when there are none (BLOCK); null: do not wait; <see cref="Timeout.InfiniteTimeSpan"/>: wait until cancelled.</summary>
    public TimeSpan? Block { get; init; }

    /// <summary>Do not add the entries to the pending list (NOACK).</summary>
    public bool NoAck { get; init; }

    /// <summary>Read this consumer's own pending entries after this ID instead of new entries (history; <c>0</c> for all).</summary>
    public StreamEntryId? PendingAfter { get; init; }
}

/// <summary>A group's pending summary (XPENDING key group).</summary>
public sealed record PendingSummary(long Count, StreamEntryId? MinId, StreamEntryId? MaxId, IReadOnlyDictionary<string, long> PerConsumer);

/// <summary>Which pending entries to list (XPENDING's extended form).</summary>
public sealed record PendingQuery
{
    public StreamEntryId Start { get; init; } = StreamEntryId.Min;
    public StreamEntryId End { get; init; } = StreamEntryId.Max;
    public int Count { get; init; } = 100;

    /// <summary>Only entries idle at least this long (IDLE).</summary>
    public TimeSpan? MinIdle { get; init; }

    /// <summary>Only this consumer's entries.</summary>
    public string? Consumer { get; init; }
}

/// <summary>One pending entry: who holds it, for how long and how often it was delivered.</summary>
public sealed record PendingMessage(StreamEntryId Id, string Consumer, TimeSpan Idle, long DeliveryCount);

/// <summary>The options of a claim (XCLAIM).</summary>
public sealed record ClaimOptions
{
    /// <summary>Set the entries' idle time (IDLE).</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary>Set the delivery count (RETRYCOUNT).</summary>
    public long? RetryCount { get; init; }

    /// <summary>Create pending records for entries no consumer holds (FORCE).</summary>
    public bool Force { get; init; }
}

/// <summary>What an auto-claim (XAUTOCLAIM) did: where to continue (0-0: the scan is complete), the claimed entries, and the IDs dropped because the stream no longer has them.</summary>
public sealed record AutoClaimResult(StreamEntryId Next, IReadOnlyList<StreamMessage> Messages, IReadOnlyList<StreamEntryId> DeletedIds);
