using Microsoft.Extensions.DependencyInjection;

namespace OrleansStreams.Cluster;

public static class SlotOwnershipServiceCollectionExtensions
{
    /// <summary>
    /// Hash-slot ownership on a silo: the slot table follows membership, <see cref="SlotPlacement"/> grains are
    /// activated on their slot's owner and migrate when it changes.
    /// </summary>
    public static IServiceCollection AddSlotOwnership(this IServiceCollection services)
    {
        services.AddSingleton<SlotOwnership>();
        services.AddSingleton<SlotMembershipFollower>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SlotMembershipFollower>());
        services.AddSingleton<SlotGrainMover>();
        services.AddSingleton<IConfigureGrainContextProvider>(sp => sp.GetRequiredService<SlotGrainMover>());
        services.AddPlacementDirector<SlotPlacement, SlotPlacementDirector>();
        return services;
    }
}
