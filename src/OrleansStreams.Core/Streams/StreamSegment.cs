using OrleansStreams.Streams;

namespace OrleansStreams.Streams;

/// <summary>
/// A storage unit of the log: a run of nodes written to storage as one blob. A segment is sealed
/// (written once) when it holds <see cref="StreamLogOptions.NodesPerSegment"/> nodes and an append
/// needs another; the open tail segment is kept in the snapshot. A sealed segment can leave memory
/// (<see cref="Nodes"/> is null) and be loaded back on demand; its metadata always stays.
/// </summary>
internal sealed class StreamSegment(long number)
{
    public long Number { get; } = number;

    /// <summary>The nodes, or null while the segment is not in memory.</summary>
    public List<StreamNode>? Nodes { get; set; } = [];

    public StreamEntryId FirstId { get; set; }

    public StreamEntryId LastId { get; set; }

    public long LiveCount { get; set; }

    public int NodeCount { get; set; }

    /// <summary>Storage holds this segment's current content as a segment blob (never so for the open tail, which the snapshot carries inline).</summary>
    public bool Persisted { get; set; }

    /// <summary>Sealed segments take no more appends.</summary>
    public bool Sealed { get; set; }

    /// <summary>A logical clock value of the last access, for evicting the coldest segments first.</summary>
    public long LastTouched { get; set; }

    public bool IsLoaded => Nodes is not null;

    /// <summary>The node format of the stored blob of this version (3: written before nodes were listpacks).</summary>
    public int StoredFormat { get; set; } = StreamCodec.NodeFormat;

    /// <summary>Bumped on every change, so a write that raced a change does not mark the segment persisted.</summary>
    public long Version { get; set; }

    /// <summary>Recomputes the metadata from the nodes after a change.</summary>
    public void Refresh()
    {
        var nodes = Nodes!;
        NodeCount = nodes.Count;
        LiveCount = 0;
        foreach (var n in nodes)
        {
            LiveCount += n.LiveCount;
        }
        if (nodes.Count > 0)
        {
            FirstId = nodes[0].FirstSlotId;
            LastId = nodes[^1].LastSlotId;
        }
    }
}
