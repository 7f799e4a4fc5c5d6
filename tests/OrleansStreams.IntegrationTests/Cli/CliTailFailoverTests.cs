using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Client;
using OrleansStreams.Grains;
using OrleansStreams.IntegrationTests.Harness;
using OrleansStreams.IntegrationTests.Operations;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>
/// Issue 18, item 6: `ostreams tail` through redis clustering follows a stream while the silo hosting it is killed
/// with kill -9; it waited for Orleans' 30 s response timeout and died with a TimeoutException.
/// </summary>
public sealed partial class CliTailFailoverTests(ITestOutputHelper output)
{
    private const int BeforeKill = 100;
    private const int Total = 300;

    /// <summary>From the last append: failover takes about 2–5 s, a wake-up lost with the dead node's watch up to 20 s more.</summary>
    private static readonly TimeSpan PrintedWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Tail_prints_every_entry_once_when_the_silo_hosting_its_stream_is_killed_while_appends_go_on_through_the_other()
    {
        await using var cluster = await TwoSiloCluster.StartAsync();
        var stream = "tail-failover:" + Guid.NewGuid().ToString("N")[..8];
        using (var first = await cluster.A.ConnectAsync())
        {
            Assert.Equal("1-0", (await first.ValueAsync("XADD", stream, "1-0", "n", "1")).Text);
        }
        var (victim, survivor) = await HostOfAsync(cluster, stream) == cluster.A.Options.SiloPort ? (cluster.A, cluster.B) : (cluster.B, cluster.A);
        await using var tail = RunningProgram.Start(CliProcess.CliDll,
            ["--clustering", "redis", "--redis", cluster.Redis.Endpoint, "--cluster-id", victim.Options.ClusterId!, "tail", stream, "--from", "0"]);
        await tail.CloseInputAsync();
        using var writer = await survivor.ConnectAsync();

        for (var n = 2; n <= BeforeKill; n++)
        {
            await AppendAsync(writer, stream, n);
        }
        await Poll.UntilAsync(() => Printed(tail.Stdout).Contains(BeforeKill), TimeSpan.FromSeconds(60), "the tail to print the entries added before the kill");
        // Appends go on while the tail reads, so that reads are in flight to the silo when it dies.
        var appending = Task.Run(async () =>
        {
            for (var n = BeforeKill + 1; n <= Total; n++)
            {
                await AppendAsync(writer, stream, n);
            }
        });
        await Poll.UntilAsync(() => Printed(tail.Stdout).Count >= BeforeKill + 20, TimeSpan.FromSeconds(60), "the tail to follow appends");
        victim.KillHard();
        await appending;

        try
        {
            await Poll.UntilAsync(() => Printed(tail.Stdout).Count >= Total || tail.HasExited, PrintedWithin, $"the tail to print all {Total} entries");
        }
        catch (TimeoutException)
        {
            // The assertions below say what is missing.
        }
        if (tail.HasExited)
        {
            Assert.Fail($"the tail exited:\n{await tail.WaitForExitAsync(TimeSpan.FromSeconds(5))}");
        }
        var printed = Printed(tail.Stdout);
        output.WriteLine($"printed {printed.Count} lines");
        Assert.Equal(Enumerable.Range(1, Total), printed);
    }

    /// <summary>The silo port of the silo that hosts the stream grain of <paramref name="stream"/>.</summary>
    private static async Task<int> HostOfAsync(TwoSiloCluster cluster, string stream)
    {
        await using var sdk = await OrleansStreamsConnection.ConnectAsync(o =>
        {
            o.Clustering = "redis";
            o.Redis = cluster.Redis.Endpoint;
            o.ClusterId = cluster.A.Options.ClusterId!;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
        });
        var key = GrainKeys.Stream(0, System.Text.Encoding.UTF8.GetBytes(stream));
        var statistics = await sdk.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId.Key.ToString() == key).SiloAddress.Endpoint.Port;
    }

    /// <summary>Adds entry n-0, repeating it after an error reply until it is there (an error during failover may come after the write).</summary>
    private static async Task AppendAsync(RespClient writer, string stream, int n)
    {
        var id = n.ToString(CultureInfo.InvariantCulture) + "-0";
        await Poll.UntilAsync(async () =>
        {
            var reply = await writer.ValueAsync("XADD", stream, id, "n", n.ToString(CultureInfo.InvariantCulture));
            return !reply.IsError || reply.Text!.Contains("equal or smaller", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), $"XADD {id} through the surviving silo");
    }

    /// <summary>The n of each line `n-0 n=n` the tail printed, in order.</summary>
    private static List<int> Printed(string stdout) =>
        [.. EntryLine().Matches(stdout).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^(\d+)-0 n=\d+\r?$", RegexOptions.Multiline)]
    private static partial Regex EntryLine();
}
