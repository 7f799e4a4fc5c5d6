using System.Globalization;
using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// PIPELINE.CREATE, DROP, LIST, INFO, PAUSE, RESUME: module-style commands over the pipeline grains
/// (docs/pipelines.md). Errors are <c>-ERR</c> replies naming the pipeline or the definition's fault.
/// </summary>
public static class PipelineCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Local("PIPELINE.CREATE", Create);
        registry.Local("PIPELINE.DROP", Drop);
        registry.Local("PIPELINE.LIST", List);
        registry.Local("PIPELINE.INFO", Info);
        registry.Local("PIPELINE.PAUSE", (context, args) => SetPaused(context, args, true));
        registry.Local("PIPELINE.RESUME", (context, args) => SetPaused(context, args, false));
    }

    private static IPipelineGrain Pipeline(CommandContext context, byte[] name) => context.Grains.GetGrain<IPipelineGrain>(Encoding.UTF8.GetString(name));

    private static async ValueTask<Reply> Create(CommandContext context, byte[][] args) =>
        Done(await Pipeline(context, args[1]).Create(Encoding.UTF8.GetString(args[2])));

    private static async ValueTask<Reply> Drop(CommandContext context, byte[][] args) =>
        await Pipeline(context, args[1]).Drop() ? Reply.Ok : Reply.Error(NoSuch(args[1]));

    private static async ValueTask<Reply> SetPaused(CommandContext context, byte[][] args, bool paused) =>
        Done(await Pipeline(context, args[1]).SetPaused(paused));

    private static async ValueTask<Reply> List(CommandContext context, byte[][] args) =>
        Reply.Array((await context.Grains.GetGrain<IPipelineRegistryGrain>(0).List()).Select(Reply.Bulk));

    private static async ValueTask<Reply> Info(CommandContext context, byte[][] args)
    {
        if (await Pipeline(context, args[1]).Info() is not { } status)
        {
            return Reply.Error(NoSuch(args[1]));
        }
        var m = status.Metrics;
        return Reply.Map(
            Reply.Bulk("name"), Reply.Bulk(status.Name),
            Reply.Bulk("state"), Reply.Bulk(State(status)),
            Reply.Bulk("definition"), Reply.Bulk(status.Definition),
            Reply.Bulk("created_ms"), Reply.Integer(status.CreatedMs),
            Reply.Bulk("sources"), Reply.Array(status.Sources.Select(Reply.Bulk)),
            Reply.Bulk("key_groups"), Reply.Integer(status.KeyGroups),
            Reply.Bulk("events_received"), Reply.Integer(m.Received),
            Reply.Bulk("events_processed"), Reply.Integer(m.Processed),
            Reply.Bulk("events_emitted"), Reply.Integer(m.Emitted),
            Reply.Bulk("events_failed"), Reply.Integer(m.Failed),
            Reply.Bulk("events_late_dropped"), Reply.Integer(m.LateDropped),
            Reply.Bulk("events_late_side_output"), Reply.Integer(m.LateSideOutput),
            Reply.Bulk("events_dropped"), Reply.Integer(m.Dropped),
            Reply.Bulk("duplicates_skipped"), Reply.Integer(m.Duplicates),
            Reply.Bulk("latency_p50_ms"), Reply.Bulk(Milliseconds(m.LatencyP50Ms)),
            Reply.Bulk("latency_p99_ms"), Reply.Bulk(Milliseconds(m.LatencyP99Ms)),
            Reply.Bulk("bytes_in"), Reply.Integer(m.BytesIn),
            Reply.Bulk("bytes_out"), Reply.Integer(m.BytesOut),
            Reply.Bulk("state_bytes"), Reply.Integer(m.StateBytes),
            Reply.Bulk("state_entries"), Reply.Integer(m.StateEntries),
            Reply.Bulk("watermark"), m.Watermark == long.MinValue ? Reply.NullBulk : Reply.Integer(m.Watermark),
            Reply.Bulk("source_lag"), Reply.Integer(m.SourceLag));
    }

    /// <summary>A pipeline's lifecycle state as PIPELINE.INFO and INFO pipelines show it.</summary>
    internal static string State(PipelineStatus status) => status.Paused ? "paused" : "running";

    /// <summary>A latency in milliseconds with at most three decimals, invariant.</summary>
    internal static string Milliseconds(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);

    private static Reply Done(PipelineError? error) => error is null ? Reply.Ok : Reply.Error("ERR " + error.Message);

    private static string NoSuch(byte[] name) => $"ERR no such pipeline '{Encoding.UTF8.GetString(name)}'";
}
