using System.Globalization;
using System.Text.Json;
using OrleansStreams.IntegrationTests.Harness;
using static OrleansStreams.IntegrationTests.Pipelines.PipelineDriver;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>Window types, the periodic watermark and the allowedLateness / recompute late policies over RESP.</summary>
[Collection(PipelineSiloCollection.Name)]
public sealed class WindowAndLatenessTests(PipelineSiloFixture fixture)
{
    private const long Base = 1_700_000_160_000; // a whole minute since the epoch

    private static string Pipeline(string source, string window, string sink, string late = """{"policy":"drop"}""") => $$"""
        {"source":{"stream":"{{source}}","eventTime":"ts"},
         "watermark":{"type":"bounded","maxOutOfOrderMs":0},
         "steps":[{"keyBy":"k"},{"window":{{window}}},
                  {"aggregate":[{"op":"count","as":"n"},{"op":"sum","field":"v","as":"total"},{"op":"collect","field":"v","as":"vs"}]}],
         "late":{{late}},
         "sink":{"stream":"{{sink}}"},
         "keyGroups":4}
        """;

    private static Dictionary<string, string> Result(IReadOnlyCollection<TestEvent> events, long? end = null)
    {
        var result = new Dictionary<string, string>
        {
            ["n"] = Text(events.Count),
            ["total"] = Text(events.Sum(e => long.Parse(e.Get("v"), CultureInfo.InvariantCulture))),
            ["vs"] = string.Join(",", events.Select(e => e.Get("v"))),
        };
        if (end is { } e)
        {
            result["window_end"] = Text(e);
        }
        return result;
    }

    /// <summary>The results with each collected list (<c>vs</c>) as its elements' text joined by commas, whatever JSON type they have.</summary>
    private static Dictionary<(string Key, long Start), Dictionary<string, string>> Collected(Dictionary<(string Key, long Start), Dictionary<string, string>> results)
    {
        foreach (var result in results.Values)
        {
            result["vs"] = string.Join(",", JsonSerializer.Deserialize<JsonElement[]>(result["vs"])!.Select(e => e.ToString()));
        }
        return results;
    }

    [Fact]
    public async Task Tumbling_with_offset_sliding_session_and_count_windows_hold_the_events_they_should()
    {
        using var client = await fixture.Silo.ConnectAsync();
        const long Gap = 30_000;
        await CreateAsync(client, "w-tumble", Pipeline("win:in", """{"type":"tumbling","sizeMs":60000,"offsetMs":15000}""", "w-tumble:out"));
        await CreateAsync(client, "w-slide", Pipeline("win:in", """{"type":"sliding","sizeMs":30000,"slideMs":10000}""", "w-slide:out"));
        await CreateAsync(client, "w-session", Pipeline("win:in", """{"type":"session","gapMs":30000}""", "w-session:out"));
        await CreateAsync(client, "w-count", Pipeline("win:in", """{"type":"count","size":5}""", "w-count:out"));

        var random = new Random(23);
        var events = new List<TestEvent>();
        var t = Base;
        for (var i = 0; i < 150; i++)
        {
            // Mostly a few seconds apart, sometimes a pause longer than the session gap.
            t += random.Next(12) == 0 ? Gap + random.Next(1, 60_000) : random.Next(100, 9_000);
            events.Add(new TestEvent(t, ("k", "k" + random.Next(3).ToString(CultureInfo.InvariantCulture)), ("v", Text(i))));
        }
        await AddAsync(client, "win:in", [.. events, new TestEvent(t + 60 * 60_000, ("k", "flush"), ("v", "0"))]);

        var tumbling = events.GroupBy(e => (e.Get("k"), Start: Floor(e.Ts - 15_000, 60_000) + 15_000))
            .ToDictionary(g => g.Key, g => Result([.. g], g.Key.Start + 60_000));
        AssertResults(tumbling, Collected(await ResultsAsync(client, "w-tumble:out", tumbling.Count)));

        var sliding = events.SelectMany(e => Enumerable.Range(0, 3).Select(k => (e, Start: Floor(e.Ts, 10_000) - k * 10_000L)))
            .GroupBy(x => (x.e.Get("k"), x.Start))
            .ToDictionary(g => g.Key, g => Result([.. g.Select(x => x.e)], g.Key.Start + 30_000));
        AssertResults(sliding, Collected(await ResultsAsync(client, "w-slide:out", sliding.Count)));

        var sessions = new Dictionary<(string, long), Dictionary<string, string>>();
        foreach (var byKey in events.GroupBy(e => e.Get("k")))
        {
            var current = new List<TestEvent>();
            foreach (var e in byKey)
            {
                Assert.NotEqual(Gap, current.Count > 0 ? e.Ts - current[^1].Ts : 0); // no touching sessions: no ambiguity
                if (current.Count > 0 && e.Ts - current[^1].Ts > Gap)
                {
                    sessions[(byKey.Key, current[0].Ts)] = Result(current, current[^1].Ts + Gap);
                    current = [];
                }
                current.Add(e);
            }
            sessions[(byKey.Key, current[0].Ts)] = Result(current, current[^1].Ts + Gap);
        }
        Assert.True(sessions.Count > 3, "the data should split sessions");
        AssertResults(sessions, Collected(await ResultsAsync(client, "w-session:out", sessions.Count)));

        // Count windows: every 5 events of a key in arrival order, reported as [first time, last time + 1).
        var counted = events.GroupBy(e => e.Get("k"))
            .SelectMany(g => g.Chunk(5).Where(c => c.Length == 5))
            .ToDictionary(c => (c[0].Get("k"), c[0].Ts), c => Result(c, c[^1].Ts + 1));
        await WaitForMetricAsync(client, "w-count", "events_processed", n => n == events.Count + 1, "== every event");
        AssertResults(counted, Collected(ByWindow(await ReadAllAsync(client, "w-count:out"))));

        await DropAsync(client, "w-tumble", "w-slide", "w-session", "w-count");
    }

