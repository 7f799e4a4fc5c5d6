namespace OrleansStreams.Streams;

/// <summary>Shape of a stream log's storage. Node sizes come with each append (<see cref="StreamNodeLimits"/>).</summary>
public sealed record StreamLogOptions
{
    /// <summary>Entries per node for appends that carry no <see cref="StreamNodeLimits"/> (Redis' default 100).</summary>
    public int NodeMaxEntries { get; init; } = 100;

    /// <summary>Listpack bytes per node for appends that carry no <see cref="StreamNodeLimits"/> (Redis' default 4096).</summary>
    public long NodeMaxBytes { get; init; } = 4096;

    /// <summary>Nodes per storage segment.</summary>
    public int NodesPerSegment { get; init; } = 40;

    /// <summary>Sealed segments kept in memory at most; colder ones are evicted once persisted.</summary>
    public int MaxLoadedSegments { get; init; } = 8;
}
