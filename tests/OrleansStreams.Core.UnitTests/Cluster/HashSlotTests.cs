using System.Text;
using CsCheck;
using OrleansStreams.Cluster;

namespace OrleansStreams.Core.UnitTests.Cluster;

public sealed class HashSlotTests
{
    [Fact]
    public void Crc16_of_the_check_string_is_the_xmodem_check_value() =>
        Assert.Equal(0x31C3, Crc16.Compute("123456789"u8));

    // Values from redis-server 7.0.15's CLUSTER KEYSLOT.
    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("hello", 866)]
    [InlineData("123456789", 12739)]
    [InlineData("", 0)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{}foo", 9500)]
    [InlineData("foo{", 7673)]
    [InlineData("a{b}c{d}", 3300)]
    [InlineData("{{a}}", 10276)]
    [InlineData("{a", 10276)]
    [InlineData("x}{y}", 12222)]
    [InlineData("}{", 12793)]
    [InlineData("foo{}{bar}", 8363)]
    public void Slot_of_key_is_the_one_redis_gives(string key, int slot) =>
        Assert.Equal(slot, HashSlot.Of(Encoding.Latin1.GetBytes(key)));

    [Fact]
    public void Keys_with_the_same_hash_tag_share_a_slot() =>
        Gen.Select(Gen.String[Gen.Char['a', 'z'], 1, 10], Gen.String, Gen.String).Sample((tag, before, after) =>
        {
            var prefix = before.Replace("{", "", StringComparison.Ordinal);
            return HashSlot.Of(Encoding.UTF8.GetBytes($"{prefix}{{{tag}}}{after}")) == HashSlot.Of(Encoding.UTF8.GetBytes(tag));
        });

    [Fact]
    public void Slot_is_always_in_range() =>
        Gen.Byte.Array[0, 64].Sample(key => HashSlot.Of(key) is >= 0 and < HashSlot.Count);
}
