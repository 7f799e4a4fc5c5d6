using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>The exit codes docs/cli.md promises scripts: 2 for usage errors, 3 for an unreachable cluster.</summary>
[Collection(CliSiloCollection.Name)]
public sealed class CliExitCodeTests(CliSiloFixture fixture)
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("range", "s", "not-an-id")]
    [InlineData("consume", "s")]
    [InlineData("produce", "s", "--count", "0")]
    [InlineData("info")]
    public async Task A_usage_error_exits_2_without_connecting(params string[] args)
    {
        // A closed port: a usage error must be found before any connection attempt.
        var result = await CliProcess.OstreamsAsync(FreePort.Next(), null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("ostreams --help", result.Stderr);
    }

    [Fact]
    public async Task A_malformed_stdin_line_exits_2_naming_the_line()
    {
        var result = await fixture.OstreamsWithInput("a=1\nnot a pair\n", "produce", "cli:badinput");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("line 2", result.Stderr);
    }

    [Fact]
    public async Task An_unreachable_gateway_port_exits_3_quickly_naming_the_port_and_how_to_start_a_node()
    {
        var port = FreePort.Next();

        var result = await CliProcess.OstreamsAsync(port, null, "info", "s");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"port {port}", result.Stderr);
        Assert.Contains("dotnet run --project silo", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(8), $"took {result.Elapsed.TotalSeconds:0.0} s");
    }
}
