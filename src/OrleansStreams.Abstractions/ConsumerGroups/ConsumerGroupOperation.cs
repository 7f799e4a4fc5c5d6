using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// One typed operation on a consumer group (the group grain knows its stream and name). Consumer
/// names are byte strings, binary-safe as in Redis. Reads (XREADGROUP) have their own method,
/// <see cref="Grains.IConsumerGroupGrain.Read"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation")]
public abstract record ConsumerGroupOperation
{
    /// <summary>Creates the group at <see cref="Start"/> (XGROUP CREATE), creating the stream when <see cref="MakeStream"/>. Result: Done, or GroupExists / NoSuchKey / WrongType.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.Create")]
    public sealed record Create([property: Id(0)] GroupStart Start, [property: Id(1)] bool MakeStream, [property: Id(2)] long EntriesRead = -1) : ConsumerGroupOperation;

    /// <summary>Moves the group's cursor (XGROUP SETID). Result: Done.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.SetId")]
    public sealed record SetId([property: Id(0)] GroupStart Start, [property: Id(1)] long EntriesRead = -1) : ConsumerGroupOperation;

    /// <summary>Destroys the group (XGROUP DESTROY). Result: Counted, 1 when it existed.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.Destroy")]
    public sealed record Destroy : ConsumerGroupOperation;

    /// <summary>Creates a consumer (XGROUP CREATECONSUMER). Result: Counted, 1 when it is new.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.CreateConsumer")]
    public sealed record CreateConsumer([property: Id(0)] byte[] Consumer) : ConsumerGroupOperation;

    /// <summary>Deletes a consumer (XGROUP DELCONSUMER). Result: Counted, the pending entries it had.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.DeleteConsumer")]
    public sealed record DeleteConsumer([property: Id(0)] byte[] Consumer) : ConsumerGroupOperation;

    /// <summary>Acknowledges entries (XACK). Result: Counted, how many were pending.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.Acknowledge")]
    public sealed record Acknowledge([property: Id(0)] StreamEntryId[] Ids) : ConsumerGroupOperation;

    /// <summary>The pending summary (XPENDING key group). Result: <see cref="ConsumerGroupResult.Summary"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.PendingSummary")]
    public sealed record PendingSummary : ConsumerGroupOperation;

    /// <summary>Pending entries in a range (XPENDING's extended form); <see cref="Consumer"/> null: all consumers. Result: <see cref="ConsumerGroupResult.Pending"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.PendingRange")]
    public sealed record PendingRange(
        [property: Id(0)] long MinIdleMs,
        [property: Id(1)] StreamEntryId Start,
        [property: Id(2)] StreamEntryId End,
        [property: Id(3)] long Count,
        [property: Id(4)] byte[]? Consumer) : ConsumerGroupOperation;

    /// <summary>Claims entries for a consumer (XCLAIM). Result: <see cref="ConsumerGroupResult.Claimed"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.Claim")]
    public sealed record Claim([property: Id(0)] byte[] Consumer, [property: Id(1)] StreamEntryId[] Ids, [property: Id(2)] ClaimOptions Options) : ConsumerGroupOperation;

    /// <summary>Claims entries idle longer than <see cref="MinIdleMs"/> from <see cref="Start"/> on (XAUTOCLAIM). Result: <see cref="ConsumerGroupResult.AutoClaimed"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.AutoClaim")]
    public sealed record AutoClaim(
        [property: Id(0)] byte[] Consumer,
        [property: Id(1)] long MinIdleMs,
        [property: Id(2)] StreamEntryId Start,
        [property: Id(3)] long Count,
        [property: Id(4)] bool JustId) : ConsumerGroupOperation;

    /// <summary>Sets the dead-letter policy: after <see cref="MaxDeliveries"/> deliveries an entry moves to <see cref="Stream"/> (0 removes the policy). Result: Done.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.SetDeadLetter")]
    public sealed record SetDeadLetter([property: Id(0)] long MaxDeliveries, [property: Id(1)] byte[]? Stream) : ConsumerGroupOperation;

    /// <summary>The group's consumers (XINFO CONSUMERS). Result: <see cref="ConsumerGroupResult.ConsumerList"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.ListConsumers")]
    public sealed record ListConsumers : ConsumerGroupOperation;

    /// <summary>Only checks that the stream and the group exist. Result: Done, or NoSuchKey / NoSuchGroup / WrongType.</summary>
    [GenerateSerializer, Immutable, Alias("os.ConsumerGroupOperation.Check")]
    public sealed record Check : ConsumerGroupOperation;
}

/// <summary>Where a group starts or is moved to: <see cref="Id"/>, or the stream's last ID when <see cref="FromEnd"/> (<c>$</c>).</summary>
[GenerateSerializer, Immutable, Alias("os.GroupStart")]
public readonly record struct GroupStart([property: Id(0)] StreamEntryId Id, [property: Id(1)] bool FromEnd)
{
    public static readonly GroupStart Beginning = new(StreamEntryId.Min, false);
    public static readonly GroupStart End = new(StreamEntryId.Min, true);

    public static GroupStart After(StreamEntryId id) => new(id, false);
}
