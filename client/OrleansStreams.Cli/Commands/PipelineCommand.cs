using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;
using OrleansStreams.Grains;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>pipeline create|list|info|pause|resume|drop</c>: the PIPELINE.* commands through the SDK (docs/pipelines.md).</summary>
internal static class PipelineCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "the pipeline" };

    private static readonly Argument<string> File = new("file") { Description = "the JSON definition (docs/pipelines.md); - reads stdin" };

    public static Command Create() => new("pipeline", "Create, list, inspect, pause, resume and drop stream-processing pipelines")
    {
        new Command("create", "Create a pipeline from a JSON definition file") { Name, File }.WithAction(CreateAsync),
        new Command("list", "List the pipelines").WithAction(ListAsync),
        new Command("info", "Show a pipeline's state, definition and metrics") { Name }.WithAction(InfoAsync),
        new Command("pause", "Stop reading the pipeline's sources, keeping its state") { Name }.WithAction(c => SetPausedAsync(c, true)),
        new Command("resume", "Read the pipeline's sources again") { Name }.WithAction(c => SetPausedAsync(c, false)),
        new Command("drop", "Drop a pipeline and its state") { Name }.WithAction(DropAsync),
    };

    private static async Task<int> CreateAsync(CliContext context)
    {
        var (name, file) = (context.Get(Name), context.Get(File));
        string json;
        try
        {
            json = file == "-" ? await Console.In.ReadToEndAsync(context.Cancellation) : await System.IO.File.ReadAllTextAsync(file, context.Cancellation);
        }
        catch (IOException ex)
        {
            throw new UsageException($"cannot read {file}: {ex.Message}");
        }
        await context.Pipelines.CreateAsync(name, json, context.Cancellation);
        return Done(context, name, "created");
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        var names = await context.Pipelines.ListAsync(context.Cancellation);
        if (context.Json)
        {
            JsonOutput.Write(new JsonArray([.. names.Select(n => (JsonNode)n)]));
        }
        else
        {
            foreach (var name in names)
            {
                Console.WriteLine(name);
            }
        }
        return ExitCodes.Success;
    }

    private static async Task<int> InfoAsync(CliContext context)
    {
        var name = context.Get(Name);
        var status = await context.Pipelines.InfoAsync(name, context.Cancellation) ?? throw NoSuchPipeline(name);
        Display.Show(context, Document(status), name);
        return ExitCodes.Success;
    }

    private static async Task<int> SetPausedAsync(CliContext context, bool paused)
    {
        var name = context.Get(Name);
        await (paused ? context.Pipelines.PauseAsync(name, context.Cancellation) : context.Pipelines.ResumeAsync(name, context.Cancellation));
        return Done(context, name, paused ? "paused" : "resumed");
    }

    private static async Task<int> DropAsync(CliContext context)
    {
        var name = context.Get(Name);
        return await context.Pipelines.DropAsync(name, context.Cancellation) ? Done(context, name, "dropped") : throw NoSuchPipeline(name);
    }

    private static int Done(CliContext context, string name, string what)
    {
        if (context.Json)
        {
            JsonOutput.Write(new JsonObject { ["name"] = name, ["result"] = what });
        }
        else
        {
            Console.WriteLine($"pipeline {name} {what}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The pipeline grain's own wording for a missing pipeline (PIPELINE.INFO and DROP answer it too).</summary>
    private static PipelineException NoSuchPipeline(string name) =>
        new(nameof(PipelineErrorCode.NoSuchPipeline), $"no such pipeline '{name}'");

    /// <summary>A JSON definition as a JSON value scripts can query; a C# pipeline's description as text.</summary>
    private static JsonNode? Definition(string definition)
    {
        try
        {
            return JsonNode.Parse(definition);
        }
        catch (System.Text.Json.JsonException)
        {
            return definition;
        }
    }

    /// <summary>PIPELINE.INFO's fields, camelCased.</summary>
    private static JsonObject Document(PipelineStatus status)
    {
        var m = status.Metrics;
        return new JsonObject
        {
            ["name"] = status.Name,
            ["state"] = status.Paused ? "paused" : "running",
            ["definition"] = Definition(status.Definition),
            ["createdMs"] = status.CreatedMs,
            ["sources"] = new JsonArray([.. status.Sources.Select(s => (JsonNode)s)]),
            ["keyGroups"] = status.KeyGroups,
            ["eventsReceived"] = m.Received,
            ["eventsProcessed"] = m.Processed,
            ["eventsEmitted"] = m.Emitted,
            ["eventsFailed"] = m.Failed,
            ["eventsLateDropped"] = m.LateDropped,
            ["eventsLateSideOutput"] = m.LateSideOutput,
            ["eventsDropped"] = m.Dropped,
            ["duplicatesSkipped"] = m.Duplicates,
            ["latencyP50Ms"] = Math.Round(m.LatencyP50Ms, 3),
            ["latencyP99Ms"] = Math.Round(m.LatencyP99Ms, 3),
            ["bytesIn"] = m.BytesIn,
            ["bytesOut"] = m.BytesOut,
            ["stateBytes"] = m.StateBytes,
            ["stateEntries"] = m.StateEntries,
            ["watermark"] = m.Watermark == long.MinValue ? null : m.Watermark,
            ["sourceLag"] = m.SourceLag,
        };
    }
}
