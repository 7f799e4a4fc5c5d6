using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>
/// Group and consumer names are byte strings in Redis: names that are not valid UTF-8 stay distinct and
/// come back byte for byte. Each script runs against redis-server and the gateway, replies compared.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class BinaryNameTests(SharedSiloFixture fixture)
{
    private static readonly byte[] NameFf = [0xff, (byte)'g'];
    private static readonly byte[] NameFe = [0xfe, (byte)'g'];

    [Fact]
    public async Task Groups_whose_names_are_distinct_invalid_utf8_stay_distinct()
    {
        var key = Encoding.ASCII.GetBytes("bin-groups-" + Guid.NewGuid().ToString("N"));
        byte[][][] script =
        [
            [B("XADD"), key, B("1-0"), B("f"), B("v")],
            [B("XGROUP"), B("CREATE"), key, NameFf, B("0")],
            [B("XGROUP"), B("CREATE"), key, NameFe, B("0")],
            [B("XGROUP"), B("CREATE"), key, NameFe, B("0")],
            [B("XREADGROUP"), B("GROUP"), NameFf, B("c"), B("STREAMS"), key, B(">")],
            [B("XINFO"), B("GROUPS"), key],
            [B("XPENDING"), key, NameFe],
            [B("XPENDING"), key, NameFf],
        ];
        await AssertSameReplies(script);
    }

    [Fact]
    public async Task Consumers_whose_names_are_distinct_invalid_utf8_stay_distinct()
    {
        var key = Encoding.ASCII.GetBytes("bin-consumers-" + Guid.NewGuid().ToString("N"));
        byte[][][] script =
        [
            [B("XADD"), key, B("1-0"), B("f"), B("v")],
            [B("XADD"), key, B("2-0"), B("f"), B("v")],
            [B("XGROUP"), B("CREATE"), key, B("g"), B("0")],
            [B("XREADGROUP"), B("GROUP"), B("g"), NameFf, B("COUNT"), B("1"), B("STREAMS"), key, B(">")],
            [B("XREADGROUP"), B("GROUP"), B("g"), NameFe, B("COUNT"), B("1"), B("STREAMS"), key, B(">")],
            [B("XGROUP"), B("CREATECONSUMER"), key, B("g"), NameFe],
            [B("XPENDING"), key, B("g")],
            [B("XCLAIM"), key, B("g"), NameFe, B("0"), B("1-0"), B("JUSTID")],
            [B("XPENDING"), key, B("g")],
            [B("XREADGROUP"), B("GROUP"), B("g"), NameFf, B("STREAMS"), key, B("0")],
            [B("XGROUP"), B("DELCONSUMER"), key, B("g"), NameFf],
            [B("XPENDING"), key, B("g")],
        ];
        await AssertSameReplies(script);
    }

    private async Task AssertSameReplies(byte[][][] script)
    {
        using var silo = await fixture.Silo.ConnectAsync();
        using var redis = await RespClient.ConnectAsync(fixture.Redis.Port);
        foreach (var command in script)
        {
            await redis.SendAsync(command);
            var expected = await redis.ReadFrameAsync(RespClient.DefaultTimeout);
            await silo.SendAsync(command);
            var actual = await silo.ReadFrameAsync(RespClient.DefaultTimeout);
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{Encoding.Latin1.GetString(command[0])}: redis {RespFrame.Show(expected)} gateway {RespFrame.Show(actual)}");
        }
    }

    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);
}
