namespace OrleansStreams.Storage;

/// <summary>A segment written at a checkpoint, under a name no stored snapshot uses yet.</summary>
public readonly record struct SegmentWrite(string Name, byte[] Data);

/// <summary>
/// What a grain hands <see cref="JournaledState"/> for one checkpoint, captured in one synchronous
/// turn: the snapshot payload, the segments it names that are not stored yet, the stored segments it
/// no longer names (deleted once it is durable), and what to do once it is durable.
/// </summary>
public sealed record CheckpointData(byte[] Snapshot)
{
    public IReadOnlyList<SegmentWrite> Segments { get; init; } = [];

    public IReadOnlyCollection<string> Obsolete { get; init; } = [];

    public Action? OnDurable { get; init; }
}
