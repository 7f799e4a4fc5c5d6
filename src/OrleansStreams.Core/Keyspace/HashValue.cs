namespace OrleansStreams.Keyspace;

/// <summary>
/// A hash in insertion order, as Redis 7.0's listpack encoding keeps small hashes. <see cref="IsCompact"/> tracks
/// whether Redis would still hold it as a listpack (at most 128 entries of at most 64 bytes; the conversion is
/// one-way), which decides whether HSCAN returns everything at once.
/// </summary>
internal sealed class HashValue
{
    public const int MaxCompactEntries = 128;
    public const int MaxCompactValueLength = 64;

    public OrderedDictionary<byte[], byte[]> Fields { get; } = new(ByteArrayComparer.Instance);

    public bool IsCompact { get; set; } = true;

    public int Count => Fields.Count;

    /// <summary>Sets a field, keeping its position when it exists; returns true when the field is new.</summary>
    public bool Set(byte[] field, byte[] value)
    {
        var added = Fields.TryAdd(field, value);
        if (!added)
        {
            Fields[field] = value;
        }
        if (Fields.Count > MaxCompactEntries || field.Length > MaxCompactValueLength || value.Length > MaxCompactValueLength)
        {
            IsCompact = false;
        }
        return added;
    }
}
