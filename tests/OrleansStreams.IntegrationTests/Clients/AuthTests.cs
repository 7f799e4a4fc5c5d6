using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>requirepass: the silo refuses, rejects and accepts exactly as redis-server does.</summary>
public sealed class AuthTests
{
    private const string Password = "s3cret-pass";

    [Fact]
    public async Task Requirepass_refuses_with_noauth_rejects_wrong_password_and_accepts_the_right_one_as_redis_does()
    {
        await using var redis = await RedisServer.StartAsync(requirePass: Password);
        await using var silo = await SiloProcess.StartAsync(new SiloOptions { RequirePass = Password });
        string[][] steps =
        [
            ["PING"],
            ["XADD", "k", "1-0", "f", "v"],
            ["AUTH", "wrong"],
            ["AUTH", "default", "wrong"],
            ["XLEN", "k"],
            ["AUTH", Password],
            ["XADD", "k", "1-0", "f", "v"],
            ["XLEN", "k"],
            ["AUTH", "a", "b", "c"],
        ];

        var expected = await RunAsync(redis.Port, steps);
        var actual = await RunAsync(silo.RespPort, steps);

        Assert.StartsWith("-NOAUTH ", expected[0], StringComparison.Ordinal);
        Assert.StartsWith("-WRONGPASS ", expected[2], StringComparison.Ordinal);
        Assert.Equal(expected, actual);
        using var other = await silo.ConnectAsync();
        Assert.StartsWith("-NOAUTH ", RespFrame.Show(await other.CommandAsync("XLEN", "k")), StringComparison.Ordinal);
        Assert.Equal("+OK\\r\\n", RespFrame.Show(await other.CommandAsync("AUTH", "default", Password)));
        Assert.Equal(":1\\r\\n", RespFrame.Show(await other.CommandAsync("XLEN", "k")));
    }

    private static async Task<List<string>> RunAsync(int port, string[][] steps)
    {
        using var client = await RespClient.ConnectAsync(port);
        var replies = new List<string>();
        foreach (var step in steps)
        {
            replies.Add(RespFrame.Show(await client.CommandAsync(step)));
        }
        return replies;
    }
}
