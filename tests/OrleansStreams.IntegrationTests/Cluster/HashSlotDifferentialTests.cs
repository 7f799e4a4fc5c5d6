using System.Text;
using CsCheck;
using OrleansStreams.Cluster;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cluster;

/// <summary>Our hash slot of generated keys against CLUSTER KEYSLOT of a real redis-server in cluster mode.</summary>
public sealed class HashSlotDifferentialTests
{
    /// <summary>Keys rich in braces, so hash tags, empty tags and unclosed tags all occur.</summary>
    private static readonly Gen<byte[]> Keys = Gen.Frequency(
        (3, Gen.Byte[(byte)'a', (byte)'d'].Array[0, 12]),
        (3, Gen.OneOf(Gen.Const((byte)'{'), Gen.Const((byte)'}'), Gen.Byte[(byte)'a', (byte)'c']).Array[0, 10]),
        (1, Gen.Byte.Array[0, 40]));

    [Fact]
    public async Task Slots_of_generated_keys_equal_redis_cluster_keyslot()
    {
        await using var redis = await RedisServer.StartAsync(clusterEnabled: true);
        using var client = await RespClient.ConnectAsync(redis.Port);
        foreach (var key in Fixed.Select(k => Encoding.Latin1.GetBytes(k)))
        {
            Assert.Equal(await KeySlotAsync(client, key), HashSlot.Of(key));
        }
        // One connection: the samples run one at a time.
        await Keys.SampleAsync(async key => Assert.Equal(await KeySlotAsync(client, key), HashSlot.Of(key)), iter: 1000, threads: 1);
    }

    private static async Task<int> KeySlotAsync(RespClient client, byte[] key)
    {
        await client.SendAsync(["CLUSTER"u8.ToArray(), "KEYSLOT"u8.ToArray(), key]);
        return int.Parse(Encoding.ASCII.GetString(await client.ReadFrameAsync()).Trim(':', '\r', '\n'), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly string[] Fixed = ["{}", "{", "}", "{}{}", "{a}{b}", "a{}b{c}", "{{}}", "}{a}", "{a}}", "foo", "{user1000}.following"];
}
