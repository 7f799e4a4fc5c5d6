using Microsoft.Extensions.Hosting;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Server;

/// <summary>Loads the SWAPDB map when the silo starts and keeps it current as other gateways swap.</summary>
public sealed class DatabaseMapSync(IGrainFactory grains, DatabaseMap map, IHostApplicationLifetime lifetime) : BackgroundService, IDatabaseMapWatcher
{
    public void OnDatabaseMapChanged(int[] newMap) => map.Set(newMap);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var server = grains.GetGrain<IServerGrain>(0);
        var reference = grains.CreateObjectReference<IDatabaseMapWatcher>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Renewed periodically: the server grain may have moved and lost its watchers.
            try
            {
                await server.WatchDatabaseMap(reference);
                map.Set(await server.GetDatabaseMap(map.Count));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster may be starting or stopping; the next round retries.
            }
            await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
        }
    }
}
