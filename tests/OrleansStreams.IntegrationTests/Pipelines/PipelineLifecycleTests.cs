using System.Globalization;
using OrleansStreams.IntegrationTests.Durability;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>PIPELINE.* over RESP: errors, list, pause and resume, drop, late data, and kill -9 mid-run.</summary>
public sealed class PipelineLifecycleTests
{
    private const long Minute = 60_000;
    private const long Base = 1_700_000_040_000; // a whole minute since the epoch

    private const string CountJson = """
        {"source":{"stream":"SRC","eventTime":"ts"},
         "watermark":{"type":"bounded","maxOutOfOrderMs":1000},
         "steps":[{"keyBy":"k"},{"window":{"type":"tumbling","sizeMs":60000}},{"aggregate":[{"op":"count","as":"n"},{"op":"sum","field":"v","as":"total"}]}],
         "late":{"policy":"drop"},
         "sink":{"stream":"SINK"}}
        """;

    private static string Count(string source, string sink) => CountJson.Replace("SRC", source).Replace("SINK", sink);

    private static IEnumerable<TestEvent> Events(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new TestEvent(Base + i * 1000L, ("k", "k" + (i % 5).ToString(CultureInfo.InvariantCulture)), ("v", i.ToString(CultureInfo.InvariantCulture))));

