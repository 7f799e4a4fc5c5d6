using OrleansStreams.Processing;

namespace OrleansStreams.Grains;

/// <summary>
/// One pipeline, keyed by its name: definition and lifecycle state (in Orleans grain storage), the
/// source readers it keeps running, and its metrics. See docs/pipelines.md.
/// </summary>
[Alias("os.IPipelineGrain")]
public interface IPipelineGrain : IGrainWithStringKey
{
    /// <summary>Creates the pipeline from a JSON definition; returns null, or the error (PipelineExists, invalid definition).</summary>
    [Alias("Create")]
    Task<PipelineError?> Create(string json);

    /// <summary>Creates the pipeline registered in C# under this name at silo start-up when it does not exist yet.</summary>
    [Alias("CreateRegistered")]
    Task<PipelineError?> CreateRegistered();

    /// <summary>Stops the pipeline and removes its state; false when there is none.</summary>
    [Alias("Drop")]
    Task<bool> Drop();

    /// <summary>Pauses (or resumes) reading its sources; state is kept. Null, or NoSuchPipeline.</summary>
    [Alias("SetPaused")]
    Task<PipelineError?> SetPaused(bool paused);

    /// <summary>Definition, state and metrics; null when there is no such pipeline.</summary>
    [Alias("Info")]
    Task<PipelineStatus?> Info();

    /// <summary>What its readers and key groups need to run: the definition and the incarnation; null when dropped.
    /// Interleaves: readers and key groups ask while they are being activated by one of this grain's own calls.</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<PipelineRun?> Describe();

    /// <summary>Keeps the readers running (activates lost ones, picks up new partitions of a pattern). One-way:
    /// the registry pokes every pipeline without waiting (a pipeline being created calls the registry itself).</summary>
    [Alias("Keep"), OneWay]
    Task Keep();
}

/// <summary>The list of pipelines (key 0), and the keeper that the silos poke so pipelines run after restarts.</summary>
[Alias("os.IPipelineRegistryGrain")]
public interface IPipelineRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task Add(string name);

    [Alias("Remove")]
    Task Remove(string name);

    [Alias("List")]
    Task<string[]> List();

    /// <summary>Asks every pipeline to keep its readers running.</summary>
    [Alias("Keep")]
    Task Keep();
}

/// <summary>Reads one source partition of one pipeline incarnation (key: <see cref="PipelineKeys.Reader"/>), runs the stateless steps, feeds the key groups.</summary>
[Alias("os.ISourceReaderGrain")]
public interface ISourceReaderGrain : IGrainWithStringKey
{
    /// <summary>Starts reading if not yet, and takes the pipeline's current pause state (it asks the pipeline).</summary>
    [Alias("Ensure")]
    Task Ensure();

    [Alias("Metrics")]
    Task<ReaderMetrics> Metrics();

    /// <summary>Stops for good (the pipeline was dropped) and removes the internal consumer group.</summary>
    [Alias("Stop")]
    Task Stop();
}

/// <summary>The state of one key group of one pipeline incarnation (key: <see cref="PipelineKeys.KeyGroup"/>).</summary>
[Alias("os.IKeyGroupGrain")]
public interface IKeyGroupGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch from one source partition (events not applied before, and its watermark); durable when it returns.</summary>
    [Alias("Apply")]
    Task Apply(KeyGroupBatch batch);

    [Alias("Metrics")]
    Task<KeyGroupMetrics> Metrics();

    /// <summary>Removes the stored state (the pipeline was dropped).</summary>
    [Alias("Destroy")]
    Task Destroy();
}

/// <summary>Windows and watermarks of one key group.</summary>
[Alias("os.IWindowAggregatorGrain")]
public interface IWindowAggregatorGrain : IKeyGroupGrain;

/// <summary>User state (get/put/update/delete with TTL) of one key group, for stateful operators.</summary>
[Alias("os.IKeyedStateGrain")]
public interface IKeyedStateGrain : IKeyGroupGrain;

public static class PipelineKeys
{
    /// <summary>The internal consumer group a pipeline incarnation reads its sources through.</summary>
    public static string Group(string pipeline, long incarnation) => $"__pipeline:{pipeline}:{incarnation}";

    /// <summary>A reader's key: <c>{incarnation}|{length of the name}:{pipeline}|{stream key}</c> (names may hold any character).</summary>
    public static string Reader(string pipeline, long incarnation, string streamKey) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{incarnation}|{pipeline.Length}:{pipeline}|{streamKey}");

