namespace OrleansStreams.Streams;

/// <summary>
/// One typed operation on a stream partition. A batch of them goes to
/// <see cref="Grains.IStreamPartitionGrain.Execute"/> and comes back as one <see cref="StreamResult"/> each,
/// in order; the RESP gateway, the SDK, the stream provider and pipelines all speak these.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.StreamOperation")]
public abstract record StreamOperation
{
    /// <summary>
    /// Appends an entry (XADD). The ID is <c>*</c> when <see cref="IdGiven"/> is false, <c>ms-*</c> when
    /// only <see cref="SeqGiven"/> is false, else exactly <see cref="Id"/>. With <see cref="NoMkStream"/> a
    /// missing stream is not created. Then trims by <see cref="Trimming"/>. Result: <see cref="StreamResult.Appended"/>.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Append")]
    public sealed record Append(
        [property: Id(0)] bool NoMkStream,
        [property: Id(1)] StreamTrim Trimming,
        [property: Id(2)] bool IdGiven,
        [property: Id(3)] bool SeqGiven,
        [property: Id(4)] StreamEntryId Id,
        [property: Id(5)] byte[][] Fields) : StreamOperation
    {
        /// <summary>Where a new node starts; null: <see cref="StreamNodeLimits.Default"/>.</summary>
        [Id(6)]
        public StreamNodeLimits? NodeLimits { get; init; }

        /// <summary>An append with a generated ID (<c>*</c>) of flattened field/value pairs.</summary>
        public static Append Auto(byte[][] fields, StreamTrim? trim = null) => new(false, trim ?? StreamTrim.None, false, false, default, fields);
    }

    /// <summary>Entries from <see cref="Start"/> to <see cref="End"/> inclusive (XRANGE, or XREVRANGE when <see cref="Reverse"/>); <see cref="Count"/> -1: all. Result: <see cref="StreamResult.Entries"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Range")]
    public sealed record Range(
        [property: Id(0)] StreamEntryId Start,
        [property: Id(1)] StreamEntryId End,
        [property: Id(2)] long Count,
        [property: Id(3)] bool Reverse) : StreamOperation;

    /// <summary>The number of entries (XLEN). Result: <see cref="StreamResult.Counted"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Length")]
    public sealed record Length : StreamOperation;

    /// <summary>
    /// Deletes entries by ID (XDEL). Result: <see cref="StreamResult.Counted"/>, how many existed. With <see cref="InvalidId"/>
    /// an argument was not an ID: nothing is deleted, and an existing stream fails with <see cref="StreamError.InvalidId"/>
    /// (Redis checks the key, then the IDs).
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Delete")]
    public sealed record Delete([property: Id(0)] StreamEntryId[] Ids) : StreamOperation
    {
        [Id(1)]
        public bool InvalidId { get; init; }
    }

    /// <summary>Trims the stream (XTRIM). Result: <see cref="StreamResult.Counted"/>, how many were removed.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Trim")]
    public sealed record Trim([property: Id(0)] StreamTrim Spec) : StreamOperation;

    /// <summary>Sets the last ID and counters (XSETID); <see cref="EntriesAdded"/> -1 and <see cref="MaxDeletedId"/> 0-0 leave them. Result: <see cref="StreamResult.Done"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.SetId")]
    public sealed record SetId(
        [property: Id(0)] StreamEntryId LastId,
        [property: Id(1)] long EntriesAdded,
        [property: Id(2)] StreamEntryId MaxDeletedId) : StreamOperation;

    /// <summary>The stream's metadata (XINFO STREAM), with its first <see cref="Count"/> entries when <see cref="Full"/> (0: all). Result: <see cref="StreamResult.Described"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamOperation.Info")]
    public sealed record Info([property: Id(0)] bool Full, [property: Id(1)] long Count) : StreamOperation;
}
