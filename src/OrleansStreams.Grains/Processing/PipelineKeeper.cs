using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains;

namespace OrleansStreams.Processing;

/// <summary>
/// Runs in every silo: creates the C# pipelines registered at start-up (once, cluster-wide, by name) and
/// pokes the pipeline registry every few seconds, so pipelines whose grains lived on a lost silo come
/// back on the others and pipelines resume after a whole-cluster restart.
/// </summary>
public sealed partial class PipelineKeeper(IGrainFactory grains, PipelineCatalog catalog, IHostApplicationLifetime lifetime, ILogger<PipelineKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo is started with the host; grains are placeable from then on.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Wait first: a node stopped right after it started (Ctrl+C at once) then makes no grain call that the stop
            // would cut off half-placed (Orleans logs those as failures).
            try
            {
                await Task.Delay(Every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (!registered)
                {
                    foreach (var plan in catalog.All)
                    {
                        if (await grains.GetGrain<IPipelineGrain>(plan.Name).CreateRegistered() is { } error)
                        {
                            LogNotCreated(logger, plan.Name, error.Message);
                        }
                    }
                    registered = true;
                }
                await grains.GetGrain<IPipelineRegistryGrain>(0).Keep();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogKeepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline {Pipeline} was not created: {Error}")]
    private static partial void LogNotCreated(ILogger logger, string pipeline, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Keeping pipelines running failed; retrying")]
    private static partial void LogKeepFailed(ILogger logger, Exception ex);
}
