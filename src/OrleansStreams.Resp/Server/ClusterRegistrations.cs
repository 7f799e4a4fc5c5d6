using Microsoft.Extensions.Hosting;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Registers this gateway with the cluster-wide grains once the silo runs — as a listener for
/// PUBLISH and a watcher of the SWAPDB map — and renews the registrations periodically, since those
/// grains keep their listeners in memory and may move or restart.
/// </summary>
public sealed class ClusterRegistrations(IGrainFactory grains, DatabaseMap map, PubSubHub pubSub, IHostApplicationLifetime lifetime)
    : BackgroundService, IDatabaseMapWatcher
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    public void OnDatabaseMapChanged(int[] newMap) => map.Set(newMap);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var server = grains.GetGrain<IServerGrain>(0);
        var mapWatcher = grains.CreateObjectReference<IDatabaseMapWatcher>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pubSub.Listen(grains);
                await server.WatchDatabaseMap(mapWatcher);
                map.Set(await server.GetDatabaseMap(map.Count));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster may be starting or stopping; the next round retries.
            }
            await Task.Delay(Renewal, stoppingToken);
        }
    }
}
