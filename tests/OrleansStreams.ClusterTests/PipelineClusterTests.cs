using System.Globalization;
using System.Text;
using Orleans.Runtime;
using OrleansStreams.Grains;
using OrleansStreams.Processing;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests;

/// <summary>Pipelines on three silos through the grain factory alone (as the SDK will): key groups spread over the silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PipelineClusterTests(ClusterFixture fixture)
{
    private const long Minute = 60_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_json_pipeline_counts_per_key_across_key_groups_on_several_silos()
    {
        var source = "cl:events:" + Guid.NewGuid().ToString("N");
        var sink = source + ":out";
        var name = "cl-count-" + Guid.NewGuid().ToString("N");
        var json = $$$"""
            {"source":{"stream":"{{{source}}}"},
             "watermark":{"type":"monotonic"},
             "steps":[{"keyBy":"user"},{"window":{"type":"tumbling","sizeMs":60000}},{"aggregate":[{"op":"count","as":"n"},{"op":"max","field":"amount","as":"top"}]}],
             "keyGroups":16,
             "sink":{"stream":"{{{sink}}}"}}
            """;
        Assert.Null(await fixture.Grains.GetGrain<IPipelineGrain>(name).Create(json));

        // Event time is the entry ID's millisecond part: explicit IDs over three minutes, 40 users.
        var events = Enumerable.Range(1, 600).Select(i => (Ms: 10 * Minute + i * 300L, User: "u" + (i % 40).ToString(CultureInfo.InvariantCulture), Amount: i % 97)).ToList();
        var appends = events.Select(e => new StreamOperation.Append(false, StreamTrim.None, true, true, new StreamEntryId((ulong)e.Ms, 0),
            [Bytes("user"), Bytes(e.User), Bytes("amount"), Bytes(e.Amount.ToString(CultureInfo.InvariantCulture))])).ToArray<StreamOperation>();
        await fixture.Stream(source).Execute(new(appends));
        await fixture.Stream(source).Execute(new([new StreamOperation.Append(false, StreamTrim.None, true, true, new StreamEntryId((ulong)(30 * Minute), 0), [Bytes("user"), Bytes("flush"), Bytes("amount"), Bytes("0")])]));

        var expected = events.GroupBy(e => (e.User, Start: e.Ms - e.Ms % Minute)).ToDictionary(g => g.Key, g => (N: g.Count(), Top: g.Max(e => e.Amount)));
        var results = new Dictionary<(string, long), (int, int)>();
        var deadline = DateTime.UtcNow + Timeout;
        while (results.Count < expected.Count && DateTime.UtcNow < deadline)
        {
            var range = await fixture.Stream(sink).Execute(new([new StreamOperation.Range(StreamEntryId.Min, StreamEntryId.Max, -1, false)]));
            results = ((StreamResult.Entries)range[0]).Items.Select(Fields).ToDictionary(
                f => (f["key"], long.Parse(f["window_start"], CultureInfo.InvariantCulture)),
                f => (int.Parse(f["n"], CultureInfo.InvariantCulture), int.Parse(f["top"], CultureInfo.InvariantCulture)));
            await Task.Delay(50);
        }
        Assert.Equal(expected.OrderBy(p => p.Key), results.OrderBy(p => p.Key));

        // Key groups were activated on more than one silo.
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silos = statistics.Where(s => s.GrainType.Contains(nameof(WindowAggregatorGrain), StringComparison.Ordinal) && s.GrainId.ToString().Contains(name, StringComparison.Ordinal)).Select(s => s.SiloAddress).Distinct().Count();
        Assert.True(silos >= 2, $"key groups on {silos} silo(s)");
        // The reader runs on the silo of the stream partition it reads.
        var reader = Assert.Single(statistics, s => s.GrainType.Contains(nameof(SourceReaderGrain), StringComparison.Ordinal) && s.GrainId.ToString().Contains(name, StringComparison.Ordinal));
        var partition = Assert.Single(statistics, s => s.GrainType.Contains("StreamPartitionGrain", StringComparison.Ordinal) && s.GrainId.ToString().EndsWith("/0/0/" + source, StringComparison.Ordinal));
        Assert.Equal(partition.SiloAddress, reader.SiloAddress);

        var status = await fixture.Grains.GetGrain<IPipelineGrain>(name).Info();
        Assert.NotNull(status);
        Assert.Equal(events.Count + 1, status.Metrics.Received);
        Assert.Equal(events.Count + 1, status.Metrics.Processed);
        Assert.True(await fixture.Grains.GetGrain<IPipelineGrain>(name).Drop());
        Assert.Null(await fixture.Grains.GetGrain<IPipelineGrain>(name).Info());
    }

    [Fact]
    public async Task A_csharp_pipeline_registered_at_start_up_runs_with_keyed_state()
    {
        // Created by the silos' keeper at start-up, from the catalog: nobody calls Create.
        var pipeline = fixture.Grains.GetGrain<IPipelineGrain>(ClusterPipelines.Name);
        var deadline = DateTime.UtcNow + Timeout;
        while (await pipeline.Info() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.NotNull(await pipeline.Info());

        string[] words = ["orleans", "streams", "redis", "flink", "grain", "silo"];
        var appends = Enumerable.Range(0, 300).Select(i => StreamOperation.Append.Auto(
            [Bytes("user"), Bytes("u" + (i % 7).ToString(CultureInfo.InvariantCulture)), Bytes("word"), Bytes(words[i % words.Length])])).ToArray<StreamOperation>();
        await fixture.Stream(ClusterPipelines.Source).Execute(new(appends));

        var expected = Enumerable.Range(0, 300).GroupBy(i => "u" + (i % 7).ToString(CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (Words: (long)g.Count(), Chars: g.Sum(i => (long)words[i % words.Length].Length)));
        Dictionary<string, (long, long)> last = [];
        while (DateTime.UtcNow < deadline)
        {
            var range = await fixture.Stream(ClusterPipelines.Sink).Execute(new([new StreamOperation.Range(StreamEntryId.Min, StreamEntryId.Max, -1, false)]));
            var entries = ((StreamResult.Entries)range[0]).Items.Select(Fields).ToList();
            last = entries.GroupBy(f => f["key"]).ToDictionary(g => g.Key, g => g.Select(f => (long.Parse(f["words"], CultureInfo.InvariantCulture), long.Parse(f["chars"], CultureInfo.InvariantCulture))).Max());
            if (entries.Count >= 300 && last.Count == expected.Count && expected.All(p => last[p.Key] == p.Value))
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal(expected.OrderBy(p => p.Key), last.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_csharp_reduce_from_a_memory_source_keeps_a_rolling_sum_per_key()
    {
        var pipeline = fixture.Grains.GetGrain<IPipelineGrain>(ClusterPipelines.ReduceName);
        var deadline = DateTime.UtcNow + Timeout;
        while (await pipeline.Info() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        for (var i = 1; i <= 200; i++)
        {
            MemoryPipelineIO.Append(ClusterPipelines.MemorySource, [new("user", "u" + (i % 4).ToString(CultureInfo.InvariantCulture)), new("amount", i.ToString(CultureInfo.InvariantCulture))]);
        }
        var expected = Enumerable.Range(1, 200).GroupBy(i => "u" + (i % 4).ToString(CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => (long)g.Sum());
        Dictionary<string, long> last = [];
        while (DateTime.UtcNow < deadline)
        {
            var results = MemoryPipelineIO.ReadSink(ClusterPipelines.MemorySink);
            last = results.GroupBy(r => r.Fields.First(f => f.Key == "user").Value)
                .ToDictionary(g => g.Key, g => g.Max(r => long.Parse(r.Fields.First(f => f.Key == "amount").Value, CultureInfo.InvariantCulture)));
            if (results.Count >= 200 && last.Count == expected.Count && expected.All(p => last[p.Key] == p.Value))
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal(expected.OrderBy(p => p.Key), last.OrderBy(p => p.Key));
        Assert.Equal(200, MemoryPipelineIO.ReadSink(ClusterPipelines.MemorySink).Count);
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static Dictionary<string, string> Fields(StreamEntry entry)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < entry.Fields.Length; i += 2)
        {
            map[Encoding.UTF8.GetString(entry.Fields[i])] = Encoding.UTF8.GetString(entry.Fields[i + 1]);
        }
        return map;
    }
}
