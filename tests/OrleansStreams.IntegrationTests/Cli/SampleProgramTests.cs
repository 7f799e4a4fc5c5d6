using System.Globalization;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>Each program in samples/ runs to its end against a silo process and says it did its job, so the samples cannot rot.</summary>
[Collection(CliSiloCollection.Name)]
public sealed class SampleProgramTests(CliSiloFixture fixture)
{
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task WorkerPool_handles_the_good_jobs_across_workers_and_dead_letters_the_poison_ones()
    {
        var result = await Run("WorkerPool", "--workers", "3", "--jobs", "20", "--poison-every", "7", "--seconds", "30");

        Assert.Contains("done: 18 jobs handled by", result.Stdout);
        Assert.Contains("2 dead-lettered", result.Stdout);
        Assert.Contains("job 7 (entry", result.Stdout);
        Assert.Contains("job 14 (entry", result.Stdout);
        var handledByWorker = result.Stdout.Split('\n').Where(l => l.StartsWith("worker-", StringComparison.Ordinal)).ToList();
        Assert.True(handledByWorker.Count >= 2, $"only {handledByWorker.Count} worker(s) handled jobs\n{result}");
    }

    [Fact]
    public async Task TypedEvents_reads_back_every_published_record_from_the_partitions()
    {
        var result = await Run("TypedEvents", "--count", "8", "--partitions", "3");

        Assert.Contains("read back 8 of 8 orders from 3 partitions, each equal to the record published", result.Stdout);
        Assert.DoesNotContain("differs", result.Stdout);
    }

    [Fact]
    public async Task PipelineFromCSharp_prints_the_two_windows_the_metrics_and_drops_the_pipeline()
    {
        var result = await Run("PipelineFromCSharp");

        Assert.Contains("key=/cart window_start=1700000040000 window_end=1700000100000 views=1", result.Stdout);
        Assert.Contains("key=/home window_start=1700000040000 window_end=1700000100000 views=3", result.Stdout);
        Assert.Contains("received=7 processed=6 emitted=2", result.Stdout);
        Assert.Contains("dropped pipeline pageviews-", result.Stdout);
    }

    private async Task<CliResult> Run(string sample, params string[] args)
    {
        var result = await CliProcess.RunAsync(CliProcess.SampleDll(sample),
            ["--gateway-port", fixture.GatewayPort.ToString(CultureInfo.InvariantCulture), .. args], timeout: SampleTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
