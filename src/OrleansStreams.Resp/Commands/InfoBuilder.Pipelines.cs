using System.Globalization;
using System.Text;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Commands;

public static partial class InfoBuilder
{
    /// <summary>
    /// This server's own section: one line per pipeline with its state and the counters operators alert on
    /// (docs/pipelines.md, "INFO pipelines"). Not in the default INFO: each pipeline's metrics ask every one
    /// of its readers and key groups, too much for a command that monitoring agents poll every few seconds.
    /// </summary>
    private static async Task AppendPipelines(CommandContext context, StringBuilder sb)
    {
        var names = await context.Grains.GetGrain<IPipelineRegistryGrain>(0).List();
        var statuses = await Task.WhenAll(names.Select(name => TryInfo(context.Grains.GetGrain<IPipelineGrain>(name))));
        sb.Append(CultureInfo.InvariantCulture, $"pipelines:{names.Length}\r\n");
        for (var i = 0; i < names.Length; i++)
        {
            sb.Append("pipeline_").Append(names[i]).Append(':');
            if (statuses[i] is not { } status)
            {
                // Dropped meanwhile, or its metrics could not be gathered: one bad pipeline does not fail INFO.
                sb.Append("state=unavailable\r\n");
                continue;
            }
            var m = status.Metrics;
            var watermark = m.Watermark == long.MinValue ? "none" : m.Watermark.ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"state={PipelineCommands.State(status)},received={m.Received},processed={m.Processed},emitted={m.Emitted},failed={m.Failed},late_dropped={m.LateDropped},late_side_output={m.LateSideOutput},watermark={watermark},lag={m.SourceLag},p99_ms={PipelineCommands.Milliseconds(m.LatencyP99Ms)}\r\n");
        }
    }

    private static async Task<PipelineStatus?> TryInfo(IPipelineGrain pipeline)
    {
        try
        {
            return await pipeline.Info();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}
