namespace OrleansStreams.Processing;

/// <summary>Entry points of the fluent C# API (docs/pipelines.md): <c>Pipeline.From("clicks")…Build("name")</c>.</summary>
public static class Pipeline
{
    /// <summary>Reads the named streams.</summary>
    public static PipelineBuilder From(params string[] streams) => new(new SourceSpec(streams, null));

    /// <summary>Reads every stream whose name matches a glob pattern (<c>orders:*</c>).</summary>
    public static PipelineBuilder FromPattern(string pattern) => new(new SourceSpec([], pattern));

    /// <summary>Reads a process-wide memory source (<see cref="MemoryPipelineIO"/>).</summary>
    public static PipelineBuilder FromMemory(string name) => new(new SourceSpec([], null, Memory: name));
}

/// <summary>
/// Builds a <see cref="PipelinePlan"/>. Steps added before <see cref="Aggregate"/> or <see cref="Process"/> run on
/// source events; steps added after run on results. <see cref="Build"/> checks the same rules as the JSON form.
/// </summary>
public sealed class PipelineBuilder
{
    private const string ReduceState = "reduce";

    private readonly List<IEventStep> _pre = [];
    private readonly List<IEventStep> _post = [];
    private SourceSpec _source;
    private WatermarkSpec _watermark = new WatermarkSpec.Monotonic();
    private string[] _keyFields = [];
    private Func<PipelineEvent, string>? _keySelector;
    private bool _keyed;
    private WindowSpec? _window;
    private AggregateSpec[] _aggregates = [];
    private KeyedProcess? _process;
    private LatePolicy _late = LatePolicy.Drop;
    private SinkSpec? _sink;
    private string? _errorStream;
    private BufferSpec _buffer = BufferSpec.Default;
    private int _keyGroups = 128;
    private int _batchSize = PipelinePlan.DefaultBatchSize;
    private string? _json;

    internal PipelineBuilder(SourceSpec source) => _source = source;

    private bool AfterResult => _aggregates.Length > 0 || _process is not null;

    private List<IEventStep> Steps => AfterResult ? _post : _pre;

    /// <summary>Where to start reading: "0" (default), "$" (only new entries) or an entry ID.</summary>
    public PipelineBuilder StartAt(string from) => Set(() => _source = _source with { From = from });

    /// <summary>The field that holds the event time (ms since the epoch); without it the entry ID's ms is used.</summary>
    public PipelineBuilder EventTime(string field) => Set(() => _source = _source with { EventTimeField = field });

    /// <summary>A field holding a JSON object whose properties become the event's fields.</summary>
    public PipelineBuilder Json(string field) => Set(() => _source = _source with { JsonField = field });

    public PipelineBuilder Watermark(WatermarkSpec watermark) => Set(() => _watermark = watermark);

    public PipelineBuilder Filter(Func<PipelineEvent, bool> predicate) => Add(new FilterStep(predicate));

    /// <summary>Keeps events for which the expression (docs/pipelines.md) is true.</summary>
    public PipelineBuilder Filter(string expression) => Add(Processing.Steps.Filter(expression, StepPath("filter")));

    public PipelineBuilder Map(Func<PipelineEvent, PipelineEvent> map) => Add(new MapStep(map));

    /// <summary>Sets <paramref name="field"/> to the expression's value.</summary>
    public PipelineBuilder Map(string field, string expression) => Map([new(field, expression)]);

    /// <summary>Sets each field to its expression's value (all evaluated on the event before the step).</summary>
    public PipelineBuilder Map(IReadOnlyList<KeyValuePair<string, string>> assignments) =>
        Add(Processing.Steps.Map(assignments, StepPath("map")));

    public PipelineBuilder FlatMap(Func<PipelineEvent, IEnumerable<PipelineEvent>> flatMap) => Add(new FlatMapStep(flatMap));

    /// <summary>One event per element of an array field (as the JSON <c>flatMap</c> step).</summary>
    public PipelineBuilder FlatMap(string arrayField) => Add(Processing.Steps.FlatMap(arrayField));

    public PipelineBuilder Select(params string[] fields) => Add(Processing.Steps.Select(fields));

    public PipelineBuilder Drop(params string[] fields) => Add(Processing.Steps.Drop(fields));

    /// <summary>Keys events by the fields' values joined with ':' (a missing field is the empty string).</summary>
    public PipelineBuilder KeyBy(params string[] fields) => SetKey(() => _keyFields = fields);

    public PipelineBuilder KeyBy(Func<PipelineEvent, string> keySelector) => SetKey(() => _keySelector = keySelector);

    public PipelineBuilder Window(WindowSpec window)
    {
        Require(_window is null && !AfterResult, "window must come once, before aggregate");
        _window = window;
        return this;
    }

    public PipelineBuilder Aggregate(params AggregateSpec[] aggregates)
    {
        Require(_window is not null && !AfterResult, "aggregate must follow a window");
        _aggregates = aggregates;
        return this;
    }

    /// <summary>A stateful operator per key (no window): sees each event with its key's state and emits any events.</summary>
    public PipelineBuilder Process(KeyedProcess process)
    {
        Require(_keyed && _window is null && !AfterResult, "process must follow keyBy, without a window");
        _process = process;
        return this;
    }

