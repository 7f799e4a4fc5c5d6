using System.Text.Json.Nodes;

namespace OrleansStreams.Client;

/// <summary>
/// A pipeline definition built in C#, sent as the JSON of docs/pipelines.md (so it is checked by the
/// same rules as PIPELINE.CREATE and survives restarts like any JSON pipeline). Expressions are NCalc
/// strings, as in JSON. <c>Pipeline.From</c> of OrleansStreams.Processing is the in-silo form with C# lambdas.
/// </summary>
public sealed class PipelineDefinition
{
    private readonly JsonObject _root = [];
    private readonly JsonArray _steps = [];

    private PipelineDefinition(JsonObject source)
    {
        _root["source"] = source;
        _root["steps"] = _steps;
    }

    /// <summary>Reads one or more streams.</summary>
    public static PipelineDefinition From(params string[] streams) =>
        new(streams.Length == 1 ? new JsonObject { ["stream"] = streams[0] } : new JsonObject { ["streams"] = new JsonArray([.. streams.Select(s => (JsonNode)s)]) });

    /// <summary>Reads every stream whose name matches a glob (<c>orders:*</c>).</summary>
    public static PipelineDefinition FromPattern(string pattern) => new(new JsonObject { ["pattern"] = pattern });

    /// <summary>Where reading starts: <c>0</c> (default), <c>$</c> or an entry ID.</summary>
    public PipelineDefinition StartAt(string from) => Source("from", from);

    /// <summary>The field holding the event time (ms since the epoch).</summary>
    public PipelineDefinition EventTime(string field) => Source("eventTime", field);

    /// <summary>A field holding a JSON object whose properties become the fields.</summary>
    public PipelineDefinition JsonPayload(string field) => Source("json", field);

    /// <summary>Bounded out-of-orderness watermark.</summary>
    public PipelineDefinition BoundedWatermark(TimeSpan maxOutOfOrder, TimeSpan? idleTimeout = null) => Watermark("bounded", maxOutOfOrder, idleTimeout);

    /// <summary>Monotonic watermark (the highest event time seen).</summary>
    public PipelineDefinition MonotonicWatermark(TimeSpan? idleTimeout = null) => Watermark("monotonic", null, idleTimeout);

    public PipelineDefinition Filter(string expression) => Step("filter", expression);

    public PipelineDefinition Map(string field, string expression) => Step("map", new JsonObject { [field] = expression });

    public PipelineDefinition Select(params string[] fields) => Step("select", Strings(fields));

    public PipelineDefinition Drop(params string[] fields) => Step("drop", Strings(fields));

    public PipelineDefinition FlatMap(string arrayField) => Step("flatMap", arrayField);

    public PipelineDefinition KeyBy(params string[] fields) => Step("keyBy", fields.Length == 1 ? fields[0] : Strings(fields));

    public PipelineDefinition TumblingWindow(TimeSpan size) => Step("window", new JsonObject { ["type"] = "tumbling", ["sizeMs"] = Ms(size) });

    public PipelineDefinition SlidingWindow(TimeSpan size, TimeSpan slide) =>
        Step("window", new JsonObject { ["type"] = "sliding", ["sizeMs"] = Ms(size), ["slideMs"] = Ms(slide) });

    public PipelineDefinition SessionWindow(TimeSpan gap) => Step("window", new JsonObject { ["type"] = "session", ["gapMs"] = Ms(gap) });

    public PipelineDefinition CountWindow(long size) => Step("window", new JsonObject { ["type"] = "count", ["size"] = size });

    /// <summary>Aggregates of the window: <c>("count", null, "views")</c>, <c>("sum", "amount", "total")</c>…</summary>
    public PipelineDefinition Aggregate(params (string Op, string? Field, string? As)[] aggregates)
    {
        var array = new JsonArray();
        foreach (var (op, field, name) in aggregates)
        {
            var a = new JsonObject { ["op"] = op };
            if (field is not null)
            {
                a["field"] = field;
            }
            if (name is not null)
            {
                a["as"] = name;
            }
            array.Add(a);
        }
        return Step("aggregate", array);
    }

    /// <summary>Late events: <c>drop</c>, <c>allowedLateness</c>, <c>sideOutput</c> or <c>recompute</c>.</summary>
    public PipelineDefinition Late(string policy, TimeSpan? allowedLateness = null, string? stream = null)
    {
        var late = new JsonObject { ["policy"] = policy };
        if (allowedLateness is { } a)
        {
            late["allowedLatenessMs"] = Ms(a);
        }
        if (stream is not null)
        {
            late["stream"] = stream;
        }
        _root["late"] = late;
        return this;
    }

    public PipelineDefinition ToStream(string stream, long? maxLength = null)
    {
        var sink = new JsonObject { ["stream"] = stream };
        if (maxLength is { } m)
        {
            sink["maxLen"] = m;
        }
        _root["sink"] = sink;
        return this;
    }

    public PipelineDefinition ToHash(string prefix, TimeSpan? ttl = null)
    {
        var sink = new JsonObject { ["hash"] = prefix };
        if (ttl is { } t)
        {
            sink["ttlMs"] = Ms(t);
        }
        _root["sink"] = sink;
        return this;
    }

    public PipelineDefinition Errors(string stream) => Set("errors", new JsonObject { ["stream"] = stream });

    public PipelineDefinition KeyGroups(int count) => Set("keyGroups", count);

    public PipelineDefinition BatchSize(int size) => Set("batchSize", size);

    /// <summary>The JSON definition, as PIPELINE.CREATE takes it.</summary>
    public string ToJson() => _root.ToJsonString(Readable);

    public override string ToString() => ToJson();

    private PipelineDefinition Watermark(string type, TimeSpan? maxOutOfOrder, TimeSpan? idleTimeout)
    {
        var w = new JsonObject { ["type"] = type };
        if (maxOutOfOrder is { } m)
        {
            w["maxOutOfOrderMs"] = Ms(m);
        }
        if (idleTimeout is { } i)
        {
            w["idleTimeoutMs"] = Ms(i);
        }
        return Set("watermark", w);
    }

    private PipelineDefinition Source(string name, string value)
    {
        ((JsonObject)_root["source"]!)[name] = value;
        return this;
    }

    private PipelineDefinition Step(string name, JsonNode value)
    {
        _steps.Add(new JsonObject { [name] = value });
        return this;
    }

    private PipelineDefinition Set(string name, JsonNode value)
    {
        _root[name] = value;
        return this;
    }

    /// <summary>Quotes in expressions (<c>type == 'view'</c>) stay readable instead of <c>\u0027</c>.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray Strings(string[] values) => new([.. values.Select(v => (JsonNode)v)]);

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;
}
