namespace OrleansStreams.Storage;

/// <summary>A segment written at a checkpoint, under a name no stored snapshot uses yet.</summary>
public readonly record struct SegmentWrite(string Name, byte[] Data);

/// <summary>
/// What a grain hands <see cref="JournaledState"/> for one checkpoint, captured in one synchronous
/// turn: the snapshot payload, the segments to write with it, every segment name the snapshot
/// references, and what to do once it is durable. <see cref="JournaledState"/> refuses a snapshot
/// naming a segment that is neither stored nor written with it, and deletes the stored segments it
/// does not name once it is durable.
/// </summary>
public sealed record CheckpointData(byte[] Snapshot)
{
    public IReadOnlyList<SegmentWrite> Segments { get; init; } = [];

    /// <summary>Every segment the snapshot references (written now or stored before); stored segments not named here are deleted.</summary>
    public IReadOnlySet<string> Named { get; init; } = new HashSet<string>();

    public Action? OnDurable { get; init; }
}
