using System.Collections.Concurrent;
using Orleans.Streams;
using OrleansStreams.Streaming;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Streaming;

/// <summary>
/// What the test grains received, by recorder name. TestCluster runs its silos in this process, so a
/// static log outlives a silo that is stopped: a restart test can still see everything delivered.
/// </summary>
public static class Deliveries
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> Log = new(StringComparer.Ordinal);

    public static void Record(string recorder, object item, StreamSequenceToken? token) =>
        Log.GetOrAdd(recorder, _ => new()).Enqueue(new(item, ((EntrySequenceToken)token!).Id));

    public static IReadOnlyList<Delivery> Of(string recorder) => Log.TryGetValue(recorder, out var q) ? [.. q] : [];

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(25);
        }
    }
}

/// <summary>One item a test grain received, with the entry ID of its token.</summary>
public sealed record Delivery(object Item, StreamEntryId Id);
