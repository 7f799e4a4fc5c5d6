using System.Text;
using System.Text.Json;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>The JSON form of a pipeline (docs/pipelines.md), compiled to the same <see cref="PipelinePlan"/> as the fluent API.</summary>
public static partial class PipelineJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses, checks and compiles a JSON definition; expressions are parsed here, once.</summary>
    /// <exception cref="PipelineDefinitionException">The definition breaks a rule; the message names the JSON path.</exception>
    public static PipelinePlan Parse(string name, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new PipelineDefinitionException($"the definition is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PipelineDefinitionException("the definition must be a JSON object");
            }
            var root = new JsonDefinitionReader(document.RootElement, "");
            var builder = ReadSource(root.Object("source") ?? throw JsonDefinitionReader.Fail("source", "is required"));
            builder.DefinitionText(json);
            if (root.Object("watermark") is { } watermark)
            {
                builder.Watermark(ReadWatermark(watermark));
            }
            if (root.Element("steps") is { } steps)
            {
                ReadSteps(steps, builder);
            }
            if (root.Object("late") is { } late)
            {
                builder.Late(ReadLate(late));
            }
            builder.To(ReadSink(root.Object("sink") ?? throw JsonDefinitionReader.Fail("sink", "is required")));
            ReadOptions(root, builder);
            root.Done();
            return builder.Build(name);
        }
    }

    private static PipelineBuilder ReadSource(JsonDefinitionReader source)
    {
        if (source.CountOf("stream", "streams", "pattern", "memory") != 1)
        {
            throw JsonDefinitionReader.Fail("source", "must have exactly one of stream, streams, pattern, memory");
        }
        var builder = source.String("stream") is { } stream ? Pipeline.From(stream)
            : source.Strings("streams") is { } streams ? Pipeline.From(streams)
            : source.String("pattern") is { } pattern ? Pipeline.FromPattern(pattern)
            : Pipeline.FromMemory(source.RequiredString("memory"));
        if (source.String("from") is { } from)
        {
            if (from is not ("0" or "$") && !StreamEntryId.TryParse(Encoding.ASCII.GetBytes(from), 0, out _))
            {
                throw JsonDefinitionReader.Fail("source.from", "must be \"0\", \"$\" or an entry ID");
            }
            builder.StartAt(from);
        }
        if (source.String("eventTime") is { } eventTime)
        {
            builder.EventTime(eventTime);
        }
        if (source.String("json") is { } jsonField)
        {
            builder.Json(jsonField);
        }
        source.Done();
        return builder;
    }

    private static WatermarkSpec ReadWatermark(JsonDefinitionReader watermark)
    {
        WatermarkSpec spec = watermark.OneOf("type", "bounded", "monotonic", "periodic") switch
        {
            "bounded" => new WatermarkSpec.Bounded(watermark.Integer("maxOutOfOrderMs", allowZero: true) ?? 0),
            "monotonic" => new WatermarkSpec.Monotonic(),
            "periodic" => new WatermarkSpec.Periodic(
                watermark.RequiredInteger("intervalMs"), watermark.Integer("maxOutOfOrderMs", allowZero: true) ?? 0),
            _ => throw JsonDefinitionReader.Fail("watermark.type", "is required"),
        };
        if (watermark.Integer("idleTimeoutMs", allowZero: true) is { } idle)
        {
            spec = spec with { IdleTimeoutMs = idle };
        }
        watermark.Done();
        return spec;
    }

    private static LatePolicy ReadLate(JsonDefinitionReader late)
    {
        var kind = late.OneOf("policy", "drop", "allowedLateness", "sideOutput", "recompute") switch
        {
            "drop" => LatePolicyKind.Drop,
            "allowedLateness" => LatePolicyKind.AllowedLateness,
            "sideOutput" => LatePolicyKind.SideOutput,
            "recompute" => LatePolicyKind.Recompute,
            _ => throw JsonDefinitionReader.Fail("late.policy", "is required"),
        };
        var policy = new LatePolicy(kind, late.Integer("allowedLatenessMs") ?? 0, late.String("stream"));
        late.Done();
        return policy;
    }

    private static SinkSpec ReadSink(JsonDefinitionReader sink)
    {
        if (sink.CountOf("stream", "hash", "memory") != 1)
        {
            throw JsonDefinitionReader.Fail("sink", "must have exactly one of stream, hash, memory");
        }
        SinkSpec spec = sink.String("stream") is { } stream ? new SinkSpec.Stream(stream, sink.Integer("maxLen"))
            : sink.String("hash") is { } prefix ? new SinkSpec.Hash(prefix, sink.Integer("ttlMs"))
            : new SinkSpec.Memory(sink.RequiredString("memory"));
        sink.Done();
        return spec;
    }

    private static void ReadOptions(JsonDefinitionReader root, PipelineBuilder builder)
    {
        if (root.Object("errors") is { } errors)
        {
            builder.Errors(errors.RequiredString("stream"));
            errors.Done();
        }
        if (root.Object("buffer") is { } buffer)
        {
            var policy = buffer.OneOf("policy", "block", "dropOldest", "dropNewest") switch
            {
                "dropOldest" => BufferPolicy.DropOldest,
                "dropNewest" => BufferPolicy.DropNewest,
                _ => BufferPolicy.Block,
            };
            builder.Buffer((int)Math.Min(buffer.Integer("capacity") ?? BufferSpec.Default.Capacity, int.MaxValue), policy);
            buffer.Done();
        }
        if (root.Element("keyGroups") is { } keyGroups)
        {
            if (!keyGroups.TryGetInt32(out var count) || count is < 1 or > PlanRules.MaxKeyGroups)
            {
                throw JsonDefinitionReader.Fail("keyGroups", $"must be between 1 and {PlanRules.MaxKeyGroups}");
            }
            builder.KeyGroups(count);
        }
        if (root.Integer("batchSize") is { } batchSize)
        {
            builder.BatchSize((int)Math.Min(batchSize, int.MaxValue));
        }
    }
}
