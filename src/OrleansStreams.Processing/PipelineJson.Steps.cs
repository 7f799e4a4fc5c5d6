using System.Text.Json;

namespace OrleansStreams.Processing;

public static partial class PipelineJson
{
    private static readonly string[] StepKinds = ["filter", "map", "select", "drop", "flatMap", "keyBy", "window", "aggregate"];

    private static readonly string[] OpNames =
        ["count", "sum", "avg", "min", "max", "first", "last", "countDistinct", "collect", "duration"];

    private static void ReadSteps(JsonElement steps, PipelineBuilder builder)
    {
        if (steps.ValueKind != JsonValueKind.Array)
        {
            throw JsonDefinitionReader.Fail("steps", "must be an array");
        }
        var items = steps.EnumerateArray().ToArray();
        var keyed = false;
        var windowed = false;
        for (var i = 0; i < items.Length; i++)
        {
            var path = $"steps[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object || items[i].EnumerateObject().Count() != 1)
            {
                throw JsonDefinitionReader.Fail(path, $"must be an object with exactly one of {string.Join(", ", StepKinds)}");
            }
            var step = items[i].EnumerateObject().First();
            var stepPath = $"{path}.{step.Name}";
            var value = step.Value;
            switch (step.Name)
            {
                case "filter":
                    builder.Add(Steps.Filter(ExpressionText(value, stepPath), stepPath));
                    break;
                case "map":
                    builder.Add(Steps.Map(ReadAssignments(value, stepPath), stepPath));
                    break;
                case "select":
                    builder.Add(Steps.Select(JsonDefinitionReader.StringsOf(value, stepPath)));
                    break;
                case "drop":
                    builder.Add(Steps.Drop(JsonDefinitionReader.StringsOf(value, stepPath)));
                    break;
                case "flatMap":
                    builder.Add(Steps.FlatMap(FieldName(value, stepPath)));
                    break;
                case "keyBy":
                    Order(!keyed && !windowed, stepPath, "must come once, before window and aggregate");
                    Order(items.Skip(i + 1).Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("window", out _)), stepPath, "requires a window and aggregate step after it");
                    builder.KeyBy(value.ValueKind == JsonValueKind.String ? [FieldName(value, stepPath)] : JsonDefinitionReader.StringsOf(value, stepPath));
                    keyed = true;
                    break;
                case "window":
                    Order(!windowed, stepPath, "must come only once");
                    Order(i + 1 < items.Length && items[i + 1].ValueKind == JsonValueKind.Object && items[i + 1].TryGetProperty("aggregate", out _),
                        stepPath, "must be followed directly by an aggregate step");
                    builder.Window(ReadWindow(new JsonDefinitionReader(value, stepPath), path));
                    windowed = true;
                    break;
                case "aggregate":
                    Order(i > 0 && items[i - 1].TryGetProperty("window", out _), stepPath, "must directly follow a window step");
                    builder.Aggregate(ReadAggregates(value, path));
                    break;
                default:
                    throw JsonDefinitionReader.Fail(stepPath, "is not a known step");
            }
        }
    }

    private static void Order(bool condition, string path, string problem)
    {
        if (!condition)
        {
            throw JsonDefinitionReader.Fail(path, problem);
        }
    }

    private static string ExpressionText(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw JsonDefinitionReader.Fail(path, "must be a string expression");

    private static string FieldName(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name
            ? name
            : throw JsonDefinitionReader.Fail(path, "must be a non-empty field name");

    private static List<KeyValuePair<string, string>> ReadAssignments(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.EnumerateObject().Any())
        {
            throw JsonDefinitionReader.Fail(path, "must be an object of field: expression");
        }
        return [.. value.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, ExpressionText(p.Value, $"{path}.{p.Name}")))];
    }

    private static WindowSpec ReadWindow(JsonDefinitionReader window, string stepPath)
    {
        WindowSpec spec = window.OneOf("type", "tumbling", "sliding", "session", "count") switch
        {
            "tumbling" => new WindowSpec.Tumbling(window.RequiredInteger("sizeMs"), window.Integer("offsetMs", allowZero: true) ?? 0),
            "sliding" => new WindowSpec.Sliding(window.RequiredInteger("sizeMs"), window.RequiredInteger("slideMs")),
            "session" => new WindowSpec.Session(window.RequiredInteger("gapMs")),
            "count" => new WindowSpec.Count(window.RequiredInteger("size")),
            _ => throw JsonDefinitionReader.Fail(window.PathOf("type"), "is required"),
        };
        window.Done();
        Check(PlanRules.CheckWindow(spec), stepPath);
        return spec;
    }

    private static AggregateSpec[] ReadAggregates(JsonElement value, string stepPath)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonDefinitionReader.Fail($"{stepPath}.aggregate", "must be an array");
        }
        var specs = value.EnumerateArray().Select((item, j) => ReadAggregate(new JsonDefinitionReader(item, $"{stepPath}.aggregate[{j}]"))).ToArray();
        Check(PlanRules.CheckAggregates(specs), stepPath);
        return specs;
    }

    private static AggregateSpec ReadAggregate(JsonDefinitionReader aggregate)
    {
        var opName = aggregate.OneOf("op", OpNames) ?? throw JsonDefinitionReader.Fail(aggregate.PathOf("op"), "is required");
        var op = Enum.Parse<AggregateOp>(opName, ignoreCase: true);
        var field = aggregate.String("field");
        var name = aggregate.String("as") ?? (PlanRules.NeedsField(op) ? $"{opName}_{field}" : opName);
        var limit = aggregate.Integer("limit");
        if (limit is not null && op is not (AggregateOp.Collect or AggregateOp.CountDistinct))
        {
            throw JsonDefinitionReader.Fail(aggregate.PathOf("limit"), "is only allowed for collect and countDistinct");
        }
        aggregate.Done();
        return new AggregateSpec(op, field, name, (int)Math.Min(limit ?? 1000, int.MaxValue));
    }

    private static void Check(string? problem, string stepPath)
    {
        if (problem is not null)
        {
            throw new PipelineDefinitionException($"{stepPath}.{problem}");
        }
    }
}
