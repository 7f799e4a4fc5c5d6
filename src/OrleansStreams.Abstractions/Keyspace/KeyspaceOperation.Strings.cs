namespace OrleansStreams.Keyspace;

/// <summary>String operations: <see href="https://redis.io/commands/?group=string"/>.</summary>
public abstract partial record KeyspaceOperation
{
    /// <summary>GET. Result: the value or Nil; WRONGTYPE.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Get")]
    public sealed record Get([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>
    /// SET with NX / XX, GET (<see cref="ReturnOld"/>), KEEPTTL and an expiry. Result: Done, or Nil when the condition
    /// failed; with GET the old value (or Nil).
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Set")]
    public sealed record Set(
        [property: Id(0)] byte[] Key,
        [property: Id(1)] byte[] Value,
        [property: Id(2)] SetCondition Condition,
        [property: Id(3)] bool ReturnOld,
        [property: Id(4)] bool KeepTtl,
        [property: Id(5)] Expiry? Expiry) : KeyspaceOperation;

    /// <summary>SETNX. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SetNx")]
    public sealed record SetNx([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Value) : KeyspaceOperation;

    /// <summary>SETEX key seconds value. Result: Done; InvalidExpireTime.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SetEx")]
    public sealed record SetEx([property: Id(0)] byte[] Key, [property: Id(1)] long Seconds, [property: Id(2)] byte[] Value) : KeyspaceOperation;

    /// <summary>INCR, DECR, INCRBY, DECRBY. Result: the new value; NotInteger, Overflow.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.IncrBy")]
    public sealed record IncrBy([property: Id(0)] byte[] Key, [property: Id(1)] long Increment) : KeyspaceOperation;

    /// <summary>
    /// INCRBYFLOAT; the increment is its text, parsed (after the key's type check, as Redis) as a long double.
    /// Result: the new value's text; NotFloat, IncrementNaNOrInfinity.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.IncrByFloat")]
    public sealed record IncrByFloat([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Increment) : KeyspaceOperation;

    /// <summary>MGET: a key of another type reads as nil. Result: <see cref="KeyspaceResult.Values"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.MGet")]
    public sealed record MGet([property: Id(0)] byte[][] Keys) : KeyspaceOperation;

    /// <summary>MSET, or MSETNX (all or nothing) when <see cref="OnlyIfNoneExist"/>. Result: Done, or 0/1 for MSETNX.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.MSet")]
    public sealed record MSet([property: Id(0)] byte[][] KeysAndValues, [property: Id(1)] bool OnlyIfNoneExist) : KeyspaceOperation;

    /// <summary>APPEND. Result: the new length; StringTooLong.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Append")]
    public sealed record Append([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Value) : KeyspaceOperation;

    /// <summary>STRLEN. Result: the length.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.StrLen")]
    public sealed record StrLen([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>GETSET. Result: the old value or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.GetSet")]
    public sealed record GetSet([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Value) : KeyspaceOperation;

    /// <summary>GETDEL. Result: the value or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.GetDel")]
    public sealed record GetDel([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>GETEX with an expiry, or PERSIST (<see cref="RemoveTtl"/>). Result: the value or Nil; InvalidExpireTime.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.GetEx")]
    public sealed record GetEx([property: Id(0)] byte[] Key, [property: Id(1)] Expiry? Expiry, [property: Id(2)] bool RemoveTtl) : KeyspaceOperation;

    /// <summary>GETRANGE key start end. Result: the substring.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.GetRange")]
    public sealed record GetRange([property: Id(0)] byte[] Key, [property: Id(1)] long Start, [property: Id(2)] long End) : KeyspaceOperation;

    /// <summary>SETRANGE key offset value (offset &gt;= 0). Result: the new length; StringTooLong.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SetRange")]
    public sealed record SetRange([property: Id(0)] byte[] Key, [property: Id(1)] long Offset, [property: Id(2)] byte[] Value) : KeyspaceOperation;
}
