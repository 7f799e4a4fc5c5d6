namespace OrleansStreams.Keyspace;

/// <summary>One key's value and expiry. The value's CLR type follows <see cref="Type"/>.</summary>
internal sealed class KeyspaceEntry(KeyType type, object? value)
{
    /// <summary>The expiry of a key without a TTL.</summary>
    public const long NoExpiry = -1;

    public KeyType Type { get; } = type;

    /// <summary><c>byte[]</c> for strings, <see cref="HashValue"/>, <see cref="ListValue"/>, <see cref="SetValue"/>; null for streams.</summary>
    public object? Value { get; set; } = value;

    /// <summary>Absolute expiry in Unix milliseconds, or <see cref="NoExpiry"/>.</summary>
    public long ExpireAtMs { get; set; } = NoExpiry;

    public bool HasExpiry => ExpireAtMs != NoExpiry;

    /// <summary>Redis' keyIsExpired: a key expires strictly after its expiry time.</summary>
    public bool IsExpired(long nowMs) => HasExpiry && nowMs > ExpireAtMs;

    public byte[] String => (byte[])Value!;

    public HashValue Hash => (HashValue)Value!;

    public ListValue List => (ListValue)Value!;

    public SetValue Set => (SetValue)Value!;
}
