using System.Globalization;
using System.Text.Json;
using OrleansStreams.IntegrationTests.Harness;
using static OrleansStreams.IntegrationTests.Pipelines.PipelineDriver;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>Operators over RESP: map, select/drop, flatMap, keyBy on two fields, a filter on results, every aggregate, and failing expressions.</summary>
[Collection(PipelineSiloCollection.Name)]
public sealed class OperatorTests(PipelineSiloFixture fixture)
{
    private const long Minute = 60_000;
    private const long Base = 1_700_000_100_000; // a whole minute since the epoch

    private sealed record Order(long Ts, string User, string Region, long Price, long Qty, (string Sku, long N)[] Items)
    {
        public long Start => Ts - Ts % Minute;

        public TestEvent ToEvent() => new(Ts,
            ("user", User), ("region", Region), ("price", Text(Price)), ("qty", Text(Qty)),
            ("items", JsonSerializer.Serialize(Items.Select(i => new Dictionary<string, object> { ["sku"] = i.Sku, ["n"] = i.N }))));
    }

    private static List<Order> Orders()
    {
        var random = new Random(17);
        string[] users = ["ann", "bob", "cid"];
        string[] skus = ["a", "b", "c", "d"];
        return Enumerable.Range(0, 150).Select(i => new Order(
            Base + i * 1200L + random.Next(0, 1000),
            users[random.Next(users.Length)],
            random.Next(3) == 0 ? "us" : "eu",
            random.Next(1, 60),
            random.Next(1, 5),
            Enumerable.Range(0, random.Next(0, 4)).Select(_ => (skus[random.Next(skus.Length)], (long)random.Next(1, 9))).ToArray())).ToList();
    }

    private static string Pipeline(string steps) => $$"""
        {"source":{"stream":"ops:in","eventTime":"ts"},
         "watermark":{"type":"bounded","maxOutOfOrderMs":1000},
         "steps":{{steps}},
         "sink":{"stream":"SINK"},
         "keyGroups":4}
        """;

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public async Task Map_select_drop_flatMap_two_field_keys_result_filters_and_every_aggregate_compute_what_they_say()
    {
        using var client = await fixture.Silo.ConnectAsync();
        var pipelines = new Dictionary<string, string>
        {
            ["ops-map"] = Pipeline("""
                [{"map":{"spent":"price * qty","big":"if(price * qty > 100, 1, 0)"}},{"keyBy":"user"},
                 {"window":{"type":"tumbling","sizeMs":60000}},
                 {"aggregate":[{"op":"sum","field":"spent","as":"spent"},{"op":"sum","field":"big","as":"bigs"}]}]
                """),
            ["ops-select"] = Pipeline("""
                [{"select":["ts","user","qty","price"]},{"drop":["price"]},{"keyBy":"user"},
                 {"window":{"type":"tumbling","sizeMs":60000}},
                 {"aggregate":[{"op":"sum","field":"qty","as":"q"},{"op":"sum","field":"price","as":"p"},{"op":"collect","field":"region","as":"regions"}]},
                 {"drop":["window_end"]}]
                """),
            ["ops-flat"] = Pipeline("""
                [{"flatMap":"items"},{"keyBy":["user","sku"]},
                 {"window":{"type":"tumbling","sizeMs":60000}},
                 {"aggregate":[{"op":"sum","field":"n","as":"units"},{"op":"count","as":"lines"}]}]
                """),
            ["ops-alert"] = Pipeline("""
                [{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":60000}},
                 {"aggregate":[{"op":"sum","field":"price","as":"total"},{"op":"count","as":"n"}]},
                 {"filter":"total > 450"}]
                """),
            ["ops-aggs"] = Pipeline("""
                [{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":60000}},
                 {"aggregate":[{"op":"count","as":"count"},{"op":"sum","field":"price","as":"sum"},{"op":"avg","field":"price","as":"avg"},
                               {"op":"min","field":"price","as":"min"},{"op":"max","field":"price","as":"max"},
                               {"op":"first","field":"qty","as":"first"},{"op":"last","field":"qty","as":"last"},
                               {"op":"countDistinct","field":"region","as":"regions"},
                               {"op":"collect","field":"price","as":"prices","limit":3},{"op":"duration","as":"duration"}]}]
                """),
        };
        foreach (var (name, json) in pipelines)
        {
            await CreateAsync(client, name, json.Replace("SINK", name + ":out"));
        }
        var orders = Orders();
        var flush = new TestEvent(Base + 30 * Minute, ("user", "zz"), ("region", "eu"), ("price", "0"), ("qty", "0"), ("items", "[{\"sku\":\"z\",\"n\":0}]"));
        await AddAsync(client, "ops:in", [.. orders.Select(o => o.ToEvent()), flush]);
        var windows = orders.GroupBy(o => (o.User, o.Start)).ToList();

        var map = windows.ToDictionary(g => g.Key, g => Fields(
            ("spent", Text(g.Sum(o => o.Price * o.Qty))), ("bigs", Text(g.Count(o => o.Price * o.Qty > 100)))));
        AssertResults(map, await ResultsAsync(client, "ops-map:out", map.Count));

        var select = windows.ToDictionary(g => g.Key, g => Fields(("q", Text(g.Sum(o => o.Qty))), ("p", "0"), ("regions", "[]")));
        var selected = await ResultsAsync(client, "ops-select:out", select.Count);
        AssertResults(select, selected);
        Assert.All(selected.Values, r => Assert.Equal(["key", "window_start", "q", "p", "regions"], r.Keys));

        var lines = orders.SelectMany(o => o.Items.Select(i => (Key: o.User + ":" + i.Sku, o.Start, i.N))).GroupBy(l => (l.Key, l.Start)).ToDictionary(
            g => g.Key, g => Fields(("units", Text(g.Sum(l => l.N))), ("lines", Text(g.Count()))));
        AssertResults(lines, await ResultsAsync(client, "ops-flat:out", lines.Count));

        var alerts = windows.Where(g => g.Sum(o => o.Price) > 450).ToDictionary(g => g.Key, g => Fields(("total", Text(g.Sum(o => o.Price))), ("n", Text(g.Count()))));
        Assert.NotEmpty(alerts);
        Assert.True(alerts.Count < windows.Count, "the threshold should leave some windows out");
        // Once the watermark passed every window, each was fired and sent: no other alert may come.
        await WaitForMetricAsync(client, "ops-alert", "watermark", w => w >= windows.Max(g => g.Key.Start) + Minute, "past every window");
        AssertResults(alerts, ByWindow(await ReadAllAsync(client, "ops-alert:out")));

        var aggs = await ResultsAsync(client, "ops-aggs:out", windows.Count);
        Assert.Equal(windows.Select(g => g.Key).Order(), aggs.Keys.Order());
        foreach (var g in windows)
        {
            var inOrder = g.OrderBy(o => o.Ts).ToList();
            var r = aggs[g.Key];
            Assert.Equal(Text(inOrder.Count), r["count"]);
            Assert.Equal(Text(inOrder.Sum(o => o.Price)), r["sum"]);
            Assert.Equal(inOrder.Average(o => o.Price), double.Parse(r["avg"], CultureInfo.InvariantCulture), 9);
            Assert.Equal(Text(inOrder.Min(o => o.Price)), r["min"]);
            Assert.Equal(Text(inOrder.Max(o => o.Price)), r["max"]);
            Assert.Equal(Text(inOrder[0].Qty), r["first"]);
            Assert.Equal(Text(inOrder[^1].Qty), r["last"]);
            Assert.Equal(Text(inOrder.Select(o => o.Region).Distinct().Count()), r["regions"]);
            Assert.Equal(inOrder.Take(3).Select(o => Text(o.Price)), JsonSerializer.Deserialize<JsonElement[]>(r["prices"])!.Select(e => e.ToString()));
            Assert.Equal(Text(inOrder[^1].Ts - inOrder[0].Ts), r["duration"]);
        }
        await DropAsync(client, [.. pipelines.Keys]);
    }

