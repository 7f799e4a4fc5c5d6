using System.Globalization;
using System.Text.Json;
using OrleansStreams.Processing;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Processing;

/// <summary>Test helpers: events, a printable form of results, and aggregates recomputed the obvious way.</summary>
internal static class Brute
{
    /// <summary>The aggregates the generated tests use; inputs are integers, "x" or null.</summary>
    public static readonly AggregateSpec[] Specs =
    [
        new(AggregateOp.Count, null, "count"),
        new(AggregateOp.Sum, "v", "sum"),
        new(AggregateOp.Min, "v", "min"),
        new(AggregateOp.Max, "v", "max"),
        new(AggregateOp.First, "v", "first"),
        new(AggregateOp.Last, "v", "last"),
        new(AggregateOp.CountDistinct, "v", "distinct", Limit: 3),
        new(AggregateOp.Collect, "v", "collect", Limit: 4),
        new(AggregateOp.Duration, null, "duration"),
    ];

    private static ulong _sequence;

    public static KeyedEvent Event(string key, long ts, string? value) =>
        new(key, ts, new StreamEntryId((ulong)Interlocked.Increment(ref _sequence), 0), Enumerable.Repeat(value, Specs.Length).ToArray());

    public static string Describe(WindowResult r) =>
        $"{r.Key}[{r.WindowStart},{r.WindowEnd}){(r.IsUpdate ? " update" : "")}: {string.Join(" ", r.Names.Zip(r.Values, (n, v) => n + "=" + v))}";

    /// <summary>The <see cref="Specs"/> values of events given in arrival order.</summary>
    public static string[] Aggregate(IReadOnlyList<KeyedEvent> events)
    {
        var values = events.Where(e => e.Values[0] is not null).ToList();
        var numbers = values.Select(e => e.Values[0]!).Where(v => long.TryParse(v, out _)).Select(long.Parse).ToList();
        string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
        KeyedEvent? first = null, last = null;
        foreach (var e in values)
        {
            first = first is null || e.Timestamp < first.Timestamp ? e : first;
            last = last is null || e.Timestamp >= last.Timestamp ? e : last;
        }
        return
        [
            Format(events.Count),
            Format(numbers.Sum()),
            numbers.Count == 0 ? "" : Format(numbers.Min()),
            numbers.Count == 0 ? "" : Format(numbers.Max()),
            first?.Values[0] ?? "",
            last?.Values[0] ?? "",
            Format(Math.Min(3, values.Select(e => e.Values[0]).Distinct().Count())),
            JsonSerializer.Serialize(values.Take(4).Select(e => e.Values[0])),
            events.Count == 0 ? "" : Format(events.Max(e => e.Timestamp) - events.Min(e => e.Timestamp)),
        ];
    }

    /// <summary>Windows [s, s + size) with s ≡ offset (mod step) that contain <paramref name="ts"/>, found by trying every start.</summary>
    public static List<TimeWindow> Windows(long ts, long size, long step, long offset)
    {
        var windows = new List<TimeWindow>();
        for (var s = ts - size + 1; s <= ts; s++)
        {
            if ((((s - offset) % step) + step) % step == 0)
            {
                windows.Add(new TimeWindow(s, s + size));
            }
        }
        return windows;
    }

    public static string Describe(string key, long start, long end, bool update, IReadOnlyList<KeyedEvent> events) =>
        Describe(new WindowResult(key, start, end, Specs.Select(s => s.As).ToArray(), Aggregate(events), update));
}
