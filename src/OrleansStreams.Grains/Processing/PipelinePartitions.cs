using System.Text;
using OrleansStreams.Grains;

namespace OrleansStreams.Processing;

/// <summary>The keys a pipeline's pieces share: source partitions (stream keys or memory sources) and key-group grains.</summary>
public static class PipelinePartitions
{
    /// <summary>The partition key of a memory source (tests): not a stream key.</summary>
    public const string MemoryPrefix = "memory:";

    public static string MemorySourceKey(string name) => MemoryPrefix + name;

    /// <summary>The memory source's name when <paramref name="partition"/> is one, else null.</summary>
    public static string? MemorySource(string partition) =>
        partition.StartsWith(MemoryPrefix, StringComparison.Ordinal) ? partition[MemoryPrefix.Length..] : null;

    /// <summary>The stream key (database 0) of a source or sink stream named in a definition.</summary>
    public static string StreamKey(string stream) => GrainKeys.Stream(0, Encoding.UTF8.GetBytes(stream));

    /// <summary>What users see for a partition: the stream's name (a memory source's key is its own name).</summary>
    public static string Name(string partition) =>
        MemorySource(partition) is not null ? partition : Encoding.UTF8.GetString(GrainKeys.ParseStream(partition).Name);

    /// <summary>A key group's grain: windows when the plan has a window, keyed state otherwise.</summary>
    public static IKeyGroupGrain KeyGroup(IGrainFactory grains, PipelinePlan plan, string pipeline, long incarnation, int keyGroup)
    {
        var key = PipelineKeys.KeyGroup(pipeline, incarnation, keyGroup);
        return plan.Window is not null ? grains.GetGrain<IWindowAggregatorGrain>(key) : grains.GetGrain<IKeyedStateGrain>(key);
    }
}
