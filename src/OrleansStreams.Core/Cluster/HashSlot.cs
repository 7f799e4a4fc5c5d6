namespace OrleansStreams.Cluster;

/// <summary>
/// Redis Cluster's hash slot of a key: CRC16 (XMODEM) of the key, or of its hash tag, modulo
/// <see cref="Count"/> — as cluster.c <c>keyHashSlot</c>. The hash tag is what lies between the first
/// <c>{</c> and the first <c>}</c> after it, when that is not empty; otherwise the whole key is hashed
/// (so <c>{}</c>, and a <c>{</c> without a <c>}</c>, hash the whole key).
/// </summary>
public static class HashSlot
{
    /// <summary>Number of hash slots of a Redis Cluster.</summary>
    public const int Count = 16384;

    /// <summary>The slot (0 … 16383) of <paramref name="key"/>.</summary>
    public static int Of(ReadOnlySpan<byte> key) => Crc16.Compute(HashedPart(key)) & (Count - 1);

    /// <summary>The part of <paramref name="key"/> that decides its slot: the hash tag, or the whole key.</summary>
    public static ReadOnlySpan<byte> HashedPart(ReadOnlySpan<byte> key)
    {
        var open = key.IndexOf((byte)'{');
        if (open < 0)
        {
            return key;
        }
        var close = key[(open + 1)..].IndexOf((byte)'}');
        return close <= 0 ? key : key.Slice(open + 1, close);
    }
}
