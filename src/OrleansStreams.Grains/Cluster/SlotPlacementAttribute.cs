using Orleans.Placement;

namespace OrleansStreams.Cluster;

/// <summary>Activates the grain on the owner of its key's hash slot: <see cref="SlotPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SlotPlacementAttribute() : PlacementAttribute(SlotPlacement.Instance);
