using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>The real redis-cli against the silo, next to redis-server.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class RedisCliTests(SharedSiloFixture fixture)
{
    // Database 5 is used by no other test, so INFO keyspace has a known line for it.
    private const string Db = "5";

    [Fact]
    public async Task Redis_cli_xadd_and_xrange_print_what_they_print_against_redis_server()
    {
        foreach (var port in new[] { fixture.Redis.Port, fixture.Silo.RespPort })
        {
            Assert.Equal("OK", await RedisCliAsync(port, "FLUSHDB"));
        }
        string[][] commands =
        [
            ["XADD", "cli", "1-0", "name", "alice"],
            ["XADD", "cli", "2-0", "name", "bob", "age", "30"],
            ["XRANGE", "cli", "-", "+"],
            ["XREVRANGE", "cli", "+", "-", "COUNT", "1"],
            ["XLEN", "cli"],
        ];
        foreach (var command in commands)
        {
            var expected = await RedisCliAsync(fixture.Redis.Port, command);
            var actual = await RedisCliAsync(fixture.Silo.RespPort, command);
            Assert.True(expected == actual, $"redis-cli {string.Join(' ', command)}\n--- redis-server ---\n{expected}\n--- silo ---\n{actual}");
        }
    }

    [Fact]
    public async Task Redis_cli_xinfo_stream_and_info_keyspace_show_the_stream()
    {
        var port = fixture.Silo.RespPort;
        Assert.Equal("OK", await RedisCliAsync(port, "FLUSHDB"));
        Assert.Equal("1-0", await RedisCliAsync(port, "XADD", "info", "1-0", "f", "v"));
        Assert.Equal("2-0", await RedisCliAsync(port, "XADD", "info", "2-0", "f", "v"));

        var xinfo = (await RedisCliAsync(port, "XINFO", "STREAM", "info")).Split('\n');
        var keyspace = await RedisCliAsync(port, "INFO", "keyspace");

        Assert.Equal("2", After(xinfo, "length"));
        Assert.Equal("2-0", After(xinfo, "last-generated-id"));
        Assert.Equal("2", After(xinfo, "entries-added"));
        Assert.Equal("1-0", After(xinfo, "first-entry"));
        Assert.Contains("# Keyspace", keyspace, StringComparison.Ordinal);
        Assert.Contains($"db{Db}:keys=1,expires=0,avg_ttl=0", keyspace, StringComparison.Ordinal);
    }

    private static string? After(string[] lines, string field)
    {
        var i = Array.IndexOf(lines, field);
        return i >= 0 && i + 1 < lines.Length ? lines[i + 1] : null;
    }

    private static async Task<string> RedisCliAsync(int port, params string[] args)
    {
        var (exit, stdout, stderr) = await ChildProcesses.RunAsync("redis-cli", new[] { "-p", port.ToString(), "-n", Db }.Concat(args), TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"redis-cli {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout.TrimEnd('\n').Replace("\r", "", StringComparison.Ordinal);
    }
}
