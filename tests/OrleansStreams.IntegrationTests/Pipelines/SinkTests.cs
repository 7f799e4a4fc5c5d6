using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;
using static OrleansStreams.IntegrationTests.Pipelines.PipelineDriver;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>Sinks over RESP: hashes read back with the hash commands (with and without a TTL), and a stream sink trimmed by maxLen.</summary>
[Collection(PipelineSiloCollection.Name)]
public sealed class SinkTests(PipelineSiloFixture fixture)
{
    private const long Minute = 60_000;
    private const long Base = 1_700_000_220_000; // a whole minute since the epoch

    private static string HashPipeline(string sink) => $$"""
        {"source":{"stream":"hash:in","eventTime":"ts"},
         "steps":[{"keyBy":"k"},{"window":{"type":"tumbling","sizeMs":60000} },{"aggregate":[{"op":"count","as":"n"},{"op":"sum","field":"v","as":"total"}]}],
         "sink":{{sink}},
         "keyGroups":4}
        """;

    private static Dictionary<string, string> Pairs(RespValue reply)
    {
        Assert.False(reply.IsError, reply.Text);
        return reply.AsPairs().ToDictionary(p => p.Key, p => p.Value.Text!);
    }

    [Fact]
    public async Task Hash_sink_results_are_readable_with_hget_hgetall_hkeys_hlen_and_hscan_and_expire_with_ttlMs()
    {
        using var client = await fixture.Silo.ConnectAsync();
        const long Ttl = 600_000;
        await CreateAsync(client, "hash", HashPipeline("""{"hash":"hs"}"""));
        await CreateAsync(client, "hashttl", HashPipeline($$"""{"hash":"ht","ttlMs":{{Ttl}}}"""));
        var events = Enumerable.Range(0, 150).Select(i => new TestEvent(Base + i * 1000L, ("k", "k" + (i % 4).ToString(CultureInfo.InvariantCulture)), ("v", Text(i)))).ToList();
        await AddAsync(client, "hash:in", [.. events, new TestEvent(Base + 30 * Minute, ("k", "flush"), ("v", "0"))]);

        var expected = events.GroupBy(e => (Key: e.Get("k"), Start: e.Ts - e.Ts % Minute)).ToDictionary(
            g => g.Key,
            g => new Dictionary<string, string>
            {
                ["window_end"] = Text(g.Key.Start + Minute),
                ["n"] = Text(g.Count()),
                ["total"] = Text(g.Sum(e => long.Parse(e.Get("v"), CultureInfo.InvariantCulture))),
            });
        foreach (var prefix in new[] { "hs", "ht" })
        {
            await Poll.UntilAsync(
                async () => (await client.ValueAsync(["EXISTS", .. expected.Keys.Select(w => $"{prefix}:{w.Key}:{w.Start}")])).Integer == expected.Count,
                ResultTimeout, $"{expected.Count} hashes {prefix}:*");
        }
        // Every hash key of the layout {prefix}:{key}:{window_start}, and no other (the flush window has not fired).
        var keys = (await client.ValueAsync("KEYS", "hs:*")).Items.Select(i => i.Text!).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Select(w => $"hs:{w.Key}:{w.Start}").Order(StringComparer.Ordinal), keys);

        foreach (var ((key, start), fields) in expected)
        {
            var hash = $"hs:{key}:{start}";
            Assert.Equal(fields["n"], (await client.ValueAsync("HGET", hash, "n")).Text);
            Assert.Equal(fields["total"], (await client.ValueAsync("HGET", hash, "total")).Text);
            Assert.Equal(fields, Pairs(await client.ValueAsync("HGETALL", hash)));
            Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), (await client.ValueAsync("HKEYS", hash)).Items.Select(i => i.Text!).Order(StringComparer.Ordinal));
            Assert.Equal(fields.Count, (await client.ValueAsync("HLEN", hash)).Integer);
            var scan = await client.ValueAsync("HSCAN", hash, "0");
            Assert.Equal("0", scan.Items[0].Text);
            Assert.Equal(fields, Pairs(scan.Items[1]));
            Assert.Equal(-1, (await client.ValueAsync("PTTL", hash)).Integer);

            var expiring = $"ht:{key}:{start}";
            Assert.Equal(fields, Pairs(await client.ValueAsync("HGETALL", expiring)));
            var pttl = (await client.ValueAsync("PTTL", expiring)).Integer;
            Assert.InRange(pttl, 1, Ttl);
        }
        await DropAsync(client, "hash", "hashttl");
    }

    [Fact]
    public async Task Stream_sink_with_maxLen_keeps_the_newest_results_and_trims_the_rest()
    {
        using var client = await fixture.Silo.ConnectAsync();
        const int MaxLen = 20;
        // One result per event (count windows of one), one key group: results come out in arrival order.
        await CreateAsync(client, "trim", $$"""
            {"source":{"stream":"trim:in","eventTime":"ts"},
             "steps":[{"keyBy":"k"},{"window":{"type":"count","size":1} },{"aggregate":[{"op":"sum","field":"v","as":"v"}]}],
             "sink":{"stream":"trim:out","maxLen":{{MaxLen}}},
             "keyGroups":1}
            """);
        var events = Enumerable.Range(0, 500).Select(i => new TestEvent(Base + i, ("k", "k" + (i % 7).ToString(CultureInfo.InvariantCulture)), ("v", Text(i)))).ToList();
        await AddAsync(client, "trim:in", events);

        await WaitForMetricAsync(client, "trim", "events_emitted", n => n == events.Count, "== one result per event");
        var length = (await client.ValueAsync("XLEN", "trim:out")).Integer;
        Assert.InRange(length, MaxLen, events.Count - 1);
        var kept = await ReadAllAsync(client, "trim:out");
        // What is kept is the newest results, in order.
        Assert.Equal(events.TakeLast(kept.Count).Select(e => e.Get("v")), kept.Select(r => r["v"]));
        await DropAsync(client, "trim");
    }
}
