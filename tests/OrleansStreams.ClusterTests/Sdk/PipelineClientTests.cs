using OrleansStreams.Client;

namespace OrleansStreams.ClusterTests.Sdk;

/// <summary>Pipelines through the SDK: a definition built in C# runs like its JSON; lifecycle and errors.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PipelineClientTests(ClusterFixture fixture)
{
    private readonly IStreamClient _client = new StreamClient(fixture.Grains, new OrleansStreamsClientOptions());

    [Fact]
    public async Task A_fluent_definition_counts_per_key_and_the_lifecycle_calls_work()
    {
        var id = Guid.NewGuid().ToString("N");
        var source = "sdk:pl:" + id;
        var sink = source + ":out";
        var name = "sdk-pl-" + id;
        var definition = PipelineDefinition.From(source).EventTime("ts").MonotonicWatermark()
            .Filter("type == 'view'").KeyBy("page").TumblingWindow(TimeSpan.FromMinutes(1))
            .Aggregate(("count", null, "views")).ToStream(sink).KeyGroups(8);
        await _client.Pipelines.CreateAsync(name, definition);
        Assert.Contains(name, await _client.Pipelines.ListAsync());
        var exists = await Assert.ThrowsAsync<PipelineException>(() => _client.Pipelines.CreateAsync(name, definition));
        Assert.Equal("PipelineExists", exists.Code);

        foreach (var (ts, type, page) in new[] { (60_000L, "view", "/a"), (61_000L, "view", "/a"), (62_000L, "click", "/a"), (63_000L, "view", "/b"), (200_000L, "view", "/a") })
        {
            await _client.AddAsync(source, [("ts", ts.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("type", type), ("page", page)]);
        }
        var results = await SdkPoll.Until(() => _client.RangeAsync(sink), r => r.Count >= 2);
        Assert.Equal([("/a", "2"), ("/b", "1")], results.Select(r => (r["key"]!, r["views"]!)).Order());

        await _client.Pipelines.PauseAsync(name);
        Assert.True((await _client.Pipelines.InfoAsync(name))!.Paused);
        await _client.Pipelines.ResumeAsync(name);
        var status = await _client.Pipelines.InfoAsync(name);
        Assert.False(status!.Paused);
        Assert.Equal(5, status.Metrics.Received);
        Assert.True(await _client.Pipelines.DropAsync(name));
        Assert.False(await _client.Pipelines.DropAsync(name));
        Assert.Null(await _client.Pipelines.InfoAsync(name));
        await Assert.ThrowsAsync<PipelineException>(() => _client.Pipelines.PauseAsync(name));
    }

    [Fact]
    public async Task An_invalid_definition_names_its_fault()
    {
        var error = await Assert.ThrowsAsync<PipelineException>(() =>
            _client.Pipelines.CreateAsync("sdk-bad-" + Guid.NewGuid().ToString("N"), PipelineDefinition.From("x").KeyBy("k").ToStream("y")));
        Assert.Equal("InvalidDefinition", error.Code);
        Assert.Contains("window", error.Message, StringComparison.Ordinal);
    }
}
