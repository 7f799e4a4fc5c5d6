using OrleansStreams.Cluster;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// The slot table with each owner's RESP address, as of one membership view. A node whose RESP port is not
/// known yet (its metadata is still on the way) is null: its slots are served here, as a plain node would.
/// </summary>
public sealed class ClusterTopology(SlotTable table, IReadOnlyList<ClusterNode?> nodes, int local)
{
    public SlotTable Table { get; } = table;

    /// <summary>The node of each entry of <see cref="SlotTable.Nodes"/>, in the same order.</summary>
    public IReadOnlyList<ClusterNode?> Nodes { get; } = nodes;

    /// <summary>Index of this silo in <see cref="Nodes"/>; -1 before it is active.</summary>
    public int Local { get; } = local;

    public bool Complete => Nodes.All(n => n is not null);

    /// <summary>The node that should serve <paramref name="slot"/> instead of this one, or null when this node serves it.</summary>
    public ClusterNode? RedirectFor(int slot)
    {
        var owner = Table.OwnerOf(slot);
        return owner < 0 || owner == Local ? null : Nodes[owner];
    }
}
