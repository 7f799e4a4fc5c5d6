using System.Text.RegularExpressions;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>INFO pipelines: one line per pipeline with its state and counters; only when asked for (or all / everything).</summary>
public sealed class PipelineInfoSectionTests
{
    private const string Definition = """
        {"source":{"stream":"info:in","eventTime":"ts"},
         "steps":[{"keyBy":"k"},{"window":{"type":"tumbling","sizeMs":1000}},{"aggregate":[{"op":"count","as":"n"}]}],
         "sink":{"stream":"info:out"}}
        """;

    // Monotonic watermark: the highest event time, 2000, which closes a's window [1000, 2000) only.
    private const string Counts = "^pipeline_counts:state=running,received=3,processed=3,emitted=1,failed=0,late_dropped=0,late_side_output=0,watermark=2000,lag=0,p99_ms=[0-9.]+$";

    [Fact]
    public async Task Info_pipelines_lists_each_pipeline_with_state_counters_and_watermark()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        Assert.Equal("# Pipelines\r\npipelines:0\r\n", (await client.ValueAsync("INFO", "pipelines")).Text);

        await PipelineDriver.CreateAsync(client, "counts", Definition);
        await PipelineDriver.CreateAsync(client, "idle", Definition.Replace("info:in", "info:none").Replace("info:out", "info:none:out"));
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.PAUSE", "idle")).Text);
        await PipelineDriver.AddAsync(client, "info:in", [new TestEvent(1000, ("k", "a")), new TestEvent(1500, ("k", "a")), new TestEvent(2000, ("k", "b"))]);
        await PipelineDriver.ResultsAsync(client, "info:out", 1);

        string[] lines = [];
        await Poll.UntilAsync(async () =>
        {
            lines = (await client.ValueAsync("INFO", "pipelines")).Text!.Split("\r\n");
            return lines.Length > 2 && Regex.IsMatch(lines[2], Counts);
        }, PipelineDriver.ResultTimeout, "INFO pipelines to show the counts of every event and the emitted result");

        Assert.Equal("# Pipelines", lines[0]);
        Assert.Equal("pipelines:2", lines[1]);
        Assert.Matches(Counts, lines[2]);
        Assert.Equal("pipeline_idle:state=paused,received=0,processed=0,emitted=0,failed=0,late_dropped=0,late_side_output=0,watermark=none,lag=0,p99_ms=0", lines[3]);
        Assert.Contains("\r\n# Pipelines\r\npipelines:2\r\n", (await client.ValueAsync("INFO", "all")).Text, StringComparison.Ordinal);
        Assert.Contains("\r\n# Pipelines\r\n", (await client.ValueAsync("INFO", "everything")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("# Pipelines", (await client.ValueAsync("INFO")).Text, StringComparison.Ordinal);
    }
}
