using System.Collections.Concurrent;
using OrleansStreams.Grains;

namespace OrleansStreams.Processing;

/// <summary>
/// The compiled plans of this silo, by pipeline and incarnation: a JSON definition is compiled once per
/// silo, a C# pipeline is found in the <see cref="PipelineCatalog"/> registered at start-up.
/// </summary>
public sealed class PipelinePlans(PipelineCatalog catalog)
{
    private readonly ConcurrentDictionary<(string Name, long Incarnation), PipelinePlan> _plans = new();

    public PipelineCatalog Catalog => catalog;

    public PipelinePlan Get(PipelineRun run) =>
        _plans.GetOrAdd((run.Name, run.Incarnation), static (key, state) => state.Run.Json is { } json
            ? PipelineJson.Parse(key.Name, json)
            : state.Catalog.TryGet(key.Name, out var plan)
                ? plan
                : throw new InvalidOperationException($"Pipeline {key.Name} is defined in C# but not registered on this silo."),
            (Run: run, Catalog: catalog));

    /// <summary>Asks the pipeline for its run; null when it no longer exists or is another incarnation.</summary>
    public static async Task<PipelineRun?> DescribeAsync(IGrainFactory grains, string pipeline, long incarnation)
    {
        var run = await grains.GetGrain<IPipelineGrain>(pipeline).Describe();
        return run is not null && run.Incarnation == incarnation ? run : null;
    }
}