    private static Dictionary<(string, long), (int N, long Total)> Expected(IEnumerable<TestEvent> events) =>
        events.GroupBy(e => (e.Get("k"), e.Ts - e.Ts % Minute))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(e => long.Parse(e.Get("v"), CultureInfo.InvariantCulture))));

    private static void AssertResults(Dictionary<(string, long), (int N, long Total)> expected, Dictionary<(string Key, long Start), Dictionary<string, string>> results)
    {
        Assert.Equal(expected.Keys.Order(), results.Keys.Order());
        foreach (var (window, (n, total)) in expected)
        {
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), results[window]["n"]);
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), results[window]["total"]);
        }
    }

    [Fact]
    public async Task Commands_answer_errors_list_pause_resume_and_drop()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();

        Assert.Equal("ERR no such pipeline 'nope'", (await client.ValueAsync("PIPELINE.INFO", "nope")).Text);
        Assert.Equal("ERR no such pipeline 'nope'", (await client.ValueAsync("PIPELINE.DROP", "nope")).Text);
        Assert.Equal("ERR no such pipeline 'nope'", (await client.ValueAsync("PIPELINE.PAUSE", "nope")).Text);
        Assert.Equal("ERR wrong number of arguments for 'pipeline.create' command", (await client.ValueAsync("PIPELINE.CREATE", "x")).Text);
        var invalid = await client.ValueAsync("PIPELINE.CREATE", "bad", """{"source":{"stream":"s"},"steps":[{"window":{"type":"hopping","sizeMs":1}}],"sink":{"stream":"o"}}""");
        Assert.True(invalid.IsError);
        Assert.StartsWith("ERR invalid pipeline definition", invalid.Text);
        Assert.True((await client.ValueAsync("PIPELINE.CREATE", "bad", "{not json")).IsError);
        Assert.Equal("OK", (await client.ValueAsync("SET", "not-a-stream", "x")).Text);
        Assert.Equal("ERR source 'not-a-stream' holds the wrong kind of value (not a stream)", (await client.ValueAsync("PIPELINE.CREATE", "bad", Count("not-a-stream", "o"))).Text);
        Assert.Empty((await client.ValueAsync("PIPELINE.LIST")).Items);

        await PipelineDriver.CreateAsync(client, "p1", Count("in1", "out1"));
        Assert.Equal("ERR pipeline 'p1' already exists", (await client.ValueAsync("PIPELINE.CREATE", "p1", Count("in1", "out1"))).Text);
        Assert.Equal(["p1"], (await client.ValueAsync("PIPELINE.LIST")).Items.Select(i => i.Text));

        // Paused: entries wait in the stream; resumed: they are processed.
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.PAUSE", "p1")).Text);
        Assert.Equal("paused", (await PipelineDriver.InfoAsync(client, "p1"))["state"].Text);
        var events = Events(0, 130).ToList();
        await PipelineDriver.AddAsync(client, "in1", events);
        Assert.Equal(0, (await PipelineDriver.InfoAsync(client, "p1"))["events_received"].Integer);
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.RESUME", "p1")).Text);
        var expected = Expected(events.Where(e => e.Ts < Base + 2 * Minute));
        var results = await PipelineDriver.ResultsAsync(client, "out1", expected.Count);
        AssertResults(expected, results);
        var info = await PipelineDriver.InfoAsync(client, "p1");
        Assert.Equal("running", info["state"].Text);
        Assert.Equal(130, info["events_received"].Integer);
        Assert.Equal(130, info["events_processed"].Integer);
        Assert.Equal(["in1"], info["sources"].Items.Select(i => i.Text));

        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.DROP", "p1")).Text);
        Assert.Empty((await client.ValueAsync("PIPELINE.LIST")).Items);
        Assert.True((await client.ValueAsync("PIPELINE.INFO", "p1")).IsError);
        // The internal consumer group went with it.
        Assert.Empty((await client.ValueAsync("XINFO", "GROUPS", "in1")).Items);
    }

    [Fact]
    public async Task Late_events_are_dropped_and_counted_or_sent_to_a_side_output()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        await PipelineDriver.CreateAsync(client, "drop", Count("late:in", "late:out"));
        await PipelineDriver.CreateAsync(client, "side", Count("late:in", "late:out2").Replace("\"late\":{\"policy\":\"drop\"}", "\"late\":{\"policy\":\"sideOutput\",\"stream\":\"late:events\"}"));
        var onTime = Events(0, 200).ToList();
        await PipelineDriver.AddAsync(client, "late:in", onTime);
        // The watermark is now past the first minute: this event belongs to a window that already fired.
        await PipelineDriver.AddAsync(client, "late:in", [new TestEvent(Base + 500, ("k", "k0"), ("v", "1000000"))]);
        await PipelineDriver.AddAsync(client, "late:in", [new TestEvent(Base + 30 * Minute, ("k", "k0"), ("v", "0"))]);

        var expected = Expected(onTime);
        AssertResults(expected, await PipelineDriver.ResultsAsync(client, "late:out", expected.Count));
        AssertResults(expected, await PipelineDriver.ResultsAsync(client, "late:out2", expected.Count));
        await Poll.UntilAsync(async () => (await PipelineDriver.InfoAsync(client, "drop"))["events_late_dropped"].Integer == 1, PipelineDriver.ResultTimeout, "one late event dropped");
        await Poll.UntilAsync(async () => (await client.ValueAsync("XLEN", "late:events")).Integer == 1, PipelineDriver.ResultTimeout, "one late event in the side output");
        var late = await PipelineDriver.ReadAllAsync(client, "late:events");
        Assert.Equal("1000000", late[0]["v"]);
        Assert.Equal(1, (await PipelineDriver.InfoAsync(client, "side"))["events_late_side_output"].Integer);
    }

    [Fact]
    public async Task Events_an_operator_fails_on_go_to_the_error_stream_and_the_pipeline_goes_on()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        await PipelineDriver.CreateAsync(client, "errs", Count("err:in", "err:out"));
        await client.ValueAsync("XADD", "err:in", "*", "ts", "not-a-number", "k", "k1", "v", "1");
        var events = Events(0, 70).ToList();
        await PipelineDriver.AddAsync(client, "err:in", events);
        var expected = Expected(events.Where(e => e.Ts < Base + Minute));
        AssertResults(expected, await PipelineDriver.ResultsAsync(client, "err:out", expected.Count));
        await Poll.UntilAsync(async () => (await client.ValueAsync("XLEN", "pipeline:errs:errors")).Integer == 1, PipelineDriver.ResultTimeout, "the failed event in the error stream");
        var error = (await PipelineDriver.ReadAllAsync(client, "pipeline:errs:errors"))[0];
        Assert.Equal("err:in", error["stream"]);
        Assert.Contains("ts", error["error"], StringComparison.Ordinal);
        Assert.Equal(1, (await PipelineDriver.InfoAsync(client, "errs"))["events_failed"].Integer);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("redis")]
    public async Task A_pipeline_killed_mid_run_resumes_and_its_results_equal_an_undisturbed_run(string storageKind)
    {
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        var all = Events(0, 900).ToList();
        using (var client = await silo.ConnectAsync())
        {
            await PipelineDriver.CreateAsync(client, "kill", Count("kill:in", "kill:out"));
            await PipelineDriver.AddAsync(client, "kill:in", all.Take(500));
            // Mid-run: some results are out, some events are still being applied.
            await Poll.UntilAsync(async () => (await client.ValueAsync("XLEN", "kill:out")).Integer > 0, PipelineDriver.ResultTimeout, "first results");
        }
        silo.KillHard();

        await using var restarted = await silo.RestartAsync();
        using var after = await restarted.ConnectAsync();
        await PipelineDriver.AddAsync(after, "kill:in", all.Skip(500));
        var flush = new TestEvent(Base + 60 * Minute, ("k", "flush"), ("v", "0"));
        await PipelineDriver.AddAsync(after, "kill:in", [flush]);

        var expected = Expected(all);
        var results = await PipelineDriver.ResultsAsync(after, "kill:out", expected.Count);
        AssertResults(expected, results);
        var info = await PipelineDriver.InfoAsync(after, "kill");
        Assert.Equal("running", info["state"].Text);
        // The key groups' counters come back with their state: results sent before the kill still count.
        Assert.True(info["events_emitted"].Integer >= expected.Count, $"events_emitted {info["events_emitted"].Integer} < {expected.Count}");
        Assert.Equal(all.Count + 1, info["events_processed"].Integer);
    }
}
