using System.Globalization;
using System.Text.Json;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>
/// The three use cases of docs/pipelines.md, over RESP against a silo process: known events go in (in
/// order and out of order), and every result is checked against values computed here, independently.
/// </summary>
public sealed class PipelineUseCaseTests
{
    private const long Minute = 60_000;
    private const long Base = 1_700_000_000_000; // windows are aligned to the epoch, as the expected values below

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Page_views_per_minute_count_views_per_page_in_tumbling_minutes(bool outOfOrder)
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        await PipelineDriver.CreateAsync(client, "pageviews", """
            {"source":{"stream":"clicks","from":"0","eventTime":"ts"},
             "watermark":{"type":"bounded","maxOutOfOrderMs":5000},
             "steps":[{"filter":"type == 'view'"},{"keyBy":"page"},
                      {"window":{"type":"tumbling","sizeMs":60000}},
                      {"aggregate":[{"op":"count","as":"views"}]}],
             "late":{"policy":"drop"},
             "sink":{"stream":"pageviews:out"}}
            """);
        var random = new Random(7);
        string[] pages = ["/home", "/cart", "/docs", "/about"];
        var events = Enumerable.Range(0, 600)
            .Select(i => new TestEvent(Base + i * 500L + random.Next(0, 400), ("type", random.Next(4) == 0 ? "click" : "view"), ("page", pages[random.Next(pages.Length)])))
            .ToList();
        var feed = outOfOrder ? PipelineDriver.Disorder(events, 4000, seed: 3) : events;
        // A last event well past every window moves the watermark beyond them all.
        var flush = new TestEvent(Base + 20 * Minute, ("type", "view"), ("page", "/flush"));
        await PipelineDriver.AddAsync(client, "clicks", [.. feed, flush]);

        var expected = events.Where(e => e.Get("type") == "view")
            .GroupBy(e => (Key: e.Get("page"), Start: e.Ts - e.Ts % Minute))
            .ToDictionary(g => g.Key, g => g.Count());
        var results = await PipelineDriver.ResultsAsync(client, "pageviews:out", expected.Count);

