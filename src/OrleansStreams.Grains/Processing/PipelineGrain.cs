using Microsoft.Extensions.Hosting;
using System.Text;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains;
using OrleansStreams.Keyspace;

namespace OrleansStreams.Processing;

/// <summary>A pipeline's definition and lifecycle state: a small whole object, kept in Orleans grain storage.</summary>
[GenerateSerializer, Alias("os.pl.record")]
public sealed class PipelineRecord
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string? Json { get; set; }
    [Id(2)] public long Incarnation { get; set; }
    [Id(3)] public bool Paused { get; set; }
    [Id(4)] public long CreatedMs { get; set; }
}

/// <summary>
/// One pipeline: creates, pauses, resumes and drops it, keeps one source reader per source partition
/// running (after silo restarts too, with a timer and the registry's keeper), and sums the metrics of
/// its readers and key groups. Each create starts a new incarnation, so a re-created pipeline never
/// sees the state of a dropped one.
/// </summary>
public sealed partial class PipelineGrain(
    [PersistentState("pipeline", PipelineStorage.Name)] IPersistentState<PipelineRecord> record,
    PipelinePlans plans,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PipelineGrain> logger) : Grain, IPipelineGrain
{
    private static readonly TimeSpan KeepEvery = TimeSpan.FromSeconds(2);
    private const int MaxPatternStreams = 100_000;

    private string Name => this.GetPrimaryKeyString();

    private PipelineRecord State => record.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => lifetime.ApplicationStopping.IsCancellationRequested ? Task.CompletedTask : KeepReaders(), new GrainTimerCreationOptions(KeepEvery, KeepEvery) { KeepAlive = true, Interleave = false });
        return Task.CompletedTask;
    }

    public Task<PipelineError?> Create(string json)
    {
        if (State.Exists)
        {
            return Task.FromResult<PipelineError?>(new(PipelineErrorCode.PipelineExists, $"pipeline '{Name}' already exists"));
        }
        try
        {
            PipelineJson.Parse(Name, json);
        }
        catch (PipelineDefinitionException ex)
        {
            return Task.FromResult<PipelineError?>(new(PipelineErrorCode.InvalidDefinition, ex.Message));
        }
        return Start(json);
    }

    public Task<PipelineError?> CreateRegistered()
    {
        if (State.Exists)
        {
            return Task.FromResult<PipelineError?>(null);
        }
        if (!plans.Catalog.TryGet(Name, out _))
        {
            return Task.FromResult<PipelineError?>(new(PipelineErrorCode.NotRegistered, $"no C# pipeline '{Name}' is registered on this silo"));
        }
        return Start(null);
    }

    private async Task<PipelineError?> Start(string? json)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var incarnation = Math.Max(State.Incarnation + 1, now);
        var plan = plans.Get(new PipelineRun(Name, json, incarnation, false));
        // The groups first, so that "from":"$" means the end of each stream when PIPELINE.CREATE answers;
        // a source key that holds another type refuses the pipeline here.
        try
        {
            await Task.WhenAll(plan.Source.Streams.Select(s =>
                PipelineGroups.EnsureAsync(GrainFactory, PipelinePartitions.StreamKey(s), Name, incarnation, plan.Source.From)));
        }
        catch (InvalidOperationException ex)
        {
            return new PipelineError(PipelineErrorCode.InvalidDefinition, ex.Message);
        }
        State.Exists = true;
        State.Json = json;
        State.Paused = false;
        State.CreatedMs = now;
        State.Incarnation = incarnation;
        await record.WriteStateAsync();
        await GrainFactory.GetGrain<IPipelineRegistryGrain>(0).Add(Name);
        try
        {
            await KeepReaders();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Created and durable; the keep timer starts the readers again every few seconds.
            LogStartFailed(logger, ex, Name);
        }
        return null;
    }

    public async Task<bool> Drop()
    {
        if (Run() is not { } run)
        {
            return false;
        }
        var plan = plans.Get(run);
        // Readers and key groups still find the pipeline while they stop and delete their state.
        await Task.WhenAll((await Partitions(plan)).Select(p => Reader(run, p).Stop()));
        await Task.WhenAll(Enumerable.Range(0, plan.KeyGroups).Select(kg => KeyGroup(plan, run, kg).Destroy()));
        State.Exists = false;
        State.Json = null;
        await record.WriteStateAsync();
        await GrainFactory.GetGrain<IPipelineRegistryGrain>(0).Remove(Name);
        return true;
    }

    public async Task<PipelineError?> SetPaused(bool paused)
    {
        if (!State.Exists)
        {
            return new(PipelineErrorCode.NoSuchPipeline, $"no such pipeline '{Name}'");
        }
        if (State.Paused != paused)
        {
            State.Paused = paused;
            await record.WriteStateAsync();
        }
        // Told directly and awaited: when PAUSE answers, no reader reads any more.
        var run = Run()!;
        await Task.WhenAll((await Partitions(plans.Get(run))).Select(p => Reader(run, p).Ensure()));
        return null;
    }

    public Task<PipelineRun?> Describe() => Task.FromResult(Run());

    private PipelineRun? Run() => State.Exists ? new PipelineRun(Name, State.Json, State.Incarnation, State.Paused) : null;

    public Task Keep() => KeepReaders();

    private async Task KeepReaders()
    {
        if (Run() is not { } run)
        {
            return;
        }
        var plan = plans.Get(run);
        await Task.WhenAll((await Partitions(plan)).Select(p => StartReader(run, p)));
    }

    public async Task<PipelineStatus?> Info()
    {
        if (Run() is not { } run)
        {
            return null;
        }
        var plan = plans.Get(run);
        var partitions = await Partitions(plan);
        var readers = await Task.WhenAll(partitions.Select(p => Reader(run, p).Metrics()));
        var groups = await Task.WhenAll(Enumerable.Range(0, plan.KeyGroups).Select(kg => KeyGroup(plan, run, kg).Metrics()));
        var samples = readers.SelectMany(r => r.LatencySamplesMs).Order().ToArray();
        var watermarks = groups.Select(g => g.Watermark).Where(w => w != long.MinValue).ToArray();
        var metrics = new PipelineMetrics(
            Received: readers.Sum(r => r.Received),
            Processed: groups.Sum(g => g.Processed),
            Emitted: groups.Sum(g => g.Emitted),
            Failed: readers.Sum(r => r.Failed) + groups.Sum(g => g.Failed),
            LateDropped: groups.Sum(g => g.LateDropped),
            LateSideOutput: groups.Sum(g => g.LateSideOutput),
            LatencyP50Ms: Percentile(samples, 0.50),
            LatencyP99Ms: Percentile(samples, 0.99),
            BytesIn: readers.Sum(r => r.BytesIn),
            BytesOut: groups.Sum(g => g.BytesOut),
            StateBytes: groups.Sum(g => g.StateBytes),
            StateEntries: groups.Sum(g => g.StateEntries),
            Watermark: watermarks.Length > 0 ? watermarks.Min() : long.MinValue,
            SourceLag: readers.Sum(r => r.Lag),
            Dropped: readers.Sum(r => r.Dropped),
            Duplicates: groups.Sum(g => g.Duplicates));
        var definition = run.Json ?? $"(C# pipeline '{Name}' registered at silo start-up)";
        return new PipelineStatus(Name, definition, run.Paused, State.CreatedMs, partitions.Select(PipelinePartitions.Name).ToArray(), metrics, plan.KeyGroups);
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>The source partitions' stream keys: the named streams, or every stream key matching the pattern now.</summary>
    private async Task<List<string>> Partitions(PipelinePlan plan)
    {
        var keys = plan.Source.Streams.Select(PipelinePartitions.StreamKey).ToList();
        if (plan.Source.Memory is { } memory)
        {
            keys.Add(PipelinePartitions.MemorySourceKey(memory));
        }
        if (plan.Source.Pattern is { } pattern)
        {
            var patternBytes = Encoding.UTF8.GetBytes(pattern);
            foreach (var key in await GrainFactory.GetGrain<IDatabaseGrain>(0).GetStreamKeys(MaxPatternStreams))
            {
                if (Glob.IsMatch(patternBytes, key))
                {
                    keys.Add(GrainKeys.Stream(0, key));
                }
            }
        }
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Readers of streams are started by their stream partition's grain, so they land on its silo.</summary>
    private Task StartReader(PipelineRun run, string partition) =>
        PipelinePartitions.MemorySource(partition) is not null
            ? Reader(run, partition).Ensure()
            : GrainFactory.GetGrain<IStreamPartitionGrain>(partition).StartReader(Reader(run, partition));

    private ISourceReaderGrain Reader(PipelineRun run, string streamKey) =>
        GrainFactory.GetGrain<ISourceReaderGrain>(PipelineKeys.Reader(run.Name, run.Incarnation, streamKey));

    private IKeyGroupGrain KeyGroup(PipelinePlan plan, PipelineRun run, int kg) =>
        PipelinePartitions.KeyGroup(GrainFactory, plan, run.Name, run.Incarnation, kg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline {Pipeline} was created but its readers did not start yet; retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception ex, string pipeline);
}
