using Microsoft.Extensions.Logging;

namespace OrleansStreams.Cluster;

/// <summary>
/// Keeps <see cref="SlotOwnership"/> in step with Orleans membership: the slots belong to the silos whose
/// status is Active, each named by its silo endpoint (<c>ip:port</c>, without the generation, so a restarted
/// silo at the same address gets its slots back).
/// </summary>
public sealed partial class SlotMembershipFollower(
    SlotOwnership ownership,
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    ILogger<SlotMembershipFollower> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public static string NodeName(SiloAddress silo) => silo.Endpoint.ToString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlotMembershipFollower), ServiceLifecycleStage.RuntimeServices, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        ownership.LocalNode = NodeName(local.SiloAddress);
        _loop = Task.Run(Follow, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stop.Dispose();

    private async Task Follow()
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => NodeName(m.SiloAddress));
                if (ownership.Update(active))
                {
                    LogSlotsReassigned(logger, snapshot.Version.Value, ownership.Table.Nodes.Count);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hash slots reassigned at membership version {Version} over {Silos} active silos")]
    private static partial void LogSlotsReassigned(ILogger logger, long version, int silos);
}
