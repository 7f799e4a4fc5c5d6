using OrleansStreams.ConsumerGroups;
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
    /// <summary>
    /// Runs a batch of operations (create, set ID, destroy, consumers, acknowledge, pending, claim,
    /// auto-claim, dead-letter policy) in order, checking the stream once; durable when it returns.
    /// </summary>
    [Alias("Execute")]
    Task<ConsumerGroupResult[]> Execute(Immutable<ConsumerGroupOperation[]> operations);

    /// <summary>
    /// Reads for <paramref name="consumer"/> (XREADGROUP): new entries (<c>&gt;</c>) when <paramref name="isNew"/>,
    /// else the consumer's pending history after <paramref name="id"/>; <paramref name="count"/> 0: no limit;
    /// with <paramref name="noAck"/> new entries are not added to the pending list.
    /// </summary>
    [Alias("Read")]
    Task<GroupReadResult> Read(byte[] consumer, bool isNew, StreamEntryId id, long count, bool noAck);

    /// <summary>
    /// Reads of new entries (<c>&gt;</c>), one after another in this order, as consecutive XREADGROUPs
    /// would (a pipeline of them): each takes its entries after those the reads before it took. One
    /// pull from the stream and one durable write for all of them.
    /// </summary>
    [Alias("ReadNew")]
    Task<GroupReadResult[]> ReadNew(Immutable<GroupNewRead[]> reads);

    /// <summary>This group's XINFO GROUPS entry, or null when the group does not exist.</summary>
    [Alias("Info")]
    Task<ConsumerGroupInfo?> Info();

    /// <summary>Health for alerting (INFO consumergroups); null when the group does not exist.</summary>
    [Alias("Health")]
    Task<GroupHealth?> Health();

    /// <summary>The group's whole state, for RENAME of its stream; null when there is none.</summary>
    [Alias("ExportState")]
    Task<byte[]?> ExportState();

    /// <summary>Replaces the group's state with an exported one (RENAME of its stream).</summary>
    [Alias("ImportState")]
    Task ImportState(byte[] state);

    /// <summary>This group's entry in XINFO STREAM FULL (pending lists capped at <paramref name="count"/>; 0: all), or null when it does not exist.</summary>
    [Alias("FullInfo")]
    Task<ConsumerGroupFullInfo?> FullInfo(long count);
}
