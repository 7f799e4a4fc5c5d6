namespace OrleansStreams.Cluster;

/// <summary>Slots <see cref="Start"/> … <see cref="End"/> (inclusive), owned by the node at <see cref="Owner"/> in <see cref="SlotTable.Nodes"/>.</summary>
public readonly record struct SlotRange(int Start, int End, int Owner);
