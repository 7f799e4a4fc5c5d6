using OrleansStreams.Streams;

namespace OrleansStreams.Rdb;

/// <summary>
/// A value as a DUMP payload carries it, independent of how this server stores it: what
/// <see cref="DumpPayload.Create"/> serializes and <see cref="DumpPayload.Read"/> returns.
/// </summary>
public abstract record RdbValue;

/// <summary>A string (RDB type 0).</summary>
public sealed record RdbString(byte[] Value) : RdbValue;

/// <summary>A list, head first; written as Redis 7.0's quicklist of listpacks (type 18).</summary>
public sealed record RdbList(IReadOnlyList<byte[]> Items) : RdbValue;

/// <summary>A set; written as an intset (type 11) when <see cref="IntSet"/>, else as a plain set (type 2).</summary>
public sealed record RdbSet(IReadOnlyList<byte[]> Members, bool IntSet) : RdbValue;

/// <summary>A hash in field order; written as a listpack (type 16) when <see cref="Compact"/>, else as a plain hash (type 4).</summary>
public sealed record RdbHash(IReadOnlyList<KeyValuePair<byte[], byte[]>> Entries, bool Compact) : RdbValue;

/// <summary>
/// A stream as Redis 7.0 serializes it (RDB_TYPE_STREAM_LISTPACKS_2): its nodes (radix-tree listpacks) with every
/// slot, deleted ones included, the counters, and the consumer groups.
/// </summary>
public sealed record RdbStream(
    IReadOnlyList<RdbStreamNode> Nodes,
    ulong Length,
    StreamEntryId LastId,
    StreamEntryId FirstId,
    StreamEntryId MaxDeletedId,
    ulong EntriesAdded,
    IReadOnlyList<RdbStreamGroup> Groups) : RdbValue;

/// <summary>
/// One node: the master entry's ID (the radix-tree key) and fields, and the slots in ID order. The master ID is the
/// first slot's: Redis never removes a slot from a node, it flags it deleted.
/// </summary>
public sealed record RdbStreamNode(StreamEntryId MasterId, byte[][] MasterFields, IReadOnlyList<RdbStreamSlot> Slots);

/// <summary>One slot of a node: the entry, or what is left of a deleted one; <see cref="Fields"/> alternate field and value.</summary>
public sealed record RdbStreamSlot(StreamEntryId Id, bool Deleted, byte[][] Fields);

/// <summary>A consumer group: cursor, entries-read (-1: unknown), the pending entries and the consumers that own them.</summary>
public sealed record RdbStreamGroup(
    byte[] Name,
    StreamEntryId LastDeliveredId,
    long EntriesRead,
    IReadOnlyList<RdbPendingEntry> Pending,
    IReadOnlyList<RdbConsumer> Consumers);

/// <summary>A pending entry of a group (streamNACK), without its owner, which the consumers name.</summary>
public sealed record RdbPendingEntry(StreamEntryId Id, long DeliveryTimeMs, ulong DeliveryCount);

/// <summary>A consumer: name, seen-time, and the IDs of the group's pending entries it owns.</summary>
public sealed record RdbConsumer(byte[] Name, long SeenTimeMs, IReadOnlyList<StreamEntryId> Pending);
