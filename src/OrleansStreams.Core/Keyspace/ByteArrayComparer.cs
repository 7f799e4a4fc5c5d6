namespace OrleansStreams.Keyspace;

/// <summary>
/// Equality and ordering of binary-safe keys. The hash code is randomized per process (like Redis' siphash seed)
/// so crafted keys cannot degrade the dictionary; <see cref="StableHash"/> is the deterministic hash that SCAN
/// cursors are built on.
/// </summary>
public sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IComparer<byte[]>
{
    /// <summary>The shared instance.</summary>
    public static readonly ByteArrayComparer Instance = new();

    private ByteArrayComparer()
    {
    }

    /// <inheritdoc />
    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    /// <inheritdoc />
    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }

    /// <summary>Ordinal (memcmp) order, shorter first on a common prefix, as Redis compares sds strings.</summary>
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    /// <summary>FNV-1a with a murmur3 finalizer: the same value in every process, so cursors survive restarts.</summary>
    public static uint StableHash(ReadOnlySpan<byte> data)
    {
        var h = 2166136261u;
        foreach (var b in data)
        {
            h = (h ^ b) * 16777619u;
        }
        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        h *= 0xc2b2ae35u;
        h ^= h >> 16;
        return h;
    }
}
