using System.Diagnostics;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>kill -9 while writes are in flight loses nothing that was acknowledged (DESIGN.md: an acknowledged write is durable).</summary>
public sealed class KillDurabilityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WriteFor = TimeSpan.FromSeconds(1.5);

    [Fact]
    public Task Xadd_acknowledged_before_kill_survives_restart_with_file_storage() => AcknowledgedXaddsSurviveKillAsync("file");

    [Fact]
    public Task Xadd_acknowledged_before_kill_survives_restart_with_redis_storage() => AcknowledgedXaddsSurviveKillAsync("redis");

    [Fact]
    public Task Xdel_xtrim_xsetid_and_del_acknowledged_before_kill_survive_restart_with_file_storage() => AcknowledgedChangesSurviveKillAsync("file");

    [Fact]
    public Task Xdel_xtrim_xsetid_and_del_acknowledged_before_kill_survive_restart_with_redis_storage() => AcknowledgedChangesSurviveKillAsync("redis");

    [Fact]
    public async Task Graceful_stop_exits_and_the_restarted_silo_finds_every_write_with_file_storage()
    {
        await using var storage = await StorageUnderTest.CreateAsync("file");
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        using (var client = await silo.ConnectAsync())
        {
            for (var i = 1; i <= 200; i++)
            {
                Assert.Equal($"{i}-0", (await client.ValueAsync("XADD", "graceful", $"{i}-0", "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Text);
            }
            Assert.Equal("OK", (await client.ValueAsync("SET", "graceful:str", "v")).Text);
            Assert.Equal(1, (await client.ValueAsync("HSET", "graceful:hash", "a", "1")).Integer);
        }

        Assert.True(await silo.StopGracefullyAsync(), "SIGTERM did not stop the silo in time:\n" + silo.OutputTail());

        await using var restarted = await silo.RestartAsync();
        using var check = await restarted.ConnectAsync();
        Assert.Equal(200, (await check.ValueAsync("XLEN", "graceful")).Integer);
        Assert.Equal("v", (await check.ValueAsync("GET", "graceful:str")).Text);
        Assert.Equal("1", (await check.ValueAsync("HGET", "graceful:hash", "a")).Text);
    }

    private async Task AcknowledgedXaddsSurviveKillAsync(string storageKind)
    {
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        PipelinedWriter[] writers =
        [
            new("dur:explicit:0", autoIds: false),
            new("dur:explicit:1", autoIds: false),
            new("dur:auto", autoIds: true),
            new("dur:auto", autoIds: true),
        ];
        var running = writers.Select(w => Task.Run(() => w.RunAsync(silo.RespPort))).ToArray();
        var clock = Stopwatch.StartNew();

        await Poll.UntilAsync(
            () => running.Any(t => t.IsCompleted) || (clock.Elapsed >= WriteFor && writers.All(w => w.AcknowledgedCount > 0)),
            TimeSpan.FromSeconds(60), "every writer to have acknowledged entries");
        Assert.False(running.Any(t => t.IsCompleted), "a writer stopped before the kill:\n" + silo.OutputTail());
        silo.KillHard();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60));

        await using var restarted = await silo.RestartAsync();
        using var client = await restarted.ConnectAsync();
        foreach (var group in writers.GroupBy(w => w.Key))
        {
            var acknowledged = group.SelectMany(w => w.Acknowledged).ToList();
            output.WriteLine($"{storageKind} {group.Key}: {acknowledged.Count} acknowledged");
            Assert.All(group, w => Assert.Empty(w.Errors));
            var stored = (await client.ValueAsync("XRANGE", group.Key, "-", "+")).Items.Select(e => e.Items[0].Text!).ToHashSet(StringComparer.Ordinal);
            var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged IDs of {group.Key} lost after kill -9, first: {string.Join(", ", lost.Take(10))}\n{restarted.OutputTail()}");
            var length = (await client.ValueAsync("XLEN", group.Key)).Integer;
            Assert.True(length >= acknowledged.Count, $"XLEN {group.Key} = {length} < {acknowledged.Count} acknowledged");
        }
    }

    private async Task AcknowledgedChangesSurviveKillAsync(string storageKind)
    {
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        string[][] changes =
        [
            ["XADD", "chg:del", "1-0", "f", "v"], ["XADD", "chg:del", "2-0", "f", "v"], ["XADD", "chg:del", "3-0", "f", "v"],
            ["XADD", "chg:del", "4-0", "f", "v"], ["XADD", "chg:del", "5-0", "f", "v"], ["XDEL", "chg:del", "2-0", "5-0"],
            .. Enumerable.Range(1, 10).Select(i => new[] { "XADD", "chg:trim", $"{i}-0", "f", "v" }),
            ["XTRIM", "chg:trim", "MAXLEN", "3"],
            ["XADD", "chg:setid", "1-0", "f", "v"], ["XSETID", "chg:setid", "100-0"],
            ["XADD", "chg:gone", "1-0", "f", "v"], ["DEL", "chg:gone"],
        ];
        string[] streams = ["chg:del", "chg:trim", "chg:setid"];
        Dictionary<string, string> before;
        using (var client = await silo.ConnectAsync())
        {
            foreach (var change in changes)
            {
                var reply = await client.ValueAsync(change);
                Assert.False(reply.IsError, $"{string.Join(' ', change)} -> {reply}");
            }
            before = await SnapshotAsync(client, streams);
        }
        Assert.Equal("[1-0 3-0 4-0]", before["chg:del ids"]);
        Assert.Equal("[8-0 9-0 10-0]", before["chg:trim ids"]);

        silo.KillHard();
        await using var restarted = await silo.RestartAsync();
        using var after = await restarted.ConnectAsync();

        var snapshot = await SnapshotAsync(after, streams);
        foreach (var (what, value) in before)
        {
            Assert.True(value == snapshot[what], $"{storageKind}: {what} was {value} before kill -9, {snapshot[what]} after");
        }
        Assert.Equal(0, (await after.ValueAsync("EXISTS", "chg:gone")).Integer);
        Assert.True((await after.ValueAsync("XADD", "chg:setid", "50-0", "f", "v")).IsError, "XSETID 100-0 was lost: XADD 50-0 accepted");
    }

    /// <summary>IDs and the XINFO STREAM fields that deletions, trims and XSETID change.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(RespClient client, string[] streams)
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in streams)
        {
            var ids = (await client.ValueAsync("XRANGE", key, "-", "+")).Items.Select(e => e.Items[0].Text);
            snapshot[key + " ids"] = "[" + string.Join(" ", ids) + "]";
            var info = (await client.ValueAsync("XINFO", "STREAM", key)).AsPairs();
            foreach (var field in new[] { "length", "last-generated-id", "max-deleted-entry-id", "entries-added", "recorded-first-entry-id" })
            {
                snapshot[$"{key} {field}"] = info.TryGetValue(field, out var value) ? value.ToString() : "(missing)";
            }
        }
        return snapshot;
    }
}
