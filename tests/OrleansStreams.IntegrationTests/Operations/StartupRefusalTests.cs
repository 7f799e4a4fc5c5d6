using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>
/// A node that cannot start as asked says why in one line and exits with code 1, as redis-server does — no stack
/// trace, no abort — and a second node never shares a port with a running one (Orleans' listeners would let it).
/// </summary>
public sealed class StartupRefusalTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--silo-port")]
    [InlineData("--gateway-port")]
    [InlineData("--resp-port")]
    public async Task A_second_node_on_a_port_the_first_holds_exits_with_one_line_naming_the_option(string option)
    {
        await using var first = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });
        var taken = option switch
        {
            "--silo-port" => first.Options.SiloPort,
            "--gateway-port" => first.Options.GatewayPort,
            _ => first.Options.RespPort,
        };

        var (exitCode, stdout, stderr) = await SiloProcess.RunToExitAsync(new SiloOptions { Storage = "memory" }, ExitWithin, option, taken.ToString());

        Assert.Equal(1, exitCode);
        Assert.Contains($"Could not listen on 127.0.0.1:{taken} ({option}): address already in use", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stdout + stderr);
        // The first node is untouched.
        using var client = await first.ConnectAsync();
        Assert.Equal("PONG", (await client.ValueAsync("PING")).Text);
    }

    [Theory]
    [InlineData("--stop-timeout", "0", "--stop-timeout must be a number of seconds from 1, not '0'.")]
    [InlineData("--storage", "disk", "--storage must be memory, file or redis, not 'disk'.")]
    [InlineData("--bind", "localhost", "--bind must be an IP address (e.g. 127.0.0.1 or 0.0.0.0), not 'localhost'.")]
    [InlineData("--cluster-enabled", "maybe", "--cluster-enabled must be yes or no, not 'maybe'.")]
    [InlineData("--silo-port", "abc", "Failed to convert configuration value 'abc' at --silo-port to type 'System.Int32'.")]
    [InlineData("--advertise", "0.0.0.0", "--advertise must be the IP address other hosts reach this node at (e.g. 10.0.0.11), not '0.0.0.0'.")]
    [InlineData("--advertise", "node-a", "--advertise must be the IP address other hosts reach this node at (e.g. 10.0.0.11), not 'node-a'.")]
    [InlineData("--kubernetes", "maybe", "--kubernetes must be yes or no, not 'maybe'.")]
    public async Task A_bad_option_exits_with_one_line_saying_what_is_wrong(string option, string value, string message)
    {
        var (exitCode, stdout, stderr) = await SiloProcess.RunToExitAsync(new SiloOptions { Storage = "memory" }, ExitWithin, option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal($"OrleansStreams: {message}", stderr.Trim());
        AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task Two_of_the_nodes_own_ports_the_same_exits_naming_both()
    {
        var port = FreePort.Next();
        var (exitCode, _, stderr) = await SiloProcess.RunToExitAsync(new SiloOptions { Storage = "memory", RespPort = port, GatewayPort = port }, ExitWithin);

        Assert.Equal(1, exitCode);
        Assert.Contains($"--resp-port and --gateway-port are both {port}; each needs its own port.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis", "memory", "clustering")]
    [InlineData("localhost", "redis", "storage")]
    public async Task An_unreachable_redis_server_exits_with_one_line_naming_it(string clustering, string storage, string use)
    {
        // A free loopback port: nothing listens there.
        var redis = $"127.0.0.1:{FreePort.Next()}";

        var (exitCode, stdout, stderr) = await SiloProcess.RunToExitAsync(new SiloOptions { Storage = storage, Clustering = clustering, Redis = redis }, ExitWithin);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"OrleansStreams: Could not connect to the Redis server for {use} at {redis} (--redis): ", stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        AssertNoStackTrace(stdout + stderr);
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
