using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;

namespace OrleansStreams.Cluster;

/// <summary>
/// Moves slot-placed grains when their slot changes owner: every activation of a grain type with
/// <see cref="SlotPlacement"/> is tracked from activation to deactivation, and when <see cref="SlotOwnership"/>
/// changes, those whose slot this silo no longer owns migrate — Orleans deactivates them (they flush and close
/// their journals) and asks <see cref="SlotPlacementDirector"/> where to activate them again, where they reload
/// from storage. Works on the grain contexts, so the grains themselves know nothing of it.
/// Orleans may not offer the new owner for placement yet right after the change (its grain manifest
/// travels after membership), so a grain can land on a silo that does not own it; a sweep every
/// <see cref="SweepPeriod"/> moves such grains again until they reach their owner.
/// </summary>
public sealed class SlotGrainMover : IConfigureGrainContextProvider, IConfigureGrainContext, IDisposable
{
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<IGrainContext, int> _active = new();
    private readonly SlotOwnership _ownership;
    private readonly ITimer _sweep;

    public SlotGrainMover(SlotOwnership ownership, TimeProvider time)
    {
        _ownership = ownership;
        ownership.Changed += _ => MoveAway();
        _sweep = time.CreateTimer(_ => MoveAway(), null, SweepPeriod, SweepPeriod);
    }

    /// <summary>Activations of slot-placed grains on this silo.</summary>
    public int Count => _active.Count;

    public bool TryGetConfigurator(GrainType grainType, GrainProperties properties, [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        var slotPlaced = properties.Properties.TryGetValue(WellKnownGrainTypeProperties.PlacementStrategy, out var strategy)
            && strategy == nameof(SlotPlacement);
        configurator = slotPlaced ? this : null;
        return slotPlaced;
    }

    public void Configure(IGrainContext context) =>
        context.ObservableLifecycle.Subscribe(nameof(SlotGrainMover), GrainLifecycleStage.Activate,
            _ =>
            {
                if (GrainSlots.TryOf(context.GrainId.Key.ToString()!, out var slot))
                {
                    _active[context] = slot;
                }
                return Task.CompletedTask;
            },
            _ =>
            {
                _active.TryRemove(context, out var _);
                return Task.CompletedTask;
            });

    public void Dispose() => _sweep.Dispose();

    private void MoveAway()
    {
        foreach (var (context, slot) in _active)
        {
            if (!_ownership.IsLocal(slot))
            {
                // Stays tracked until it deactivates: Orleans aborts a migration whose placement answers this silo
                // (the new owner not offered yet) and the grain stays here, so the next sweep tries again.
                context.Migrate(null);
            }
        }
    }
}
