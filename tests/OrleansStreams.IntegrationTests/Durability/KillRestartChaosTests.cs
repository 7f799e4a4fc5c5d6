using System.Diagnostics;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>
/// Repeated kill -9 and restart of silos while a writer appends and a consumer group reads and acknowledges
/// (issue 18 item 6: segments went missing from storage after a few cycles and no silo could read the stream).
/// </summary>
public sealed class KillRestartChaosTests(ITestOutputHelper output)
{
    private const string Group = "g";
    private const int Cycles = 8;

    /// <summary>Enough appends between kills that segments (4,000 entries) seal and checkpoints (every 2,000 records) run in every activation.</summary>
    private const int AcknowledgedPerCycle = 2000;

    /// <summary>
    /// A stream with a consumer group, and one with only appends: the issue's shape, where each XADD is one journal
    /// record, so every other checkpoint falls when the open tail segment is exactly full (the group's record shifts
    /// that phase in the first stream). Without the fix the second stream lost a segment within a few cycles.
    /// </summary>
    private static readonly string[] Keys = ["chaos", "chaos:plain"];

    private static readonly TimeSpan ChaosBudget = TimeSpan.FromSeconds(65);

    [Fact]
    public async Task Every_acknowledged_xadd_survives_kill_9_cycles_of_two_silos_on_redis_and_the_group_stays_consistent()
    {
        // Only silos are killed: redis-server runs throughout, so it needs no fsync-always AOF (which would halve the writes here).
        await using var redis = await RedisServer.StartAsync();
        var cluster = new SiloOptions { Storage = "redis", Clustering = "redis", Redis = redis.Endpoint, ClusterId = "chaos-" + Guid.NewGuid().ToString("N")[..8] };
        await RunChaosAsync([await SiloProcess.StartAsync(cluster), await SiloProcess.StartAsync(cluster)]);
    }

    /// <summary>Kills the silos in turn (each restart on the same storage) while the workload runs, then checks what every live silo serves.</summary>
    private async Task RunChaosAsync(SiloProcess[] silos)
    {
        // A killed silo's process object keeps the data folder it owns until the end: its restart uses that folder.
        var killed = new List<SiloProcess>();
        var live = new bool[silos.Length];
        Array.Fill(live, true);
        IReadOnlyList<int> LivePorts()
        {
            lock (silos)
            {
                return [.. silos.Where((_, i) => live[i]).Select(s => s.RespPort)];
            }
        }
        try
        {
            using (var setup = await silos[0].ConnectAsync())
            {
                Assert.Equal("OK", (await setup.ValueAsync("XGROUP", "CREATE", Keys[0], Group, "$", "MKSTREAM")).Text);
            }
            var workload = new ChaosWorkload(Keys, Group, LivePorts);
            using var stop = new CancellationTokenSource();
            Task[] running = [workload.RunAsync(stop.Token)];
            var clock = Stopwatch.StartNew();
            var cycles = 0;
            while (cycles < Cycles && clock.Elapsed < ChaosBudget)
            {
                await AwaitProgressAsync(workload, running, silos);
                var victim = cycles % silos.Length;
                lock (silos)
                {
                    live[victim] = false;
                }
                silos[victim].KillHard();
                killed.Add(silos[victim]);
                var restarted = await silos[victim].RestartAsync();
                lock (silos)
                {
                    silos[victim] = restarted;
                    live[victim] = true;
                }
                cycles++;
            }
            await AwaitProgressAsync(workload, running, silos);
            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));