        Assert.Equal(expected.Count, results.Count);
        foreach (var ((page, start), views) in expected)
        {
            var result = results[(page, start)];
            Assert.Equal(views.ToString(CultureInfo.InvariantCulture), result["views"]);
            Assert.Equal((start + Minute).ToString(CultureInfo.InvariantCulture), result["window_end"]);
        }
        var info = await PipelineDriver.InfoAsync(client, "pageviews");
        Assert.Equal(events.Count + 1, info["events_received"].Integer);
        Assert.Equal(0, info["events_late_dropped"].Integer);
        Assert.Equal("running", info["state"].Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fraud_detection_alerts_on_hourly_sums_over_10000_sliding_by_the_minute(bool outOfOrder)
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        await PipelineDriver.CreateAsync(client, "fraud", """
            {"source":{"stream":"payments","eventTime":"ts"},
             "watermark":{"type":"bounded","maxOutOfOrderMs":10000},
             "steps":[{"keyBy":"user"},
                      {"window":{"type":"sliding","sizeMs":3600000,"slideMs":60000}},
                      {"aggregate":[{"op":"sum","field":"amount","as":"total"},{"op":"count","as":"payments"}]},
                      {"filter":"total > 10000"}],
             "sink":{"stream":"alerts"}}
            """);
        var random = new Random(11);
        string[] users = ["ann", "bob", "cid"];
        var events = Enumerable.Range(0, 240)
            .Select(i => new TestEvent(Base + i * 30_000L + random.Next(0, 20_000), ("user", users[random.Next(users.Length)]), ("amount", random.Next(50, 400).ToString(CultureInfo.InvariantCulture))))
            .ToList();
        var feed = outOfOrder ? PipelineDriver.Disorder(events, 8000, seed: 5) : events;
        var flush = new TestEvent(Base + 10 * 60 * Minute, ("user", "zed"), ("amount", "1"));
        await PipelineDriver.AddAsync(client, "payments", [.. feed, flush]);

        // Every one-hour window starting on a minute that holds an event of the user.
        var expected = new Dictionary<(string, long), (long Total, int Count)>();
        foreach (var user in users)
        {
            var mine = events.Where(e => e.Get("user") == user).ToList();
            var starts = mine.SelectMany(e => Enumerable.Range(0, 60).Select(k => e.Ts - e.Ts % Minute - k * Minute)).Distinct();
            foreach (var start in starts)
            {
                var inside = mine.Where(e => e.Ts >= start && e.Ts < start + 60 * Minute).ToList();
                var total = inside.Sum(e => long.Parse(e.Get("amount"), CultureInfo.InvariantCulture));
                if (total > 10000)
                {
                    expected[(user, start)] = (total, inside.Count);
                }
            }
        }
        Assert.NotEmpty(expected);
        var results = await PipelineDriver.ResultsAsync(client, "alerts", expected.Count);

        Assert.Equal(expected.Count, results.Count);
        foreach (var ((user, start), (total, count)) in expected)
        {
            var result = results[(user, start)];
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), result["total"]);
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), result["payments"]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Session_aggregation_collects_count_and_duration_per_30_minute_session(bool outOfOrder)
    {
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        const long Gap = 30 * Minute;
        await PipelineDriver.CreateAsync(client, "sessions", """
            {"source":{"stream":"activity","eventTime":"ts"},
             "watermark":{"type":"bounded","maxOutOfOrderMs":60000},
             "steps":[{"keyBy":"session"},
                      {"window":{"type":"session","gapMs":1800000}},
                      {"aggregate":[{"op":"collect","field":"page","as":"pages"},{"op":"count","as":"events"},{"op":"duration","as":"duration_ms"}]}],
             "sink":{"stream":"sessions:out"}}
            """);
        var random = new Random(13);
        var events = new List<TestEvent>();
        foreach (var session in new[] { "s1", "s2", "s3", "s4" })
        {
            var t = Base + random.Next(0, 10) * Minute;
            for (var i = 0; i < 40; i++)
            {
                // Mostly short pauses, sometimes one longer than the gap: the session splits there.
                t += random.Next(10) == 0 ? Gap + random.Next(1, 20) * Minute : random.Next(1, 25) * Minute / 5;
                events.Add(new TestEvent(t, ("session", session), ("page", "p" + i.ToString(CultureInfo.InvariantCulture))));
            }
        }
        events = [.. events.OrderBy(e => e.Ts)];
        var feed = outOfOrder ? PipelineDriver.Disorder(events, 50_000, seed: 9) : events;
        var flush = new TestEvent(events[^1].Ts + 10 * Gap, ("session", "zz"), ("page", "end"));
        await PipelineDriver.AddAsync(client, "activity", [.. feed, flush]);

        // Sessions: per key, split where consecutive events are more than the gap apart.
        var expected = new Dictionary<(string, long), (string[] Pages, int Count, long Duration, long End)>();
        foreach (var group in events.GroupBy(e => e.Get("session")))
        {
            var sorted = group.OrderBy(e => e.Ts).ToList();
            var current = new List<TestEvent> { sorted[0] };
            void Close() => expected[(group.Key, current[0].Ts)] =
                (current.Select(e => e.Get("page")).Order(StringComparer.Ordinal).ToArray(), current.Count, current[^1].Ts - current[0].Ts, current[^1].Ts + Gap);
            foreach (var e in sorted.Skip(1))
            {
                if (e.Ts - current[^1].Ts > Gap)
                {
                    Close();
                    current = [];
                }
                current.Add(e);
            }
            Close();
        }
        var results = await PipelineDriver.ResultsAsync(client, "sessions:out", expected.Count);

        Assert.Equal(expected.Count, results.Count);
        foreach (var ((session, start), (pages, count, duration, end)) in expected)
        {
            var result = results[(session, start)];
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), result["events"]);
            Assert.Equal(duration.ToString(CultureInfo.InvariantCulture), result["duration_ms"]);
            Assert.Equal(end.ToString(CultureInfo.InvariantCulture), result["window_end"]);
            Assert.Equal(pages, JsonSerializer.Deserialize<string[]>(result["pages"])!.Order(StringComparer.Ordinal).ToArray());
        }
    }
}
