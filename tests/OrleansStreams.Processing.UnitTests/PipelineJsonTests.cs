namespace OrleansStreams.Processing.UnitTests;

public sealed class PipelineJsonTests
{
    [Fact]
    public void Sample_definition_compiles_to_the_expected_plan()
    {
        var plan = PipelineJson.Parse("pv", TestData.Sample);

        Assert.Equal("pv", plan.Name);
        Assert.Equal(TestData.Sample, plan.Json);
        Assert.Equal(new[] { "clicks" }, plan.Source.Streams);
        Assert.Equal("0", plan.Source.From);
        Assert.Equal("ts", plan.Source.EventTimeField);
        Assert.Equal(new WatermarkSpec.Bounded(5000), plan.Watermark);
        Assert.Single(plan.Pre);
        Assert.Equal(new[] { "page" }, plan.KeyFields);
        Assert.Equal(new WindowSpec.Tumbling(60000), plan.Window);
        Assert.Equal(new[] { new AggregateSpec(AggregateOp.Count, null, "views") }, plan.Aggregates);
        Assert.Empty(plan.Post);
        Assert.Equal(LatePolicy.Drop, plan.Late);
        Assert.Equal(new SinkSpec.Stream("pageviews"), plan.Sink);
        Assert.Equal("pipeline:pv:errors", plan.ErrorStream);
        Assert.Equal(BufferSpec.Default, plan.Buffer);
        Assert.Equal(128, plan.KeyGroups);
        Assert.Equal(4096, plan.BatchSize);
        Assert.False(plan.NeedsFields);
    }

    [Fact]
    public void Every_documented_form_is_accepted()
    {
        var plan = PipelineJson.Parse("all", """
            {"source":{"pattern":"orders:*","from":"$","json":"event"},
             "watermark":{"type":"periodic","intervalMs":1000,"maxOutOfOrderMs":200,"idleTimeoutMs":0},
             "steps":[{"map":{"total":"price * qty"}},{"select":["user","total","items","ts"]},{"drop":["ts"]},
                      {"flatMap":"items"},{"keyBy":["user","sku"]},
                      {"window":{"type":"sliding","sizeMs":3600000,"slideMs":60000}},
                      {"aggregate":[{"op":"sum","field":"total","as":"total"},{"op":"avg","field":"total"},{"op":"min","field":"total"},
                                    {"op":"max","field":"total"},{"op":"first","field":"sku"},{"op":"last","field":"sku"},
                                    {"op":"countDistinct","field":"sku","limit":10},{"op":"collect","field":"sku","as":"skus","limit":5},
                                    {"op":"duration"},{"op":"count"}]},
                      {"filter":"total > 10000"},{"map":{"alert":"'fraud'"}}],
             "late":{"policy":"sideOutput","stream":"late-orders"},
             "sink":{"hash":"fraud","ttlMs":86400000},
             "errors":{"stream":"errs"},"buffer":{"capacity":50,"policy":"dropOldest"},"keyGroups":4096,"batchSize":10}
            """);

        Assert.Equal("orders:*", plan.Source.Pattern);
        Assert.Equal("$", plan.Source.From);
        Assert.Equal("event", plan.Source.JsonField);
        Assert.Equal(new WatermarkSpec.Periodic(1000, 200) { IdleTimeoutMs = 0 }, plan.Watermark);
        Assert.Equal(4, plan.Pre.Count);
        Assert.Equal(new[] { "user", "sku" }, plan.KeyFields);
        Assert.Equal(new WindowSpec.Sliding(3600000, 60000), plan.Window);
        Assert.Equal(
            new[] { "total", "avg_total", "min_total", "max_total", "first_sku", "last_sku", "countDistinct_sku", "skus", "duration", "count" },
            plan.Aggregates.Select(a => a.As));
        Assert.Equal(10, plan.Aggregates[6].Limit);
        Assert.Equal(2, plan.Post.Count);
        Assert.Equal(new LatePolicy(LatePolicyKind.SideOutput, 0, "late-orders"), plan.Late);
        Assert.True(plan.NeedsFields);
        Assert.Equal(new SinkSpec.Hash("fraud", 86400000), plan.Sink);
        Assert.Equal("errs", plan.ErrorStream);
        Assert.Equal(new BufferSpec(50, BufferPolicy.DropOldest), plan.Buffer);
        Assert.Equal(4096, plan.KeyGroups);
        Assert.Equal(10, plan.BatchSize);
    }

    [Theory]
    [InlineData("""{"stream":"a"}""", new[] { "a" }, null, null)]
    [InlineData("""{"streams":["a","b"],"from":"5-1"}""", new[] { "a", "b" }, null, null)]
    [InlineData("""{"memory":"m"}""", new string[0], null, "m")]
    [InlineData("""{"pattern":"o:*"}""", new string[0], "o:*", null)]
    public void Source_forms(string source, string[] streams, string? pattern, string? memory)
    {
        var plan = PipelineJson.Parse("p", $$$"""{"source":{{{source}}},"sink":{"memory":"out"}}""");

        Assert.Equal(streams, plan.Source.Streams);
        Assert.Equal(pattern, plan.Source.Pattern);
        Assert.Equal(memory, plan.Source.Memory);
    }

    [Theory]
    [InlineData("""{"type":"monotonic","idleTimeoutMs":500}""", "monotonic", 500)]
    [InlineData("""{"type":"bounded","maxOutOfOrderMs":0}""", "bounded", 10000)]
    public void Watermark_forms(string watermark, string kind, long idle)
    {
        var plan = PipelineJson.Parse("p", $$$"""{"source":{"stream":"a"},"watermark":{{{watermark}}},"sink":{"memory":"out"}}""");

        Assert.Equal(kind, plan.Watermark.GetType().Name.ToLowerInvariant());
        Assert.Equal(idle, plan.Watermark.IdleTimeoutMs);
    }

    [Theory]
    [InlineData("""{"type":"tumbling","sizeMs":1000,"offsetMs":10}""", "Tumbling { SizeMs = 1000, OffsetMs = 10 }")]
    [InlineData("""{"type":"session","gapMs":1800000}""", "Session { GapMs = 1800000 }")]
    [InlineData("""{"type":"count","size":100}""", "Count { Size = 100 }")]
    public void Window_forms(string window, string expected)
    {
        var plan = PipelineJson.Parse("p", $$$"""{"source":{"stream":"a"},"steps":[{"window":{{{window}}}},{"aggregate":[{"op":"count"}]}],"sink":{"stream":"o"}}""");

        Assert.Equal(expected, plan.Window!.ToString());
    }

    [Theory]
    [InlineData("""{"policy":"allowedLateness","allowedLatenessMs":1000}""", LatePolicyKind.AllowedLateness)]
    [InlineData("""{"policy":"recompute","allowedLatenessMs":1000}""", LatePolicyKind.Recompute)]
    public void Late_forms(string late, LatePolicyKind kind)
    {
        var plan = PipelineJson.Parse("p", $$$"""{"source":{"stream":"a"},"steps":[{"window":{"type":"count","size":2}},{"aggregate":[{"op":"count"}]}],"late":{{{late}}},"sink":{"stream":"o","maxLen":100}}""");

        Assert.Equal(new LatePolicy(kind, 1000), plan.Late);
        Assert.Equal(new SinkSpec.Stream("o", 100), plan.Sink);
    }
}
