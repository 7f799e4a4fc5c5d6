using OrleansStreams.Streams;

namespace OrleansStreams.Processing.UnitTests;

public sealed class PipelinePlanTests
{
    [Theory]
    [InlineData("", 128, 69)]
    [InlineData("a", 128, 44)]
    [InlineData("home", 128, 14)]
    [InlineData("user:42", 128, 2)]
    [InlineData("é", 4096, 2241)]
    public void Key_group_is_fnv1a_of_utf8_modulo_the_group_count(string key, int groups, int expected) =>
        Assert.Equal(expected, PipelinePlan.KeyGroupOf(key, groups));

    [Fact]
    public void Fnv1a_matches_the_published_test_vectors()
    {
        Assert.Equal(0x811c9dc5u, OrleansStreams.Partitioning.KeyPartitioner.Fnv1a32(""));
        Assert.Equal(0xe40c292cu, OrleansStreams.Partitioning.KeyPartitioner.Fnv1a32("a"));
        Assert.Equal(0xbf9cf968u, OrleansStreams.Partitioning.KeyPartitioner.Fnv1a32("foobar"));
    }

    [Fact]
    public void Prepare_fast_path_reads_key_time_and_inputs_from_the_fields()
    {
        var plan = Pipeline.From("orders").EventTime("ts").KeyBy("user", "region")
            .Window(Windows.Tumbling(TimeSpan.FromMinutes(1))).Aggregate(Agg.Count("n"), Agg.Sum("amount", "total"), Agg.Max("missing"))
            .ToStream("out").Build("p");

        var output = TestData.Prepare(plan, 9, "user", "u1", "amount", "12.5", "ts", "1000", "other", "x");

        var e = Assert.Single(output);
        Assert.Equal("u1:", e.Key);
        Assert.Equal(1000, e.Timestamp);
        Assert.Equal(new StreamEntryId(9, 0), e.SourceId);
        Assert.Equal(new string?[] { null, "12.5", null }, e.Values);
        Assert.Null(e.Fields);
    }

    [Fact]
    public void Prepare_uses_the_entry_id_time_when_no_event_time_field_is_configured_or_present()
    {
        var plan = PipelineJson.Parse("p", TestData.Sample);

        Assert.Equal(77, Assert.Single(TestData.Prepare(plan, 77, "type", "click", "page", "home")).Timestamp);
        Assert.Equal(77, Assert.Single(TestData.Prepare(Simple(), 77, "ts", "5")).Timestamp);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prepare_rejects_an_event_time_that_is_not_a_number(bool withSteps)
    {
        var builder = Pipeline.From("a").EventTime("ts");
        var plan = (withSteps ? builder.Filter("true") : builder).KeyBy("k").Window(Windows.Count(2)).Aggregate(Agg.Count()).ToStream("o").Build("p");

        var ex = Assert.Throws<PipelineEventException>(() => TestData.Prepare(plan, 1, "ts", "noon"));

        Assert.Equal("event time field 'ts' is not a number of milliseconds: 'noon'", ex.Message);
    }

    [Fact]
    public void Prepare_runs_pre_steps_and_keys_each_event()
    {
        var plan = PipelineJson.Parse("p", """
            {"source":{"stream":"o","json":"doc","eventTime":"at"},
             "steps":[{"flatMap":"items"},{"filter":"qty > 1"},{"map":{"value":"qty * price"}},{"keyBy":["customer","sku"]},
                      {"window":{"type":"tumbling","sizeMs":1000}},{"aggregate":[{"op":"sum","field":"value"},{"op":"collect","field":"sku"}]}],
             "sink":{"stream":"out"}}
            """);

        var output = TestData.Prepare(plan, 1, "doc",
            """{"customer":"c1","at":5000,"items":[{"sku":"a","qty":1,"price":3},{"sku":"b","qty":2,"price":1.25},{"sku":"c","qty":3,"price":2}]}""");

        Assert.Equal(new[] { "c1:b", "c1:c" }, output.Select(e => e.Key));
        Assert.All(output, e => Assert.Equal(5000, e.Timestamp));
        Assert.Equal(new[] { "2.5", "b" }, output[0].Values);
        Assert.Equal(new[] { "6", "c" }, output[1].Values);
    }

    [Fact]
    public void Prepare_carries_the_whole_event_when_late_events_go_to_a_side_output()
    {
        var plan = Pipeline.From("a").KeyBy("k").Window(Windows.Count(2)).Aggregate(Agg.Count())
            .Late(LatePolicies.SideOutput("late")).ToStream("o").Build("p");

        var e = Assert.Single(TestData.Prepare(plan, 1, "k", "x", "v", "1"));

        Assert.True(plan.NeedsFields);
        Assert.Equal(new[] { "k", "x", "v", "1" }, e.Fields);
    }

    [Fact]
    public void Finish_turns_a_result_into_an_event_and_runs_post_steps()
    {
        var plan = Pipeline.From("payments").KeyBy("user").Window(Windows.Sliding(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)))
            .Aggregate(Agg.Sum("amount", "total")).Filter("total > 10000").Map("alert", "'fraud'").ToStream("alerts").Build("fraud");
        var output = new List<PipelineEvent>();

        plan.Finish(new WindowResult("u1", 0, 3_600_000, ["total"], ["12000.5"]), output);
        plan.Finish(new WindowResult("u2", 0, 3_600_000, ["total"], ["50"]), output);

        var result = Assert.Single(output);
        Assert.Equal(3_599_999, result.Timestamp);
        Assert.Equal(
            TestData.Fields("key", "u1", "window_start", "0", "window_end", "3600000", "total", "12000.5", "alert", "fraud"),
            result.ToFields());
    }

