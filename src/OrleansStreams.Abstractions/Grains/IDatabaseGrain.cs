using OrleansStreams.Keyspace;

namespace OrleansStreams.Grains;

/// <summary>
/// One logical Redis database's keyspace: the directory of every key (type, TTL) and the values of
/// the non-stream types (strings, hashes, lists, sets). Keyed by physical database number.
/// </summary>
[Alias("os.IDatabaseGrain")]
public interface IDatabaseGrain : IGrainWithIntegerKey
{
    /// <summary>Runs a batch of keyspace operations in order, one result each; writes are durable when it returns.</summary>
    [Alias("Execute")]
    Task<KeyspaceResult[]> Execute(Immutable<KeyspaceOperation[]> operations);

    /// <summary>Records that a stream now exists under <paramref name="key"/>; false when another type holds it.</summary>
    [Alias("RegisterStream")]
    Task<bool> RegisterStream(byte[] key);

    /// <summary>Keys, keys with a TTL, and the average TTL in ms, for INFO keyspace.</summary>
    [Alias("GetKeyspaceStats")]
    Task<long[]> GetKeyspaceStats();

    /// <summary>Up to <paramref name="max"/> keys of this database that hold streams (INFO consumergroups walks them).</summary>
    [Alias("GetStreamKeys")]
    Task<byte[][]> GetStreamKeys(int max);

    /// <summary>The key's expiry in Unix ms (null: none or no such key).</summary>
    [Alias("ExpiryOf")]
    Task<long?> ExpiryOf(byte[] key);

    /// <summary>
    /// DUMP: the key's value in redis-server 7.0's serialized format (a stream with its node layout and consumer
    /// groups, read from its grains), or null when the key does not exist.
    /// </summary>
    [Alias("Dump")]
    Task<byte[]?> Dump(byte[] key);

    /// <summary>The Redis type name of the key ("none" when absent).</summary>
    [Alias("TypeOf")]
    Task<string> TypeOf(byte[] key);
}
