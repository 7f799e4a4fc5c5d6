using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansStreams.IntegrationTests.Harness;
using static OrleansStreams.IntegrationTests.Pipelines.PipelineDriver;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>Sources over RESP: several streams, a pattern with a partition created later, <c>from:"$"</c>, a JSON field, and idle partitions.</summary>
[Collection(PipelineSiloCollection.Name)]
public sealed class SourceTests(PipelineSiloFixture fixture)
{
    private const long Minute = 60_000;
    private const long Base = 1_700_000_040_000; // a whole minute since the epoch

    private static string CountAndSum(string source, string sink, string watermark = """{"type":"bounded","maxOutOfOrderMs":1000}""") => $$"""
        {"source":{{{source}},"eventTime":"ts"},
         "watermark":{{watermark}},
         "steps":[{"keyBy":"k"},{"window":{"type":"tumbling","sizeMs":60000} },{"aggregate":[{"op":"count","as":"n"},{"op":"sum","field":"v","as":"total"}]}],
         "sink":{"stream":"{{sink}}"},
         "keyGroups":4}
        """;

    private static TestEvent Event(long ts, int i) => new(ts, ("k", "k" + (i % 3).ToString(CultureInfo.InvariantCulture)), ("v", Text(i)));

    /// <summary>Count and sum of <c>v</c> per key and minute.</summary>
    private static Dictionary<(string, long), Dictionary<string, string>> Expected(IEnumerable<TestEvent> events) =>
        events.GroupBy(e => (e.Get("k"), e.Ts - e.Ts % Minute)).ToDictionary(
            g => g.Key,
            g => new Dictionary<string, string> { ["n"] = Text(g.Count()), ["total"] = Text(g.Sum(e => long.Parse(e.Get("v"), CultureInfo.InvariantCulture))) });

    [Fact]
    public async Task A_stateless_pipeline_passes_filtered_and_mapped_events_through_in_order_and_names_may_hold_bars()
    {
        using var client = await fixture.Silo.ConnectAsync();
        // Pipeline and stream names with '|' and ':' (grain keys must not split on them).
        await CreateAsync(client, "pass|through", """
            {"source":{"stream":"pass|in"},
             "steps":[{"filter":"v > 2"},{"map":{"double":"v * 2"}}],
             "sink":{"stream":"pass|out"}}
            """);
        for (var v = 0; v < 10; v++)
        {
            Assert.False((await client.ValueAsync("XADD", "pass|in", "*", "v", Text(v))).IsError);
        }
        List<Dictionary<string, string>> results = [];
        await Poll.UntilAsync(async () => (results = await ReadAllAsync(client, "pass|out")).Count >= 7, ResultTimeout, "7 events passed through");
        Assert.Equal(Enumerable.Range(3, 7).Select(v => Text(v)), results.Select(r => r["v"]));
        Assert.Equal(Enumerable.Range(3, 7).Select(v => Text(v * 2)), results.Select(r => r["double"]));
        var info = await InfoAsync(client, "pass|through");
        Assert.Equal(["pass|in"], info["sources"].Items.Select(i => i.Text));
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.DROP", "pass|through")).Text);
    }

    [Theory]
    [InlineData("dropOldest")]
    [InlineData("dropNewest")]
    public async Task A_pipeline_more_than_its_buffer_behind_drops_by_its_policy_and_counts_the_drops(string policy)
    {
        using var client = await fixture.Silo.ConnectAsync();
        var name = "buffer-" + policy;
        await CreateAsync(client, name, $$$"""
            {"source":{"stream":"{{{name}}}:in"},
             "steps":[{"select":["v"]}],
             "buffer":{"capacity":100,"policy":"{{{policy}}}"},
             "batchSize":50,
             "sink":{"stream":"{{{name}}}:out"}}
            """);
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.PAUSE", name)).Text);
        for (var v = 0; v < 500; v++)
        {
            Assert.False((await client.ValueAsync("XADD", name + ":in", "*", "v", Text(v))).IsError);
        }
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.RESUME", name)).Text);

        // The first batch of 50 finds the pipeline 450 behind, 350 more than the buffer holds.
        var expected = policy == "dropOldest"
            ? Enumerable.Range(0, 50).Concat(Enumerable.Range(400, 100)).ToList()
            : Enumerable.Range(0, 150).ToList();
        List<Dictionary<string, string>> results = [];
        await Poll.UntilAsync(async () => (results = await ReadAllAsync(client, name + ":out")).Count >= expected.Count, ResultTimeout, $"{expected.Count} events through");
        Assert.Equal(expected.Select(v => Text(v)), results.Select(r => r["v"]));
        var info = await InfoAsync(client, name);
        Assert.Equal(350, info["events_dropped"].Integer);
        Assert.Equal(150, info["events_received"].Integer);
        Assert.Equal("OK", (await client.ValueAsync("PIPELINE.DROP", name)).Text);
    }