    [Fact]
    public async Task An_expression_failing_at_runtime_sends_the_event_to_the_error_stream_and_the_pipeline_goes_on()
    {
        using var client = await fixture.Silo.ConnectAsync();
        await CreateAsync(client, "opserr", """
            {"source":{"stream":"opserr:in","eventTime":"ts"},
             "steps":[{"map":{"spent":"price * 2"}},{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":60000}},
                      {"aggregate":[{"op":"sum","field":"spent","as":"spent"},{"op":"count","as":"n"}]}],
             "sink":{"stream":"opserr:out"},
             "keyGroups":4}
            """);
        var good = new List<TestEvent>();
        var badIds = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var ts = Text(Base + i * 1500L);
            if (i % 7 == 3)
            {
                var reply = await client.ValueAsync("XADD", "opserr:in", "*", "ts", ts, "user", "u" + (i % 2), "price", "oops");
                badIds.Add(reply.Text!);
                continue;
            }
            var e = new TestEvent(Base + i * 1500L, ("user", "u" + (i % 2)), ("price", Text(i)));
            good.Add(e);
            await AddAsync(client, "opserr:in", [e]);
        }
        await AddAsync(client, "opserr:in", [new TestEvent(Base + 30 * Minute, ("user", "flush"), ("price", "0"))]);

        var expected = good.GroupBy(e => (e.Get("user"), e.Ts - e.Ts % Minute)).ToDictionary(
            g => g.Key, g => Fields(("spent", Text(g.Sum(e => 2 * long.Parse(e.Get("price"), CultureInfo.InvariantCulture)))), ("n", Text(g.Count()))));
        AssertResults(expected, await ResultsAsync(client, "opserr:out", expected.Count));
        await Poll.UntilAsync(async () => (await client.ValueAsync("XLEN", "pipeline:opserr:errors")).Integer == badIds.Count, ResultTimeout, "every failed event in the error stream");
        var errors = await ReadAllAsync(client, "pipeline:opserr:errors");
        Assert.Equal(badIds, errors.Select(e => e["entry"]));
        Assert.All(errors, e => Assert.Equal("opserr:in", e["stream"]));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e["error"])));
        Assert.Equal(badIds.Count, (await InfoAsync(client, "opserr"))["events_failed"].Integer);
        await DropAsync(client, "opserr");
    }
}
