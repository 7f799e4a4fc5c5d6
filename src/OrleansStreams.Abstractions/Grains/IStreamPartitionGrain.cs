using OrleansStreams.Streams;

namespace OrleansStreams.Grains;

/// <summary>
/// One ordered log: a stream partition, keyed by <see cref="GrainKeys.Stream"/>. Owns the entries,
/// ID generation, trimming and the wake-ups of blocked readers.
/// </summary>
[Alias("os.IStreamPartitionGrain")]
public interface IStreamPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs a batch of operations (append, range, length, delete, trim, set ID, info) in order and
    /// returns one result each; writes are durable when the call returns.
    /// </summary>
    [Alias("Execute")]
    Task<StreamResult[]> Execute(Immutable<StreamOperation[]> operations);

    /// <summary>The read half of XREAD for this stream.</summary>
    [Alias("Read")]
    Task<StreamReadResult> Read(StreamReadRequest request);

    /// <summary>Asks for a one-way <see cref="IStreamWatcher.OnAppended"/> after the next append.</summary>
    [Alias("Watch")]
    Task Watch(IStreamWatcher watcher);

    /// <summary>
    /// Holds this stream's wake-ups while a transaction (MULTI/EXEC) that spans several grain calls runs, so
    /// blocked readers are served once, with the state at the end of the transaction, as Redis serves them
    /// after EXEC. A hold not released lapses after a few seconds.
    /// </summary>
    [Alias("HoldWakeups"), AlwaysInterleave]
    Task HoldWakeups(Guid hold);

    /// <summary>Ends a hold; wake-ups held back are sent now.</summary>
    [Alias("ReleaseWakeups"), AlwaysInterleave]
    Task ReleaseWakeups(Guid hold);

    /// <summary>
    /// The key's expiry (Unix ms; null: none), told by the database whenever it changes, so that the
    /// stream answers as missing from that moment on, as Redis' lazy expiry does, without asking the
    /// database on every command.
    /// </summary>
    [Alias("SetExpiry"), AlwaysInterleave]
    Task SetExpiry(long? atMs);

    /// <summary>Removes the stream and its stored data; returns whether it existed.</summary>
    [Alias("Delete")]
    Task<bool> Delete();

    /// <summary>Every entry, the node layout and the stream's metadata, for RENAME and DUMP.</summary>
    [Alias("Export")]
    Task<StreamSnapshot?> Export();

    /// <summary>Replaces the stream with an exported one (RENAME, RESTORE); durable and visible to blocked readers when it returns.</summary>
    [Alias("Import")]
    Task Import(StreamSnapshot snapshot);

    /// <summary>
    /// XGROUP CREATE's part on the stream: registers the group name (creating the stream with
    /// MKSTREAM) and resolves <c>$</c>. Returns the error, or none and the stream's counters.
    /// Group names here and below are byte strings carried as Latin-1 strings (one char per byte).
    /// </summary>
    [Alias("CreateGroup")]
    Task<GroupPull> CreateGroup(string group, bool makeStream);

    /// <summary>XGROUP DESTROY's part on the stream; returns whether the group existed.</summary>
    [Alias("DestroyGroup")]
    Task<bool> DestroyGroup(string group);

    /// <summary>The consumer group names of the stream, and whether it exists (error: WrongType).</summary>
    [Alias("GetGroups")]
    Task<GroupPull> GetGroups();

    /// <summary>A group pulls up to <paramref name="count"/> entries after <paramref name="after"/> (0 or less: all).</summary>
    [Alias("PullAfter")]
    Task<GroupPull> PullAfter(string group, StreamEntryId after, long count);

    /// <summary>A group pulls entries by ID (XCLAIM, XAUTOCLAIM, history reads); deleted ones come back null.</summary>
    [Alias("PullIds")]
    Task<GroupPull> PullIds(string group, StreamEntryId[] ids);

    /// <summary>
    /// Starts a pipeline's reader of this partition from this grain's silo, so that a reader not yet
    /// active is placed next to its partition (readers prefer local placement). Does not wait for it.
    /// </summary>
    [Alias("StartReader"), OneWay]
    Task StartReader(ISourceReaderGrain reader);
}

/// <summary>A stream read: entries after <see cref="After"/>, or after the last ID when <see cref="FromLast"/> (<c>$</c>); <see cref="LastEntry"/> is <c>+</c>.</summary>
[GenerateSerializer, Immutable, Alias("os.StreamReadRequest")]
public sealed record StreamReadRequest(
    [property: Id(0)] StreamEntryId After,
    [property: Id(1)] bool FromLast,
    [property: Id(2)] bool LastEntry,
    [property: Id(3)] long Count);

/// <summary>
/// The answer to <see cref="IStreamPartitionGrain.Read"/>: the entries, the ID to continue after
/// (the resolved <c>$</c>), or <see cref="Error"/> (WrongType).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.StreamReadResult")]
public sealed record StreamReadResult(
    [property: Id(0)] StreamEntry[] Entries,
    [property: Id(1)] StreamEntryId Continuation,
    [property: Id(2)] StreamError Error);

/// <summary>A whole stream, as RENAME moves it and DUMP / RESTORE serialize it.</summary>
[GenerateSerializer, Immutable, Alias("os.StreamSnapshot")]
public sealed record StreamSnapshot(
    [property: Id(0)] StreamEntry[] Entries,
    [property: Id(1)] StreamEntryId LastId,
    [property: Id(2)] ulong EntriesAdded,
    [property: Id(3)] StreamEntryId MaxDeletedId)
{
    /// <summary>The stream's consumer group names (their state moves separately, group grain to group grain).</summary>
    [Id(4)]
    public string[] Groups { get; init; } = [];

    /// <summary>
    /// How many slots each node holds, in order (Redis' radix-tree listpacks: live entries and deleted slots a node
    /// still keeps), so that a stream keeps its node boundaries; empty: the nodes are filled as appends fill them.
    /// </summary>
    [Id(5)]
    public int[] NodeSlots { get; init; } = [];

    /// <summary>The IDs of the deleted slots the nodes still keep, ascending (with <see cref="NodeSlots"/>).</summary>
    [Id(6)]
    public StreamEntryId[] DeletedSlots { get; init; } = [];
}

/// <summary>Receives wake-ups from stream partitions; one per silo gateway.</summary>
[Alias("os.IStreamWatcher")]
public interface IStreamWatcher : IGrainObserver
{
    [OneWay, Alias("OnAppended")]
    void OnAppended(string streamKey);
}