    [Fact]
    public async Task Two_streams_are_two_partitions_whose_events_combine_in_the_same_windows()
    {
        using var client = await fixture.Silo.ConnectAsync();
        await CreateAsync(client, "two", CountAndSum("\"streams\":[\"two:a\",\"two:b\"]", "two:out"));
        var events = Enumerable.Range(0, 120).Select(i => Event(Base + i * 1000L, i)).ToList();
        var flush = new TestEvent(Base + 30 * Minute, ("k", "flush"), ("v", "0"));
        // Partition a runs ahead; b is not idle (it was created with the pipeline, well within idleTimeoutMs),
        // so b's watermark — nothing seen yet — must hold every window until b's events are in.
        await AddAsync(client, "two:a", [.. events.Where((_, i) => i % 2 == 0), flush]);
        await AddAsync(client, "two:b", [.. events.Where((_, i) => i % 2 == 1), flush]);

        var expected = Expected(events);
        AssertResults(expected, await ResultsAsync(client, "two:out", expected.Count));
        var info = await InfoAsync(client, "two");
        Assert.Equal(["two:a", "two:b"], info["sources"].Items.Select(i => i.Text).Order());
        Assert.Equal(events.Count + 2, info["events_received"].Integer);
        await DropAsync(client, "two");
    }

    [Fact]
    public async Task A_pattern_source_picks_up_a_partition_created_after_the_pipeline_started()
    {
        using var client = await fixture.Silo.ConnectAsync();
        // The first partition stays inside minute 0 (watermark below its end), so nothing fires before the second appears.
        var first = Enumerable.Range(0, 40).Select(i => Event(Base + i * 1000L, i)).ToList();
        await AddAsync(client, "orders:0", first);
        await CreateAsync(client, "pattern", CountAndSum("\"pattern\":\"orders:*\"", "orders-out"));
        await AddAsync(client, "unrelated", [Event(Base, 0)]); // does not match the pattern

        var later = Enumerable.Range(40, 80).Select(i => Event(Base + i * 1000L, i)).ToList();
        await AddAsync(client, "orders:1", later);
        await Poll.UntilAsync(async () => (await InfoAsync(client, "pattern"))["sources"].Items.Any(s => s.Text == "orders:1"), ResultTimeout, "orders:1 as a source");
        await WaitForMetricAsync(client, "pattern", "events_processed", n => n == first.Count + later.Count, "== every event");
        var flush = new TestEvent(Base + 30 * Minute, ("k", "flush"), ("v", "0"));
        await AddAsync(client, "orders:0", [flush]);
        await AddAsync(client, "orders:1", [flush]);

        var expected = Expected([.. first, .. later]);
        AssertResults(expected, await ResultsAsync(client, "orders-out", expected.Count));
        Assert.Equal(["orders:0", "orders:1"], (await InfoAsync(client, "pattern"))["sources"].Items.Select(i => i.Text).Order());
        await DropAsync(client, "pattern");
    }

    [Fact]
    public async Task From_dollar_counts_only_entries_added_after_create()
    {
        using var client = await fixture.Silo.ConnectAsync();
        var old = Enumerable.Range(0, 30).Select(i => Event(Base + i * 1000L, 1000 + i)).ToList();
        await AddAsync(client, "fromd:in", old);
        await CreateAsync(client, "fromd", CountAndSum("\"stream\":\"fromd:in\",\"from\":\"$\"", "fromd:out"));
        // Straight after PIPELINE.CREATE returned: these are new, in the same windows as the old ones.
        var fresh = Enumerable.Range(0, 90).Select(i => Event(Base + i * 1000L, i)).ToList();
        await AddAsync(client, "fromd:in", [.. fresh, new TestEvent(Base + 30 * Minute, ("k", "flush"), ("v", "0"))]);

        var expected = Expected(fresh);
        AssertResults(expected, await ResultsAsync(client, "fromd:out", expected.Count));
        Assert.Equal(fresh.Count + 1, (await InfoAsync(client, "fromd"))["events_received"].Integer);
        await DropAsync(client, "fromd");
    }