            await CheckAsync(workload, silos, cycles, clock.Elapsed);
        }
        finally
        {
            foreach (var silo in silos.Concat(killed))
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the writer has had <see cref="AcknowledgedPerCycle"/> more XADDs acknowledged and the consumer has acknowledged something new.</summary>
    private static async Task AwaitProgressAsync(ChaosWorkload workload, Task[] running, SiloProcess[] silos)
    {
        var written = workload.AcknowledgedCount + AcknowledgedPerCycle;
        var consumed = workload.AckedCount + 1;
        await Poll.UntilAsync(
            () => running.Any(t => t.IsCompleted) || (workload.AcknowledgedCount >= written && workload.AckedCount >= consumed),
            TimeSpan.FromSeconds(45),
            $"{AcknowledgedPerCycle} more acknowledged XADDs and a new XACK (errors so far: {string.Join(" | ", workload.Errors.TakeLast(5))})\n{silos[^1].OutputTail(3000)}");
        Assert.False(running.Any(t => t.IsFaulted), "the workload failed: " + running.FirstOrDefault(t => t.IsFaulted)?.Exception);
    }

    private async Task CheckAsync(ChaosWorkload workload, SiloProcess[] silos, int cycles, TimeSpan elapsed)
    {
        output.WriteLine($"{cycles} kill -9 cycles in {elapsed.TotalSeconds:0} s; {workload.Errors.Count} error replies, e.g. {string.Join(" | ", workload.Errors.Distinct().Take(4))}");
        Assert.True(cycles >= 3, $"only {cycles} kill cycles ran within the budget");
        Dictionary<string, string> groupStream = [];
        foreach (var key in Keys)
        {
            var stream = await ReadThroughEverySiloAsync(silos, key);
            var acknowledged = workload.AcknowledgedIn(key);
            var tokenCounts = stream.GroupBy(e => e.Token).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var byId = stream.ToDictionary(e => e.Id, e => e.Token, StringComparer.Ordinal);
            var lost = acknowledged.Where(a => !byId.TryGetValue(a.Key, out var token) || token != a.Value).Select(a => a.Key).ToList();
            var duplicated = acknowledged.Values.Where(t => tokenCounts.GetValueOrDefault(t) > 1).ToList();
            output.WriteLine($"{key}: {acknowledged.Count} XADDs acknowledged, {stream.Count} entries stored, {lost.Count} lost, {duplicated.Count} duplicated");
            Assert.True(lost.Count == 0, $"{key}: {lost.Count} of {acknowledged.Count} acknowledged XADDs missing or changed, first: {string.Join(", ", lost.Take(10))}");
            Assert.True(duplicated.Count == 0, $"{key}: {duplicated.Count} acknowledged entries stored more than once, first: {string.Join(", ", duplicated.Take(10))}");
            Assert.True(stream.Select(e => e.Id).Zip(stream.Skip(1).Select(e => e.Id)).All(p => Compare(p.First, p.Second) < 0), $"{key}: IDs are not strictly increasing");
            if (key == workload.GroupKey)
            {
                groupStream = byId;
            }
        }

        using var admin = await silos[0].ConnectAsync();
        var pending = (await admin.ValueAsync("XPENDING", workload.GroupKey, Group, "-", "+", "1000000")).Items.Select(p => p.Items[0].Text!).ToList();
        var acked = workload.Acked;
        var delivered = workload.Delivered;
        output.WriteLine($"group: {delivered.Count} delivered, {acked.Count} acknowledged with XACK, {pending.Count} pending, {workload.Redelivered} delivered again as new");
        var pendingNotStored = pending.Where(id => !groupStream.ContainsKey(id)).ToList();
        Assert.True(pendingNotStored.Count == 0, $"XPENDING lists {pendingNotStored.Count} IDs the stream does not hold, first: {string.Join(", ", pendingNotStored.Take(10))}");
        var ackedButPending = pending.Where(acked.Contains).ToList();
        Assert.True(ackedButPending.Count == 0, $"{ackedButPending.Count} IDs acknowledged with XACK are still pending, first: {string.Join(", ", ackedButPending.Take(10))}");
        var deliveredNotStored = delivered.Where(id => !groupStream.ContainsKey(id)).ToList();
        Assert.True(deliveredNotStored.Count == 0, $"{deliveredNotStored.Count} delivered IDs are not in the stream, first: {string.Join(", ", deliveredNotStored.Take(10))}");
    }

    /// <summary>The whole stream through each silo; every silo must serve the same entries.</summary>
    private static async Task<List<(string Id, string Token)>> ReadThroughEverySiloAsync(SiloProcess[] silos, string key)
    {
        List<(string Id, string Token)>? first = null;
        foreach (var silo in silos)
        {
            using var client = await silo.ConnectAsync();
            var entries = await ReadAllAsync(client, key);
            first ??= entries;
            Assert.True(entries.SequenceEqual(first), $"{key}: XRANGE through the silo on port {silo.RespPort} returned {entries.Count} entries, through the first silo {first.Count}");
        }
        return first!;
    }

    /// <summary>The whole stream, read in pages of XRANGE.</summary>
    private static async Task<List<(string Id, string Token)>> ReadAllAsync(RespClient client, string key)
    {
        var entries = new List<(string, string)>();
        var start = "-";
        while (true)
        {
            var page = await client.ValueAsync("XRANGE", key, start, "+", "COUNT", "10000");
            Assert.False(page.IsError, $"XRANGE {key} failed: {page}");
            foreach (var e in page.Items)
            {
                entries.Add((e.Items[0].Text!, e.Items[1].AsPairs()["token"].Text!));
            }
            if (page.Items.Count < 10000)
            {
                return entries;
            }
            start = "(" + page.Items[^1].Items[0].Text;
        }
    }

    private static int Compare(string a, string b)
    {
        static (ulong, ulong) Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return (ulong.Parse(id[..dash], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(id[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        return Parse(a).CompareTo(Parse(b));
    }
}
