using OrleansStreams.Streams;

namespace OrleansStreams.Grains;

/// <summary>The counters of a stream that a consumer group needs for entries-read and lag (XINFO GROUPS).</summary>
[GenerateSerializer, Immutable, Alias("os.StreamCounters")]
public sealed record StreamCounters(
    [property: Id(0)] ulong EntriesAdded,
    [property: Id(1)] long Length,
    [property: Id(2)] StreamEntryId FirstId,
    [property: Id(3)] StreamEntryId LastId,
    [property: Id(4)] StreamEntryId MaxDeletedId);

/// <summary>
/// What a stream tells a consumer group when the group pulls: whether the stream and the group
/// still exist (a deleted stream takes its groups with it), the entries asked for, and the counters.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.GroupPull")]
public sealed record GroupPull(
    [property: Id(0)] StreamError Error,
    [property: Id(1)] bool StreamExists,
    [property: Id(2)] bool GroupExists,
    [property: Id(3)] StreamEntry?[] Entries,
    [property: Id(4)] StreamCounters Counters)
{
    /// <summary>The stream's group names (filled by <see cref="IStreamPartitionGrain.GetGroups"/>).</summary>
    [Id(5)]
    public string[] Groups { get; init; } = [];
}
