namespace OrleansStreams.Keyspace;

/// <summary>The Redis type of a key, as TYPE names it.</summary>
public enum KeyType : byte
{
    /// <summary>A string (also integers, which Redis stores as strings).</summary>
    String = 1,
    /// <summary>A hash of fields to values.</summary>
    Hash = 2,
    /// <summary>A list.</summary>
    List = 3,
    /// <summary>A set.</summary>
    Set = 4,
    /// <summary>A stream, whose data lives in a stream grain; only the key lives in the keyspace.</summary>
    Stream = 5,
}

/// <summary>The names TYPE replies with.</summary>
public static class KeyTypeNames
{
    /// <summary>The reply of TYPE for a missing key.</summary>
    public const string None = "none";

    /// <summary>The lowercase Redis name of <paramref name="type"/>.</summary>
    public static string Name(this KeyType type) => type switch
    {
        KeyType.String => "string",
        KeyType.Hash => "hash",
        KeyType.List => "list",
        KeyType.Set => "set",
        KeyType.Stream => "stream",
        _ => None,
    };
}