    [Fact]
    public void RunProcess_rebuilds_the_event_and_keeps_state_per_key()
    {
        var plan = Pipeline.From("a").KeyBy("user").Process((e, state, emit) =>
        {
            var seen = state.Update<long>("seen", n => n + 1);
            emit.Add(new PipelineEvent { Id = e.Id, Timestamp = e.Timestamp }.Set("user", state.Key).Set("seen", seen).Set("v", e.Get<long>("v")));
        }).Filter("seen > 1").ToStream("o").Build("p");
        var state = new DictionaryKeyedState("u1");
        var output = new List<PipelineEvent>();

        foreach (var keyed in TestData.Prepare(plan, 1, "user", "u1", "v", "10").Concat(TestData.Prepare(plan, 2, "user", "u1", "v", "20")))
        {
            plan.RunProcess(keyed, state, output);
        }

        var result = Assert.Single(output);
        Assert.Equal(TestData.Fields("user", "u1", "seen", "2", "v", "20"), result.ToFields());
        Assert.Equal(new StreamEntryId(2, 0), result.Id);
    }

    [Fact]
    public void Reduce_emits_the_rolling_accumulator_per_event()
    {
        var plan = Pipeline.From("a").KeyBy("user")
            .Reduce((acc, e) => acc.Set("amount", acc.Get<double>("amount") + e.Get<double>("amount")))
            .ToStream("o").Build("p");
        var state = new DictionaryKeyedState("u1");
        var output = new List<PipelineEvent>();

        foreach (var amount in new[] { "1", "2.5", "3" })
        {
            plan.RunProcess(Assert.Single(TestData.Prepare(plan, 1, "user", "u1", "amount", amount)), state, output);
        }

        Assert.Equal(new object?[] { 1L, 3.5, 6.5 }, output.Select(o => o.Fields["amount"]));
    }

    [Fact]
    public void Fluent_and_json_forms_of_a_pipeline_prepare_and_finish_alike()
    {
        var json = PipelineJson.Parse("pv", TestData.Sample);
        var fluent = Pipeline.From("clicks").EventTime("ts").Watermark(Watermarks.Bounded(TimeSpan.FromSeconds(5)))
            .Filter("type == 'click'").KeyBy("page").Window(Windows.Tumbling(TimeSpan.FromMinutes(1))).Aggregate(Agg.Count("views"))
            .Late(LatePolicies.Drop).ToStream("pageviews").Build("pv");
        var lambda = Pipeline.From("clicks").EventTime("ts").Watermark(Watermarks.Bounded(TimeSpan.FromSeconds(5)))
            .Filter(e => e.Get<string>("type") == "click").KeyBy(e => e.Get<string>("page") ?? "")
            .Window(Windows.Tumbling(TimeSpan.FromMinutes(1))).Aggregate(Agg.Count("views")).ToStream("pageviews").Build("pv");
        string[][] entries = [["type", "click", "page", "home", "ts", "1000"], ["type", "view", "page", "home"], ["page", "about", "type", "click"]];
        var result = new WindowResult("home", 0, 60000, ["views"], ["2"]);

        foreach (var plan in new[] { fluent, lambda })
        {
            Assert.Equal(json.Source.Streams, plan.Source.Streams);
            Assert.Equal((json.Source with { Streams = [] }, json.Watermark, json.Window, json.Late, json.Sink, json.ErrorStream), (plan.Source with { Streams = [] }, plan.Watermark, plan.Window, plan.Late, plan.Sink, plan.ErrorStream));
            Assert.Equal(json.Aggregates, plan.Aggregates);
            Assert.Equal(Describe(json, entries, result), Describe(plan, entries, result));
        }
    }

    private static PipelinePlan Simple() =>
        Pipeline.From("a").KeyBy("k").Window(Windows.Count(2)).Aggregate(Agg.Count()).ToStream("o").Build("p");

    private static string Describe(PipelinePlan plan, string[][] entries, WindowResult result)
    {
        var prepared = entries.SelectMany((fields, i) => TestData.Prepare(plan, (ulong)i + 1, fields))
            .Select(e => $"{e.Key}@{e.Timestamp}/{e.SourceId}[{string.Join(",", e.Values)}]");
        var finished = new List<PipelineEvent>();
        plan.Finish(result, finished);
        return string.Join(" ", prepared) + " | " + string.Join(" ", finished.Select(f => string.Join(",", f.ToFields())));
    }
}
