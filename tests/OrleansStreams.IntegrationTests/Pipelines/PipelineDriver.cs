using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>A test event: its fields in order (the event time in <c>ts</c>).</summary>
public sealed record TestEvent(long Ts, params (string Name, string Value)[] Fields)
{
    public string Get(string name) => Fields.First(f => f.Name == name).Value;
}

/// <summary>Feeds events into a stream over RESP and reads a pipeline's results back, as a user would with redis-cli.</summary>
public static class PipelineDriver
{
    public static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(60);

    public static async Task CreateAsync(RespClient client, string name, string json)
    {
        var reply = await client.ValueAsync("PIPELINE.CREATE", name, json);
        Assert.False(reply.IsError, reply.Text);
        Assert.Equal("OK", reply.Text);
    }

    public static async Task AddAsync(RespClient client, string stream, IEnumerable<TestEvent> events)
    {
        foreach (var e in events)
        {
            string[] args = ["XADD", stream, "*", "ts", e.Ts.ToString(CultureInfo.InvariantCulture), .. e.Fields.SelectMany(f => new[] { f.Name, f.Value })];
            var reply = await client.ValueAsync(args);
            Assert.False(reply.IsError, reply.Text);
        }
    }

    /// <summary>Sends every XADD before reading any reply, so the entries arrive together (no wall-clock gaps between them).</summary>
    public static async Task AddPipelinedAsync(RespClient client, string stream, IReadOnlyList<TestEvent> events)
    {
        var frames = events.SelectMany(e => RespClient.Encode(
            ["XADD", stream, "*", "ts", e.Ts.ToString(CultureInfo.InvariantCulture), .. e.Fields.SelectMany(f => new[] { f.Name, f.Value })])).ToArray();
        await client.SendRawAsync(frames);
        foreach (var _ in events)
        {
            var reply = await client.ReadValueAsync();
            Assert.False(reply.IsError, reply.Text);
        }
    }

    /// <summary>Appends one entry with exactly these fields (name, value, name, value, …).</summary>
    public static async Task AddFieldsAsync(RespClient client, string stream, params string[] fieldsAndValues)
    {
        var reply = await client.ValueAsync(["XADD", stream, "*", .. fieldsAndValues]);
        Assert.False(reply.IsError, reply.Text);
    }

    public static async Task DropAsync(RespClient client, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.Equal("OK", (await client.ValueAsync("PIPELINE.DROP", name)).Text);
        }
    }

    /// <summary>Waits until the integer metric of PIPELINE.INFO satisfies <paramref name="condition"/>.</summary>
    public static async Task WaitForMetricAsync(RespClient client, string name, string metric, Func<long, bool> condition, string what)
    {
        long value = 0;
        await Poll.UntilAsync(async () =>
        {
            var reply = (await InfoAsync(client, name))[metric];
            value = reply.IsNull ? long.MinValue : reply.Integer;
            return condition(value);
        }, ResultTimeout, $"{name}: {metric} {what} (is {value})");
    }

    /// <summary>
    /// The results hold exactly the expected windows, and each expected field has the expected value
    /// (fields not named in <paramref name="expected"/> are not checked).
    /// </summary>
    public static void AssertResults(
        Dictionary<(string Key, long Start), Dictionary<string, string>> expected,
        Dictionary<(string Key, long Start), Dictionary<string, string>> results)
    {
        Assert.Equal(expected.Keys.Order(), results.Keys.Order());
        foreach (var (window, fields) in expected)
        {
            foreach (var (name, value) in fields)
            {
                Assert.True(results[window].TryGetValue(name, out var actual), $"{window}: no field {name} in {Describe(results[window])}");
                Assert.True(value == actual, $"{window}.{name}: expected {value}, got {actual}");
            }
        }
    }

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every entry of a stream as a field map, in order.</summary>
    public static async Task<List<Dictionary<string, string>>> ReadAllAsync(RespClient client, string stream)
    {
        var reply = await client.ValueAsync("XRANGE", stream, "-", "+");
        return reply.Items.Select(entry =>
        {
            var fields = entry.Items[1].Items;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < fields.Count; i += 2)
            {
                map[fields[i].Text!] = fields[i + 1].Text!;
            }
            return map;
        }).ToList();
    }

    /// <summary>
    /// Waits until the sink holds a result for every expected (key, window_start), then returns the last
    /// result per window (the output is at-least-once: a re-sent result must carry the same values).
    /// </summary>
    public static async Task<Dictionary<(string Key, long Start), Dictionary<string, string>>> ResultsAsync(
        RespClient client, string sink, int expectedWindows, TimeSpan? timeout = null)
    {
        Dictionary<(string, long), Dictionary<string, string>> results = [];
        await Poll.UntilAsync(async () =>
        {
            results = ByWindow(await ReadAllAsync(client, sink));
            return results.Count >= expectedWindows;
        }, timeout ?? ResultTimeout, $"{expectedWindows} windows in {sink} (have {results.Count})");
        return results;
    }

    public static Dictionary<(string Key, long Start), Dictionary<string, string>> ByWindow(List<Dictionary<string, string>> entries)
    {
        var results = new Dictionary<(string, long), Dictionary<string, string>>();
        foreach (var entry in entries)
        {
            var window = (entry["key"], long.Parse(entry["window_start"], CultureInfo.InvariantCulture));
            if (results.TryGetValue(window, out var earlier))
            {
                Assert.Equal(Describe(earlier), Describe(entry)); // a re-sent result is the same result
            }
            results[window] = entry;
        }
        return results;
    }

    public static async Task<Dictionary<string, RespValue>> InfoAsync(RespClient client, string name)
    {
        var reply = await client.ValueAsync("PIPELINE.INFO", name);
        Assert.False(reply.IsError, reply.Text);
        return reply.AsPairs();
    }

    /// <summary>Shuffles events by at most <paramref name="maxDisorderMs"/> of event time: bounded out-of-order arrival.</summary>
    public static List<TestEvent> Disorder(IReadOnlyList<TestEvent> events, long maxDisorderMs, int seed)
    {
        var random = new Random(seed);
        return events.Select(e => (Key: e.Ts + random.NextInt64(0, maxDisorderMs + 1), Event: e)).OrderBy(x => x.Key).Select(x => x.Event).ToList();
    }

    private static string Describe(Dictionary<string, string> entry) => string.Join(",", entry.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
