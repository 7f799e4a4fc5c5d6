namespace OrleansStreams.Keyspace;

/// <summary>Generic key operations: <see href="https://redis.io/commands/?group=generic"/>.</summary>
public abstract partial record KeyspaceOperation
{
    /// <summary>DEL / UNLINK. Result: the number of keys deleted.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Delete")]
    public sealed record Delete([property: Id(0)] byte[][] Keys) : KeyspaceOperation;

    /// <summary>EXISTS / TOUCH: a key named twice counts twice. Result: the count.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Exists")]
    public sealed record Exists([property: Id(0)] byte[][] Keys) : KeyspaceOperation;

    /// <summary>TYPE. Result: <see cref="KeyspaceResult.TypeName"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.TypeOf")]
    public sealed record TypeOf([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>KEYS pattern. Result: <see cref="KeyspaceResult.Values"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.KeysMatching")]
    public sealed record KeysMatching([property: Id(0)] byte[] Pattern) : KeyspaceOperation;

    /// <summary>SCAN; <see cref="Pattern"/> null matches all, <see cref="TypeName"/> null any type. Result: <see cref="KeyspaceResult.ScanPage"/>.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Scan")]
    public sealed record Scan(
        [property: Id(0)] ulong Cursor,
        [property: Id(1)] long Count,
        [property: Id(2)] byte[]? Pattern,
        [property: Id(3)] byte[]? TypeName) : KeyspaceOperation;

    /// <summary>DBSIZE. Result: the count.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.DbSize")]
    public sealed record DbSize : KeyspaceOperation;

    /// <summary>RENAME, or RENAMENX when <see cref="OnlyIfNew"/>. Result: Done, or 0/1 for RENAMENX; NoSuchKey.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Rename")]
    public sealed record Rename([property: Id(0)] byte[] From, [property: Id(1)] byte[] To, [property: Id(2)] bool OnlyIfNew) : KeyspaceOperation;

    /// <summary>FLUSHDB. Result: Done.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.FlushDb")]
    public sealed record FlushDb : KeyspaceOperation;

    /// <summary>COPY source destination [REPLACE] within the database, with the TTL. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Copy")]
    public sealed record Copy([property: Id(0)] byte[] Source, [property: Id(1)] byte[] Destination, [property: Id(2)] bool Replace) : KeyspaceOperation;

    /// <summary>RANDOMKEY. Result: a key, or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.RandomKey")]
    public sealed record RandomKey : KeyspaceOperation;

    /// <summary>
    /// EXPIRE (<see cref="Seconds"/>, relative), PEXPIRE, EXPIREAT (<see cref="Absolute"/>), PEXPIREAT with a condition;
    /// a time already past deletes the key. Result: 0/1; InvalidExpireTime when the time overflows.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Expire")]
    public sealed record Expire(
        [property: Id(0)] byte[] Key,
        [property: Id(1)] long Time,
        [property: Id(2)] bool Seconds,
        [property: Id(3)] bool Absolute,
        [property: Id(4)] ExpireCondition Condition) : KeyspaceOperation;

    /// <summary>
    /// TTL / PTTL (<see cref="Milliseconds"/>), EXPIRETIME / PEXPIRETIME (<see cref="Absolute"/>). Result: the time,
    /// -2 for a missing key, -1 for no TTL.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.TimeToLive")]
    public sealed record TimeToLive([property: Id(0)] byte[] Key, [property: Id(1)] bool Milliseconds, [property: Id(2)] bool Absolute) : KeyspaceOperation;

    /// <summary>PERSIST. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Persist")]
    public sealed record Persist([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>
    /// RESTORE key ttl payload [REPLACE] [ABSTTL]: <see cref="Ttl"/> is the argument as sent, checked by the database
    /// after the key (Redis answers BUSYKEY before a bad TTL), then the payload (a DUMP payload of Redis 7.0 or
    /// older). Result: Done; BusyKey, NotInteger, NegativeTtl, DumpPayloadInvalid, BadDataFormat.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Restore")]
    public sealed record Restore(
        [property: Id(0)] byte[] Key,
        [property: Id(1)] byte[] Ttl,
        [property: Id(2)] byte[] Payload,
        [property: Id(3)] bool Replace,
        [property: Id(4)] bool AbsoluteTtl) : KeyspaceOperation;
}