    [Fact]
    public async Task A_json_field_is_parsed_into_fields_with_nested_values_kept()
    {
        using var client = await fixture.Silo.ConnectAsync();
        await CreateAsync(client, "json", """
            {"source":{"stream":"json:in","json":"event","eventTime":"ts_ms"},
             "steps":[{"filter":"op == 'c'"},{"keyBy":"table"},{"window":{"type":"tumbling","sizeMs":60000}},
                      {"aggregate":[{"op":"count","as":"n"},{"op":"sum","field":"amount","as":"total"},{"op":"collect","field":"after","as":"rows"}]}],
             "sink":{"stream":"json:out"},
             "keyGroups":4}
            """);
        var docs = new List<(long Ts, string Op, string Table, long Amount, string After)>();
        for (var i = 0; i < 30; i++)
        {
            var after = $$"""{"id":{{i}},"tags":["t{{i % 2}}"]}""";
            docs.Add((Base + i * 5000L, i % 5 == 0 ? "d" : "c", i % 2 == 0 ? "orders" : "refunds", 10L * i, after));
        }
        foreach (var d in docs)
        {
            // DeltaForge-style: the whole change event is one JSON document in the field "event".
            await AddFieldsAsync(client, "json:in", "event", $$"""{"op":"{{d.Op}}","ts_ms":{{d.Ts}},"table":"{{d.Table}}","amount":{{d.Amount}},"after":{{d.After}}}""");
        }
        await AddFieldsAsync(client, "json:in", "event", $$"""{"op":"c","ts_ms":{{Base + 30 * Minute}},"table":"flush","amount":0,"after":null}""");

        var created = docs.Where(d => d.Op == "c").ToList();
        var expected = created.GroupBy(d => (d.Table, d.Ts - d.Ts % Minute)).ToDictionary(
            g => g.Key,
            g => new Dictionary<string, string> { ["n"] = Text(g.Count()), ["total"] = Text(g.Sum(d => d.Amount)) });
        var results = await ResultsAsync(client, "json:out", expected.Count);
        AssertResults(expected, results);
        foreach (var g in created.GroupBy(d => (d.Table, d.Ts - d.Ts % Minute)))
        {
            // Each nested object comes back as compact JSON text, in arrival order.
            var rows = JsonSerializer.Deserialize<JsonElement[]>(results[g.Key]["rows"])!.Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetRawText());
            Assert.Equal(g.Select(d => d.After), rows);
        }
        await DropAsync(client, "json");
    }

    [Fact]
    public async Task A_silent_partition_holds_the_watermark_back_until_it_is_idle()
    {
        using var client = await fixture.Silo.ConnectAsync();
        const long IdleMs = 4000;
        await CreateAsync(client, "idle", CountAndSum(
            "\"streams\":[\"idle:a\",\"idle:b\"]", "idle:out", $$"""{"type":"bounded","maxOutOfOrderMs":1000,"idleTimeoutMs":{{IdleMs}}}"""));
        // b stops early in minute 0; a goes on for five minutes.
        var b = Enumerable.Range(0, 10).Select(i => Event(Base + i * 1000L, 500 + i)).ToList();
        var a = Enumerable.Range(0, 300).Select(i => Event(Base + i * 1000L, i)).ToList();
        await AddAsync(client, "idle:b", b);
        var sinceB = Stopwatch.StartNew();
        await WaitForMetricAsync(client, "idle", "events_processed", n => n == b.Count, "== b's events"); // every key group knows b
        await AddAsync(client, "idle:a", a);
        await WaitForMetricAsync(client, "idle", "events_processed", n => n == a.Count + b.Count, "== every event");
        var heldBack = sinceB.ElapsedMilliseconds < IdleMs;
        var lenWhileHeld = (await client.ValueAsync("XLEN", "idle:out")).Integer;
        if (heldBack)
        {
            // b's watermark (minute 0) is the minimum: no window can have fired yet.
            Assert.Equal(0, lenWhileHeld);
        }

        // Once b is idle, a's watermark (four minutes on) fires minutes 0..3 with b's events in minute 0.
        var expected = Expected([.. a.Where(e => e.Ts < Base + 4 * Minute), .. b]);
        AssertResults(expected, await ResultsAsync(client, "idle:out", expected.Count));
        Assert.True(heldBack, $"processing took {sinceB.ElapsedMilliseconds} ms, longer than the idle timeout: the hold-back was not observed");
        await DropAsync(client, "idle");
    }
}
