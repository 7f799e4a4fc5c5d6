using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Grains;

/// <summary>
/// One consumer group of one stream partition (key: <see cref="GrainKeys.Group"/>): cursor,
/// entries-read, pending entries, consumers and the dead-letter policy. It pulls entries from its
/// stream; the stream never calls it.
/// </summary>
[Alias("os.IConsumerGroupGrain")]
public interface IConsumerGroupGrain : IGrainWithStringKey
{
    /// <summary>XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM and XINFO CONSUMERS for this group; durable when it returns.</summary>
    [Alias("Execute")]
    Task<Reply> Execute(Immutable<byte[][]> args);

    /// <summary>Runs consecutive XACK / XPENDING / XCLAIM / XAUTOCLAIM commands for this group in one call, checking the stream once.</summary>
    [Alias("ExecuteBatch")]
    Task<Reply[]> ExecuteBatch(Immutable<byte[][][]> commands);

    /// <summary>XREADGROUP for this group's stream: <c>&gt;</c> when <paramref name="isNew"/>, else the consumer's history from <paramref name="id"/>.</summary>
    [Alias("Read")]
    Task<GroupReadResult> Read(string consumer, bool isNew, StreamEntryId id, long count, bool noAck);

    /// <summary>This group's XINFO GROUPS entry, or null when the group does not exist.</summary>
    [Alias("Info")]
    Task<Reply?> Info();

    /// <summary>Health for INFO: pending entries, oldest pending idle time (ms), consumers, dead-lettered; null when the group does not exist.</summary>
    [Alias("Health")]
    Task<long[]?> Health();

    /// <summary>The group's whole state, for RENAME of its stream; null when there is none.</summary>
    [Alias("ExportState")]
    Task<byte[]?> ExportState();

    /// <summary>Replaces the group's state with an exported one (RENAME of its stream).</summary>
    [Alias("ImportState")]
    Task ImportState(byte[] state);

    /// <summary>This group's entry in XINFO STREAM FULL (pending lists capped at <paramref name="count"/>), or null when it does not exist.</summary>
    [Alias("FullInfo")]
    Task<Reply?> FullInfo(long count);
}

/// <summary>One stream's part of an XREADGROUP reply: the entries reply, nothing new (null), or an error.</summary>
[GenerateSerializer, Immutable, Alias("os.GroupReadResult")]
public sealed record GroupReadResult([property: Id(0)] Reply? Entries, [property: Id(1)] string? Error);
