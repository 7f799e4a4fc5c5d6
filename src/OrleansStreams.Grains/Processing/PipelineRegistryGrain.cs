using OrleansStreams.Grains;

namespace OrleansStreams.Processing;

[GenerateSerializer, Alias("os.pl.registry")]
public sealed class PipelineRegistryRecord
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The names of all pipelines (PIPELINE.LIST), and the keeper every silo pokes so pipelines run again after restarts.</summary>
public sealed class PipelineRegistryGrain(
    [PersistentState("pipelines", PipelineStorage.Name)] IPersistentState<PipelineRegistryRecord> record) : Grain, IPipelineRegistryGrain
{
    public async Task Add(string name)
    {
        if (record.State.Names.Add(name))
        {
            await record.WriteStateAsync();
        }
    }

    public async Task Remove(string name)
    {
        if (record.State.Names.Remove(name))
        {
            await record.WriteStateAsync();
        }
    }

    public Task<string[]> List() => Task.FromResult(record.State.Names.ToArray());

    public Task Keep() => Task.WhenAll(record.State.Names.Select(name => GrainFactory.GetGrain<IPipelineGrain>(name).Keep()));
}
