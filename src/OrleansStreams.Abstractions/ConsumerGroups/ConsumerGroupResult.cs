using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>The result of one <see cref="ConsumerGroupOperation"/>.</summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult")]
public abstract record ConsumerGroupResult
{
    public static readonly ConsumerGroupResult Ok = new Done();

    /// <summary>The operation failed; nothing changed.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Failed")]
    public sealed record Failed([property: Id(0)] StreamError Error) : ConsumerGroupResult;

    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Done")]
    public sealed record Done : ConsumerGroupResult;

    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Counted")]
    public sealed record Counted([property: Id(0)] long Value) : ConsumerGroupResult;

    /// <summary>XPENDING's summary: total, smallest and greatest pending ID (null when nothing is pending), and the count per consumer.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Summary")]
    public sealed record Summary(
        [property: Id(0)] long Count,
        [property: Id(1)] StreamEntryId? MinId,
        [property: Id(2)] StreamEntryId? MaxId,
        [property: Id(3)] ConsumerPendingCount[] Consumers) : ConsumerGroupResult;

    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Pending")]
    public sealed record Pending([property: Id(0)] PendingEntryInfo[] Entries) : ConsumerGroupResult;

    /// <summary>The claimed entries; <see cref="GroupEntry.Fields"/> is null with JUSTID or when the stream no longer has the entry.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.Claimed")]
    public sealed record Claimed([property: Id(0)] GroupEntry[] Entries) : ConsumerGroupResult;

    /// <summary>XAUTOCLAIM: the cursor for the next call, the claimed entries, and the IDs dropped because the stream no longer has them.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.AutoClaimed")]
    public sealed record AutoClaimed(
        [property: Id(0)] StreamEntryId Next,
        [property: Id(1)] GroupEntry[] Entries,
        [property: Id(2)] StreamEntryId[] Deleted) : ConsumerGroupResult;

    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupResult.ConsumerList")]
    public sealed record ConsumerList([property: Id(0)] ConsumerInfo[] Items) : ConsumerGroupResult;

    /// <summary>The error code, <see cref="StreamError.None"/> unless this is <see cref="Failed"/>.</summary>
    public StreamError ErrorCode => this is Failed f ? f.Error : StreamError.None;
}

/// <summary>
/// An entry delivered or claimed through a group. <see cref="Fields"/> is null when the entry is no
/// longer in the stream (a deleted entry in a consumer's history reads as [id, nil]) or only IDs were asked for.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.GroupEntry")]
public sealed record GroupEntry([property: Id(0)] StreamEntryId Id, [property: Id(1)] byte[][]? Fields);

/// <summary>One consumer's share of the pending entries.</summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerPendingCount")]
public sealed record ConsumerPendingCount([property: Id(0)] byte[] Consumer, [property: Id(1)] long Count);

/// <summary>One pending entry: who holds it, for how long (ms) and how often it was delivered.</summary>
[GenerateSerializer, Immutable, Alias("os.PendingEntryInfo")]
public sealed record PendingEntryInfo(
    [property: Id(0)] StreamEntryId Id,
    [property: Id(1)] byte[] Consumer,
    [property: Id(2)] long IdleMs,
    [property: Id(3)] long DeliveryCount);

/// <summary>One consumer, as XINFO CONSUMERS reports it.</summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerInfo")]
public sealed record ConsumerInfo([property: Id(0)] byte[] Name, [property: Id(1)] long Pending, [property: Id(2)] long IdleMs);

/// <summary>
/// The result of <see cref="Grains.IConsumerGroupGrain.Read"/> (XREADGROUP on one stream): the entries,
/// or null when reading new entries found none; or the error.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.GroupReadResult")]
public sealed record GroupReadResult([property: Id(0)] GroupEntry[]? Entries, [property: Id(1)] StreamError Error = StreamError.None);

/// <summary>One XREADGROUP of new entries (<c>&gt;</c>): the consumer, COUNT (0: no limit) and NOACK.</summary>
[GenerateSerializer, Immutable, Alias("os.GroupNewRead")]
public sealed record GroupNewRead([property: Id(0)] byte[] Consumer, [property: Id(1)] long Count, [property: Id(2)] bool NoAck);