    private static long Floor(long value, long size) => value - (((value % size) + size) % size);

    [Fact]
    public async Task A_periodic_watermark_fires_windows_as_wall_clock_time_passes_without_new_events()
    {
        using var client = await fixture.Silo.ConnectAsync();
        await CreateAsync(client, "periodic", Pipeline("per:in", """{"type":"tumbling","sizeMs":1000}""", "per:out")
            .Replace("""{"type":"bounded","maxOutOfOrderMs":0}""", """{"type":"periodic","intervalMs":300}"""));
        // The last event is at +2100: the window [+2000, +3000) needs 900 ms more than any event says.
        var events = Enumerable.Range(0, 22).Select(i => new TestEvent(Base + i * 100L, ("k", "k" + (i % 2)), ("v", Text(i)))).ToList();
        await AddPipelinedAsync(client, "per:in", events);

        var expected = events.GroupBy(e => (e.Get("k"), Start: e.Ts - e.Ts % 1000)).ToDictionary(g => g.Key, g => Result([.. g], g.Key.Start + 1000));
        Assert.Contains(expected.Keys, w => w.Start == Base + 2000);
        AssertResults(expected, Collected(await ResultsAsync(client, "per:out", expected.Count, TimeSpan.FromSeconds(20))));
        Assert.Equal(events.Count, (await InfoAsync(client, "periodic"))["events_received"].Integer);
        await DropAsync(client, "periodic");
    }

    [Fact]
    public async Task Late_events_within_allowed_lateness_update_the_result_and_beyond_it_are_dropped_and_counted()
    {
        using var client = await fixture.Silo.ConnectAsync();
        const long Minute = 60_000;
        await CreateAsync(client, "late-allowed", Pipeline("lat:in", """{"type":"tumbling","sizeMs":60000}""", "late-allowed:out", """{"policy":"allowedLateness","allowedLatenessMs":120000}"""));
        await CreateAsync(client, "late-recompute", Pipeline("lat:in", """{"type":"tumbling","sizeMs":60000}""", "late-recompute:out", """{"policy":"recompute","allowedLatenessMs":120000}"""));
        TestEvent At(long seconds, int v) => new(Base + seconds * 1000, ("k", "a"), ("v", Text(v)));
        string[] sinks = ["late-allowed:out", "late-recompute:out"];

        async Task<List<Dictionary<string, string>>> MinuteZero(string sink) =>
            (await ReadAllAsync(client, sink)).Where(r => r["window_start"] == Text(Base)).ToList();
        async Task WaitForMinuteZero(int results)
        {
            foreach (var sink in sinks)
            {
                await Poll.UntilAsync(async () => (await MinuteZero(sink)).Count >= results, ResultTimeout, $"{results} results for minute 0 in {sink}");
            }
        }

        TestEvent[] onTime = [At(10, 1), At(20, 2), At(40, 4)];
        await AddAsync(client, "lat:in", [.. onTime, At(90, 8)]); // the watermark passes minute 0: it fires
        await WaitForMinuteZero(1);

        var late = At(30, 16); // watermark 90 s < end 60 s + lateness 120 s: still kept
        await AddAsync(client, "lat:in", [late]);
        await WaitForMinuteZero(2);

        await AddAsync(client, "lat:in", [At(200, 32)]); // watermark 200 s ≥ 180 s: minute 0 is forgotten
        await WaitForMetricAsync(client, "late-allowed", "watermark", w => w >= Base + 200_000, "at 200 s");
        await WaitForMetricAsync(client, "late-recompute", "watermark", w => w >= Base + 200_000, "at 200 s");
        await AddAsync(client, "lat:in", [At(50, 64)]);
        await WaitForMetricAsync(client, "late-allowed", "events_late_dropped", n => n == 1, "== 1");
        await WaitForMetricAsync(client, "late-recompute", "events_late_dropped", n => n == 1, "== 1");

        var original = Result(onTime, Base + Minute);
        foreach (var sink in sinks)
        {
            var results = await MinuteZero(sink);
            Assert.Equal(2, results.Count);
            AssertResults(new() { [("a", Base)] = original }, Collected(ByWindow(results.Take(1).ToList())));
        }
        // allowedLateness folds the late event into the accumulators (collect in arrival order) ...
        AssertResults(new() { [("a", Base)] = Result([.. onTime, late], Base + Minute) }, Collected(ByWindow((await MinuteZero("late-allowed:out")).Skip(1).ToList())));
        // ... recompute recalculates from the kept events in event-time order.
        AssertResults(new() { [("a", Base)] = Result([onTime[0], onTime[1], late, onTime[2]], Base + Minute) }, Collected(ByWindow((await MinuteZero("late-recompute:out")).Skip(1).ToList())));
        // Minute 1 (the 90 s event) fired normally in both.
        foreach (var sink in sinks)
        {
            var minuteOne = (await ReadAllAsync(client, sink)).Where(r => r["window_start"] == Text(Base + Minute)).ToList();
            AssertResults(new() { [("a", Base + Minute)] = Result([At(90, 8)], Base + 2 * Minute) }, Collected(ByWindow(minuteOne)));
        }
        await DropAsync(client, "late-allowed", "late-recompute");
    }
}
