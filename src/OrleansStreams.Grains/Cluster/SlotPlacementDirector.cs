using Orleans.Runtime.Placement;

namespace OrleansStreams.Cluster;

/// <summary>
/// Chooses the owner of the grain key's slot in this silo's <see cref="SlotOwnership"/>. When that owner is not
/// among the silos Orleans offers (membership views differ for a moment, or it is not active yet), the slot's
/// owner among the offered silos instead — still the same answer on every silo with the same view. A grain whose
/// key embeds no Redis key stays on the calling silo.
/// </summary>
public sealed class SlotPlacementDirector(SlotOwnership ownership) : IPlacementDirector
{
    private SlotTable _fallback = SlotTable.Empty;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (!GrainSlots.TryOf(target.GrainIdentity.Key.ToString()!, out var slot))
        {
            // No Redis key behind this grain: here, as PreferLocalPlacement.
            return Task.FromResult(silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[0]);
        }
        if (Find(silos, ownership.Table.OwnerNameOf(slot)) is { } owner)
        {
            return Task.FromResult(owner);
        }
        var names = silos.Select(SlotMembershipFollower.NodeName).ToArray();
        var table = _fallback;
        if (!table.Nodes.Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            _fallback = table = SlotTable.Assign(names);
        }
        return Task.FromResult(Find(silos, table.OwnerNameOf(slot)) ?? silos[0]);
    }

    private static SiloAddress? Find(SiloAddress[] silos, string? name) =>
        name is null ? null : Array.Find(silos, s => SlotMembershipFollower.NodeName(s) == name);
}
