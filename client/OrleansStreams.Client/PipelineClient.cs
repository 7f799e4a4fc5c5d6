using OrleansStreams.Grains;

namespace OrleansStreams.Client;

/// <summary><see cref="IPipelineClient"/> over the pipeline grains, as the PIPELINE.* commands call them.</summary>
internal sealed class PipelineClient(IGrainFactory grains) : IPipelineClient
{
    private IPipelineGrain Pipeline(string name) => grains.GetGrain<IPipelineGrain>(name);

    public async Task CreateAsync(string name, string json, CancellationToken cancellationToken = default) =>
        Check(await FailoverRetry.CallAsync(() => Pipeline(name).Create(json), cancellationToken));

    public Task CreateAsync(string name, PipelineDefinition definition, CancellationToken cancellationToken = default) =>
        CreateAsync(name, definition.ToJson(), cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        await FailoverRetry.CallAsync(() => grains.GetGrain<IPipelineRegistryGrain>(0).List(), cancellationToken);

    public Task<PipelineStatus?> InfoAsync(string name, CancellationToken cancellationToken = default) =>
        FailoverRetry.CallAsync(() => Pipeline(name).Info(), cancellationToken);

    public async Task PauseAsync(string name, CancellationToken cancellationToken = default) =>
        Check(await FailoverRetry.CallAsync(() => Pipeline(name).SetPaused(true), cancellationToken));

    public async Task ResumeAsync(string name, CancellationToken cancellationToken = default) =>
        Check(await FailoverRetry.CallAsync(() => Pipeline(name).SetPaused(false), cancellationToken));

    public Task<bool> DropAsync(string name, CancellationToken cancellationToken = default) =>
        FailoverRetry.CallAsync(() => Pipeline(name).Drop(), cancellationToken);

    private static void Check(PipelineError? error)
    {
        if (error is not null)
        {
            throw new PipelineException(error.Code.ToString(), error.Message);
        }
    }
}
