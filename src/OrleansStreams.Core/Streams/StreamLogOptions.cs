namespace OrleansStreams.Streams;

/// <summary>Shape of a stream log; Redis' <c>stream-node-max-entries</c> sets <see cref="NodeMaxEntries"/>.</summary>
public sealed record StreamLogOptions
{
    /// <summary>Entries per node, Redis' <c>stream-node-max-entries</c> (default 100).</summary>
    public int NodeMaxEntries { get; init; } = 100;

    /// <summary>Nodes per storage segment.</summary>
    public int NodesPerSegment { get; init; } = 40;

    /// <summary>Sealed segments kept in memory at most; colder ones are evicted once persisted.</summary>
    public int MaxLoadedSegments { get; init; } = 8;
}