    public static (long Incarnation, string Pipeline, string StreamKey) ParseReader(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        var colon = key.IndexOf(':', bar + 1);
        var length = int.Parse(key.AsSpan(bar + 1, colon - bar - 1), System.Globalization.CultureInfo.InvariantCulture);
        return (long.Parse(key.AsSpan(0, bar), System.Globalization.CultureInfo.InvariantCulture), key.Substring(colon + 1, length), key[(colon + 1 + length + 1)..]);
    }

    public static string KeyGroup(string pipeline, long incarnation, int keyGroup) => $"{incarnation}|{keyGroup}|{pipeline}";

    public static (long Incarnation, int KeyGroup, string Pipeline) ParseKeyGroup(string key)
    {
        var first = key.IndexOf('|', StringComparison.Ordinal);
        var second = key.IndexOf('|', first + 1);
        return (long.Parse(key.AsSpan(0, first), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(key.AsSpan(first + 1, second - first - 1), System.Globalization.CultureInfo.InvariantCulture),
            key[(second + 1)..]);
    }
}

[GenerateSerializer]
public enum PipelineErrorCode
{
    NoSuchPipeline,
    PipelineExists,
    InvalidDefinition,
    NotRegistered,
}

[GenerateSerializer, Immutable, Alias("os.pl.error")]
public sealed record PipelineError([property: Id(0)] PipelineErrorCode Code, [property: Id(1)] string Message);

/// <summary>What a reader or key group needs: the JSON definition (null for a C# pipeline, found by name), incarnation, pause state.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.run")]
public sealed record PipelineRun([property: Id(0)] string Name, [property: Id(1)] string? Json, [property: Id(2)] long Incarnation, [property: Id(3)] bool Paused);

[GenerateSerializer, Immutable, Alias("os.pl.batch")]
public sealed record KeyGroupBatch(
    [property: Id(0)] string Partition,
    [property: Id(1)] KeyedEvent[] Events,
    [property: Id(2)] long Watermark,
    [property: Id(3)] bool Idle,
    [property: Id(4)] long NowMs);

[GenerateSerializer, Immutable, Alias("os.pl.status")]
public sealed record PipelineStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Definition,
    [property: Id(2)] bool Paused,
    [property: Id(3)] long CreatedMs,
    [property: Id(4)] string[] Sources,
    [property: Id(5)] PipelineMetrics Metrics,
    [property: Id(6)] int KeyGroups);

/// <summary>A source reader's counters.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.readermetrics")]
public sealed record ReaderMetrics(
    [property: Id(0)] long Received,
    [property: Id(1)] long Failed,
    [property: Id(2)] long BytesIn,
    [property: Id(3)] long Watermark,
    [property: Id(4)] bool Idle,
    [property: Id(5)] long Lag,
    [property: Id(6)] double[] LatencySamplesMs,
    [property: Id(7)] long Dropped,
    [property: Id(8)] string? LastError);

/// <summary>A key group's counters.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.kgmetrics")]
public sealed record KeyGroupMetrics(
    [property: Id(0)] long Processed,
    [property: Id(1)] long Emitted,
    [property: Id(2)] long LateDropped,
    [property: Id(3)] long LateSideOutput,
    [property: Id(4)] long Failed,
    [property: Id(5)] long BytesOut,
    [property: Id(6)] long StateBytes,
    [property: Id(7)] long StateEntries,
    [property: Id(8)] long Watermark,
    [property: Id(9)] long Duplicates);

/// <summary>A pipeline's metrics, summed over its readers and key groups.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.metrics")]
public sealed record PipelineMetrics(
    [property: Id(0)] long Received,
    [property: Id(1)] long Processed,
    [property: Id(2)] long Emitted,
    [property: Id(3)] long Failed,
    [property: Id(4)] long LateDropped,
    [property: Id(5)] long LateSideOutput,
    [property: Id(6)] double LatencyP50Ms,
    [property: Id(7)] double LatencyP99Ms,
    [property: Id(8)] long BytesIn,
    [property: Id(9)] long BytesOut,
    [property: Id(10)] long StateBytes,
    [property: Id(11)] long StateEntries,
    [property: Id(12)] long Watermark,
    [property: Id(13)] long SourceLag,
    [property: Id(14)] long Dropped,
    [property: Id(15)] long Duplicates);
