using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>A stream's metadata (XINFO STREAM).</summary>
public sealed record StreamDescription(
    long Length,
    StreamEntryId LastGeneratedId,
    StreamEntryId MaxDeletedEntryId,
    ulong EntriesAdded,
    StreamEntryId RecordedFirstEntryId,
    int Groups,
    StreamMessage? FirstEntry,
    StreamMessage? LastEntry);

/// <summary>A consumer group (XINFO GROUPS); <see cref="EntriesRead"/> and <see cref="Lag"/> are null when unknown.</summary>
public sealed record GroupDescription(
    string Name,
    long Consumers,
    long Pending,
    StreamEntryId LastDeliveredId,
    long? EntriesRead,
    long? Lag,
    DeadLetterDescription? DeadLetter);

/// <summary>A group's dead-letter policy and how many entries it moved.</summary>
public sealed record DeadLetterDescription(long MaxDeliveries, string Stream, long DeadLettered);

/// <summary>A consumer of a group (XINFO CONSUMERS).</summary>
public sealed record ConsumerDescription(string Name, long Pending, TimeSpan Idle);

/// <summary>The limits a health report checks; null leaves a check out.</summary>
public sealed record HealthThresholds
{
    public long? MaxLength { get; init; }
    public long? MaxPending { get; init; }
    public long? MaxLag { get; init; }
    public TimeSpan? MaxPendingIdle { get; init; }
}

/// <summary>A stream's health: its length, each group's pending entries, lag and consumers, and the problems found against the thresholds.</summary>
public sealed record StreamHealthReport(string Stream, bool Exists, long Length, IReadOnlyList<GroupHealthReport> Groups, IReadOnlyList<string> Problems)
{
    public bool Healthy => Problems.Count == 0;
}

/// <summary>One group's health.</summary>
public sealed record GroupHealthReport(string Group, long Consumers, long Pending, long? Lag, TimeSpan OldestPendingIdle, long DeadLettered);
