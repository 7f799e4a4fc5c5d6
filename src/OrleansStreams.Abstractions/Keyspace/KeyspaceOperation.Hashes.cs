namespace OrleansStreams.Keyspace;

/// <summary>Hash operations: <see href="https://redis.io/commands/?group=hash"/>.</summary>
public abstract partial record KeyspaceOperation
{
    /// <summary>HSET, or HMSET (which replies OK) when <see cref="ReplyOk"/>. Result: the number of new fields.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HSet")]
    public sealed record HSet([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] FieldsAndValues, [property: Id(2)] bool ReplyOk) : KeyspaceOperation;

    /// <summary>HSETNX. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HSetNx")]
    public sealed record HSetNx([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field, [property: Id(2)] byte[] Value) : KeyspaceOperation;

    /// <summary>HGET. Result: the value or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HGet")]
    public sealed record HGet([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field) : KeyspaceOperation;

    /// <summary>HMGET. Result: <see cref="KeyspaceResult.Values"/> with nulls.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HMGet")]
    public sealed record HMGet([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Fields) : KeyspaceOperation;

    /// <summary>HGETALL. Result: fields and values interleaved.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HGetAll")]
    public sealed record HGetAll([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>HDEL. Result: the number removed.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HDel")]
    public sealed record HDel([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Fields) : KeyspaceOperation;

    /// <summary>HLEN. Result: the count.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HLen")]
    public sealed record HLen([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>HKEYS. Result: the fields.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HKeys")]
    public sealed record HKeys([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>HVALS. Result: the values.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HVals")]
    public sealed record HVals([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>HEXISTS. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HExists")]
    public sealed record HExists([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field) : KeyspaceOperation;

    /// <summary>HINCRBY. Result: the new value; HashValueNotInteger, Overflow.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HIncrBy")]
    public sealed record HIncrBy([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field, [property: Id(2)] long Increment) : KeyspaceOperation;

    /// <summary>HINCRBYFLOAT; the increment is a finite long double's text (the gateway checked it). Result: the new value's text.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HIncrByFloat")]
    public sealed record HIncrByFloat([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field, [property: Id(2)] byte[] Increment) : KeyspaceOperation;

    /// <summary>HSTRLEN. Result: the value's length.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HStrLen")]
    public sealed record HStrLen([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Field) : KeyspaceOperation;

    /// <summary>
    /// HRANDFIELD [count [WITHVALUES]]: without a count one field (or Nil); a negative count may repeat. Result: a
    /// field, or fields (with values interleaved).
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HRandField")]
    public sealed record HRandField([property: Id(0)] byte[] Key, [property: Id(1)] long? Count, [property: Id(2)] bool WithValues) : KeyspaceOperation;

    /// <summary>HSCAN; <see cref="Pattern"/> null matches all. Result: <see cref="KeyspaceResult.ScanPage"/> of fields and values.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.HScan")]
    public sealed record HScan([property: Id(0)] byte[] Key, [property: Id(1)] ulong Cursor, [property: Id(2)] long Count, [property: Id(3)] byte[]? Pattern) : KeyspaceOperation;
}
