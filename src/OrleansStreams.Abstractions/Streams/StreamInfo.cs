using OrleansStreams.ConsumerGroups;

namespace OrleansStreams.Streams;

/// <summary>
/// A stream's metadata, as XINFO STREAM reports it. <see cref="Entries"/> is set for the full form
/// only; <see cref="FirstEntry"/> and <see cref="LastEntry"/> for the short form only.
/// <see cref="GroupDetails"/> is filled by the caller from the group grains (the stream does not call
/// its groups: they pull from it).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.StreamInfo")]
public sealed record StreamInfo(
    [property: Id(0)] long Length,
    [property: Id(1)] long RadixTreeKeys,
    [property: Id(2)] long RadixTreeNodes,
    [property: Id(3)] StreamEntryId LastGeneratedId,
    [property: Id(4)] StreamEntryId MaxDeletedEntryId,
    [property: Id(5)] ulong EntriesAdded,
    [property: Id(6)] StreamEntryId RecordedFirstEntryId,
    [property: Id(7)] int Groups,
    [property: Id(8)] StreamEntry? FirstEntry,
    [property: Id(9)] StreamEntry? LastEntry,
    [property: Id(10)] StreamEntry[]? Entries)
{
    /// <summary>Each group's full description (XINFO STREAM FULL), in the stream's group order.</summary>
    [Id(11)]
    public ConsumerGroupFullInfo[]? GroupDetails { get; init; }
}
