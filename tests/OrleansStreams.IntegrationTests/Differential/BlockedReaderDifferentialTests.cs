using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// A client blocked in XREAD or XREADGROUP while another client deletes, renames, flushes, overwrites or
/// re-creates its key, or destroys its group: the blocked client's reply must be redis-server's, byte for byte
/// (entries, nil after the timeout, <c>-UNBLOCKED</c> or <c>-NOGROUP</c>).
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class BlockedReaderDifferentialTests(DifferentialFixture fixture)
{
    private const string Read = "XREAD BLOCK 1000 STREAMS k $";
    private const string Group = "XREADGROUP GROUP g c BLOCK 1000 STREAMS k >";
    private const string WithGroup = "XADD k 1-0 f v;XGROUP CREATE k g $";

    [Theory]
    [InlineData("XADD k 1-0 f v", Read, "DEL k;XADD k 5-0 f new")]
    [InlineData("XADD k 1-0 f v", Read, "DEL k;SET k str")]
    [InlineData("XADD k 1-0 f v", Read, "SET k str")]
    [InlineData("XADD k 1-0 f v", Read, "SET k str;DEL k;XADD k 9-0 f back")]
    [InlineData("XADD k 1-0 f v", Read, "RENAME k k2;XADD k 7-0 f x")]
    [InlineData("XADD k 1-0 f v;XADD o 3-0 f o", Read, "RENAME o k")]
    [InlineData("XADD k 1-0 f v", Read, "MULTI;XADD k 2-0 f a;DEL k;XADD k 3-0 f b;EXEC")]
    [InlineData(WithGroup, Group, "DEL k")]
    [InlineData(WithGroup, Group, "SET k str")]
    [InlineData(WithGroup, Group, "RENAME k k2")]
    [InlineData(WithGroup + ";XADD o 1-0 f v;XGROUP CREATE o g 0", Group, "RENAME o k")]
    [InlineData(WithGroup + ";XADD o 1-0 f v", Group, "RENAME o k")]
    [InlineData(WithGroup, Group, "FLUSHDB")]
    [InlineData(WithGroup, Group, "FLUSHALL")]
    [InlineData(WithGroup, Group, "XGROUP DESTROY k g")]
    [InlineData(WithGroup, Group, "MULTI;XADD k 2-0 f a;DEL k;XADD k 3-0 f b;EXEC")]
    public async Task A_blocked_reader_answers_a_key_change_as_redis_server(string setup, string blocked, string action)
    {
        var expected = await RunAsync(fixture.Redis.Port, setup, blocked, action);
        var actual = await RunAsync(fixture.TestedPort, setup, blocked, action);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"redis: {RespFrame.Show(expected)}\nsilo:  {RespFrame.Show(actual)}");
    }

    private static async Task<byte[]> RunAsync(int port, string setup, string blocked, string action)
    {
        using var admin = await RespClient.ConnectAsync(port);
        await admin.CommandAsync("FLUSHALL");
        foreach (var command in setup.Split(';'))
        {
            await admin.CommandAsync(command.Split(' '));
        }
        using var reader = await RespClient.ConnectAsync(port);
        await reader.SendAsync(blocked.Split(' '));
        await Poll.UntilAsync(async () => Encoding.ASCII.GetString(await admin.CommandAsync("INFO", "clients")).Contains("blocked_clients:1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the reader blocked");
        foreach (var command in action.Split(';'))
        {
            await admin.CommandAsync(command.Split(' '));
        }
        return await reader.ReadFrameAsync(TimeSpan.FromSeconds(10));
    }
}
