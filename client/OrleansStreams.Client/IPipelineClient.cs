using OrleansStreams.Grains;

namespace OrleansStreams.Client;

/// <summary>The pipelines of the cluster (docs/pipelines.md): the same grains as the PIPELINE.* commands.</summary>
public interface IPipelineClient
{
    /// <summary>Creates a pipeline from its JSON definition.</summary>
    /// <exception cref="PipelineException">It exists, or the definition is invalid (the message names the fault).</exception>
    Task CreateAsync(string name, string json, CancellationToken cancellationToken = default);

    /// <summary>Creates a pipeline from a definition built in C#.</summary>
    Task CreateAsync(string name, PipelineDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The names of every pipeline.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>A pipeline's definition, state and metrics; null when there is none.</summary>
    Task<PipelineStatus?> InfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stops the pipeline's readers; state is kept (also when already paused).</summary>
    /// <exception cref="PipelineException">No such pipeline.</exception>
    Task PauseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reading goes on where it stopped (also when running).</summary>
    /// <exception cref="PipelineException">No such pipeline.</exception>
    Task ResumeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Drops a pipeline; false when there was none.</summary>
    Task<bool> DropAsync(string name, CancellationToken cancellationToken = default);
}
