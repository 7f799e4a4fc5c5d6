using System.Diagnostics;
using System.Globalization;
using OrleansStreams.IntegrationTests.Durability;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>Issue #7 §3: a node stops cleanly and quickly on SIGTERM / Ctrl+C, and a lone node runs on any ports.</summary>
public sealed class NodeLifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(5);

    /// <summary>What Orleans and the host log when shutdown is cut short; none may appear on a clean stop.</summary>
    private static readonly string[] UncleanStopMarks = ["non-graceful", "failed to deactivate", "Exception", "fail:"];

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Stop_signal_with_clients_connected_exits_cleanly_within_five_seconds_and_keeps_every_entry(string signal)
    {
        await using var storage = await StorageUnderTest.CreateAsync("file");
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        using (var writer = await silo.ConnectAsync())
        {
            for (var i = 1; i <= 100; i++)
            {
                Assert.Equal($"{i}-0", (await writer.ValueAsync("XADD", "stop", $"{i}-0", "n", i.ToString(CultureInfo.InvariantCulture))).Text);
            }
        }
        // Clients that stay: one idle, one blocked in XREAD BLOCK 0 (the cases that held shutdown for 30 s).
        using var idle = await silo.ConnectAsync();
        Assert.Equal("PONG", (await idle.ValueAsync("PING")).Text);
        using var blocked = await silo.ConnectAsync();
        using var admin = await silo.ConnectAsync();
        await blocked.SendAsync("XREAD", "BLOCK", "0", "STREAMS", "stop", "$");
        await Clients.RawProtocolTests.WaitUntilBlockedAsync(admin);

        var clock = Stopwatch.StartNew();
        var exited = await silo.StopGracefullyAsync(TimeSpan.FromSeconds(40), signal);
        clock.Stop();
        output.WriteLine($"SIG{signal} to exit: {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.True(exited, $"SIG{signal} did not stop the silo within 40 s:\n" + silo.OutputTail());
        Assert.True(clock.Elapsed < StopWithin, $"SIG{signal} took {clock.Elapsed.TotalSeconds:0.0} s to stop the silo:\n" + silo.OutputTail());
        Assert.Equal(0, silo.ExitCode);
        var log = silo.Output;
        foreach (var mark in UncleanStopMarks)
        {
            Assert.False(log.Contains(mark, StringComparison.OrdinalIgnoreCase), $"The silo's log shows '{mark}' on stop:\n" + silo.OutputTail());
        }

        await using var restarted = await silo.RestartAsync();
        using var check = await restarted.ConnectAsync();
        Assert.Equal(100, (await check.ValueAsync("XLEN", "stop")).Integer);
        Assert.Equal("100-0", (await check.ValueAsync("XREVRANGE", "stop", "+", "-", "COUNT", "1")).Items[0].Items[0].Text);
    }

    [Fact]
    public async Task A_stop_that_cannot_finish_because_the_clustering_redis_is_gone_ends_the_process_after_the_stop_timeout()
    {
        const int stopTimeout = 3;
        var backend = await RedisServer.StartAsync();
        await using var silo = await SiloProcess.StartAsync(new SiloOptions
        {
            Storage = "redis",
            Clustering = "redis",
            Redis = backend.Endpoint,
            StopTimeout = stopTimeout,
        });
        using (var client = await silo.ConnectAsync())
        {
            Assert.Equal("1-0", (await client.ValueAsync("XADD", "s", "1-0", "a", "1")).Text);
        }
        // The Redis server with the membership table goes away; Orleans then retries writing the silo's
        // status on stop without end (it ran for more than 90 s before the stop was bounded).
        await backend.DisposeAsync();

        var clock = Stopwatch.StartNew();
        var exited = await silo.StopGracefullyAsync(TimeSpan.FromSeconds(40));
        clock.Stop();
        output.WriteLine($"SIGTERM to exit with the backend gone: {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.True(exited, "SIGTERM did not end the silo within 40 s with its clustering Redis gone:\n" + silo.OutputTail());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(stopTimeout + 15), $"The stop took {clock.Elapsed.TotalSeconds:0.0} s:\n" + silo.OutputTail());
        Assert.Equal(1, silo.ExitCode);
        Assert.Contains("The stop did not finish within", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lone_node_on_its_own_silo_port_starts_and_answers_without_a_primary_switch()
    {
        var siloPort = FreePort.Next();
        Assert.NotEqual(11111, siloPort);
        // No --primary-silo-port: with localhost clustering the node must be its own primary.
        await using var silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory", SiloPort = siloPort, PrimarySiloPort = null });
        using var client = await silo.ConnectAsync();

        Assert.Equal("1-0", (await client.ValueAsync("XADD", "lone", "1-0", "a", "1")).Text);
        Assert.Equal(1, (await client.ValueAsync("XLEN", "lone")).Integer);
        Assert.Contains($"silo port {siloPort}", silo.Output, StringComparison.Ordinal);
    }
}
