namespace OrleansStreams.Processing;

/// <summary>
/// A compiled pipeline, the one runtime form of JSON (<see cref="PipelineJson"/>) and C# (<see cref="Pipeline"/>)
/// definitions: source → <see cref="Pre"/> steps → key → window + aggregates, or <see cref="Process"/> → <see cref="Post"/>
/// steps → sink. Immutable once built and safe to share between threads: source readers call
/// <see cref="Prepare"/>, key groups call <see cref="Finish"/> and <see cref="RunProcess"/>.
/// </summary>
public sealed partial class PipelinePlan
{
    public required string Name { get; init; }

    /// <summary>The JSON definition text; null for C# pipelines.</summary>
    public string? Json { get; init; }

    public required SourceSpec Source { get; init; }

    public WatermarkSpec Watermark { get; init; } = new WatermarkSpec.Monotonic();

    /// <summary>Steps on source events, before the key.</summary>
    public IReadOnlyList<IEventStep> Pre { get; init; } = [];

    /// <summary>keyBy fields; the key is their values joined with ':' (a missing field is the empty string). Empty: one key, "".</summary>
    public IReadOnlyList<string> KeyFields { get; init; } = [];

    /// <summary>A C# key function; when set it replaces <see cref="KeyFields"/>.</summary>
    public Func<PipelineEvent, string>? KeySelector { get; init; }

    public WindowSpec? Window { get; init; }

    public IReadOnlyList<AggregateSpec> Aggregates { get; init; } = [];

    /// <summary>The stateful operator of a keyed pipeline without a window (C# Process or Reduce).</summary>
    public KeyedProcess? Process { get; init; }

    /// <summary>Steps on result events (window results or Process output), before the sink.</summary>
    public IReadOnlyList<IEventStep> Post { get; init; } = [];

    public LatePolicy Late { get; init; } = LatePolicy.Drop;

    public required SinkSpec Sink { get; init; }

    /// <summary>Stream that receives events the pipeline fails on (fields <c>entry</c>, <c>stream</c>, <c>error</c>).</summary>
    public required string ErrorStream { get; init; }

    public BufferSpec Buffer { get; init; } = BufferSpec.Default;

    public int KeyGroups { get; init; } = 128;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Entries per source batch unless the definition says otherwise: big enough that the per-key-group call cost is shared by many events (docs/benchmarks.md, pipelines).</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>True when a later stage needs whole events (<see cref="KeyedEvent.Fields"/>): late side output or <see cref="Process"/>.</summary>
    public bool NeedsFields => Process is not null || IsStateless || Late.Kind == LatePolicyKind.SideOutput;

    /// <summary>No window and no process: events pass through (after the stateless steps) to the sink, in order.</summary>
    public bool IsStateless => Window is null && Process is null;

    /// <summary>The default error stream of a pipeline: <c>pipeline:{name}:errors</c>.</summary>
    public static string DefaultErrorStream(string name) => $"pipeline:{name}:errors";

    /// <summary>
    /// The key group of a key: FNV-1a (32-bit: offset basis 2166136261, prime 16777619) over the key's UTF-8
    /// bytes, as an unsigned integer, modulo <see cref="KeyGroups"/>.
    /// </summary>
    public int KeyGroupOf(string key) => KeyGroupOf(key, KeyGroups);

    /// <inheritdoc cref="KeyGroupOf(string)"/>
    public static int KeyGroupOf(string key, int keyGroups) => Partitioning.KeyPartitioner.PartitionOf(key, keyGroups);

    /// <summary>
    /// Result side of a window: the result as an event (fields <c>key</c>, <c>window_start</c>,
    /// <c>window_end</c>, then each aggregate's name; event time window_end − 1) through the <see cref="Post"/> steps.
    /// </summary>
    /// <exception cref="PipelineEventException">A post step fails.</exception>
    public void Finish(WindowResult result, List<PipelineEvent> output)
    {
        var e = new PipelineEvent { Timestamp = result.WindowEnd - 1 };
        e.Fields["key"] = result.Key;
        e.Fields["window_start"] = result.WindowStart;
        e.Fields["window_end"] = result.WindowEnd;
        for (var i = 0; i < result.Names.Length; i++)
        {
            e.Fields[result.Names[i]] = EventValues.FromText(result.Values[i]);
        }
        RunSteps(Post, e, output);
    }

    /// <summary>
    /// Result side of a stateful pipeline: <see cref="Process"/> on the event rebuilt from
    /// <see cref="KeyedEvent.Fields"/> (event time and source ID kept), then its output through the <see cref="Post"/> steps.
    /// </summary>
    /// <exception cref="PipelineEventException">The process or a post step fails.</exception>
    public void RunProcess(KeyedEvent e, IKeyedState state, List<PipelineEvent> output)
    {
        // A stateless pipeline passes each event through as it came out of the stateless steps.
        var process = Process ?? (IsStateless ? PassThrough : throw new InvalidOperationException($"pipeline '{Name}' has no process step"));
        var fields = e.Fields ?? [];
        var pairs = new List<KeyValuePair<string, string>>(fields.Length / 2);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            pairs.Add(new(fields[i], fields[i + 1]));
        }
        var input = PipelineEvent.FromFields(e.SourceId, pairs, null);
        input.Timestamp = e.Timestamp;
        var emitted = new List<PipelineEvent>();
        try
        {
            process(input, state, emitted);
        }
        catch (Exception ex) when (ex is not PipelineEventException)
        {
            throw new PipelineEventException($"process failed: {ex.Message}", ex);
        }
        foreach (var item in emitted)
        {
            RunSteps(Post, item, output);
        }
    }

    private static void PassThrough(PipelineEvent e, IKeyedState state, List<PipelineEvent> output) => output.Add(e);

    /// <summary>Runs <paramref name="e"/> through <paramref name="steps"/> in order, appending what comes out to <paramref name="output"/>.</summary>
    internal static void RunSteps(IReadOnlyList<IEventStep> steps, PipelineEvent e, List<PipelineEvent> output)
    {
        if (steps.Count == 0)
        {
            output.Add(e);
            return;
        }
        List<PipelineEvent> current = [e];
        for (var i = 0; i < steps.Count; i++)
        {
            var next = i == steps.Count - 1 ? output : [];
            foreach (var item in current)
            {
                try
                {
                    steps[i].Apply(item, next);
                }
                catch (Exception ex) when (ex is not PipelineEventException)
                {
                    throw new PipelineEventException($"step {i} failed: {ex.Message}", ex);
                }
            }
            current = next;
        }
    }
}