    /// <summary>A rolling reduce per key: the first event is the accumulator, each later one replaces it with
    /// <c>reduce(accumulator, event)</c>; the accumulator is kept in keyed state and emitted after every event.</summary>
    public PipelineBuilder Reduce(Func<PipelineEvent, PipelineEvent, PipelineEvent> reduce) => Process((e, state, output) =>
    {
        var stored = state.Get<string[]>(ReduceState);
        var accumulator = stored is null ? e : reduce(Unflatten(stored, e), e);
        accumulator.Id = e.Id;
        accumulator.Timestamp = e.Timestamp;
        state.Put(ReduceState, Flatten(accumulator));
        output.Add(accumulator);
    });

    public PipelineBuilder Late(LatePolicy late) => Set(() => _late = late);

    public PipelineBuilder ToStream(string name, long? maxLen = null) => Set(() => _sink = new SinkSpec.Stream(name, maxLen));

    public PipelineBuilder ToHash(string prefix, TimeSpan? ttl = null) =>
        Set(() => _sink = new SinkSpec.Hash(prefix, ttl is { } t ? Windows.Ms(t) : null));

    public PipelineBuilder ToMemory(string name) => Set(() => _sink = new SinkSpec.Memory(name));

    public PipelineBuilder To(SinkSpec sink) => Set(() => _sink = sink);

    public PipelineBuilder Errors(string stream) => Set(() => _errorStream = stream);

    public PipelineBuilder Buffer(int capacity, BufferPolicy policy = BufferPolicy.Block) => Set(() => _buffer = new(capacity, policy));

    public PipelineBuilder KeyGroups(int count) => Set(() => _keyGroups = count);

    public PipelineBuilder BatchSize(int size) => Set(() => _batchSize = size);

    internal PipelineBuilder DefinitionText(string json) => Set(() => _json = json);

    /// <summary>Checks the definition and compiles it.</summary>
    /// <exception cref="PipelineDefinitionException">A rule is broken; the message says which.</exception>
    public PipelinePlan Build(string name)
    {
        Require(!string.IsNullOrWhiteSpace(name), "the pipeline name must be a non-empty string");
        Require(_window is null || _aggregates.Length > 0, "window requires an aggregate");
        Check(_window is null ? null : PlanRules.CheckWindow(_window));
        Check(_aggregates.Length > 0 ? PlanRules.CheckAggregates(_aggregates) : null);
        Check(PlanRules.CheckWatermark(_watermark));
        Check(PlanRules.CheckLate(_late));
        Require(_late.Kind == LatePolicyKind.Drop || _window is not null, "late.policy other than drop requires a window");
        Require(_sink is not null, "sink is required");
        Check(PlanRules.CheckSink(_sink!));
        Require(_sink is not SinkSpec.Hash || _window is not null, "sink.hash requires a window");
        Require(!_keyed || _window is not null || _process is not null, "keyBy requires a window and aggregate (or a C# process)");
        Require(_keyGroups is >= 1 and <= PlanRules.MaxKeyGroups, $"keyGroups must be between 1 and {PlanRules.MaxKeyGroups}");
        Require(_batchSize > 0, $"batchSize {PlanRules.PositiveInteger}");
        Require(_buffer.Capacity > 0, $"buffer.capacity {PlanRules.PositiveInteger}");
        return new PipelinePlan
        {
            Name = name,
            Json = _json,
            Source = _source,
            Watermark = _watermark,
            Pre = [.. _pre],
            KeyFields = _keyFields,
            KeySelector = _keySelector,
            Window = _window,
            Aggregates = _aggregates,
            Process = _process,
            Post = [.. _post],
            Late = _late,
            Sink = _sink!,
            ErrorStream = _errorStream ?? PipelinePlan.DefaultErrorStream(name),
            Buffer = _buffer,
            KeyGroups = _keyGroups,
            BatchSize = _batchSize,
        };
    }

    private string StepPath(string kind) => $"steps[{_pre.Count + _post.Count}].{kind}";

    internal PipelineBuilder Add(IEventStep step)
    {
        Steps.Add(step);
        return this;
    }

    private PipelineBuilder SetKey(Action set)
    {
        Require(!_keyed && _window is null && !AfterResult, "keyBy must come once, before window and aggregate");
        set();
        _keyed = true;
        return this;
    }

    private PipelineBuilder Set(Action set)
    {
        set();
        return this;
    }

    private static void Require(bool condition, string problem) => Check(condition ? null : problem);

    private static void Check(string? problem)
    {
        if (problem is not null)
        {
            throw new PipelineDefinitionException(problem);
        }
    }

    private static string[] Flatten(PipelineEvent e) => [.. e.ToFields().SelectMany(p => new[] { p.Key, p.Value })];

    private static PipelineEvent Unflatten(string[] flat, PipelineEvent current)
    {
        var pairs = new List<KeyValuePair<string, string>>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            pairs.Add(new(flat[i], flat[i + 1]));
        }
        return PipelineEvent.FromFields(current.Id, pairs, null);
    }
}
