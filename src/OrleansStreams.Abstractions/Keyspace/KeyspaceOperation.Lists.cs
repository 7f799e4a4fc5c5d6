namespace OrleansStreams.Keyspace;

/// <summary>List operations: <see href="https://redis.io/commands/?group=list"/>.</summary>
public abstract partial record KeyspaceOperation
{
    /// <summary>LPUSH / RPUSH (<see cref="Head"/>), LPUSHX / RPUSHX (<see cref="OnlyIfExists"/>). Result: the new length.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Push")]
    public sealed record Push([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Values, [property: Id(2)] bool Head, [property: Id(3)] bool OnlyIfExists) : KeyspaceOperation;

    /// <summary>LPOP / RPOP; without a count one element (or Nil), with one a list (or Nil). Result: Value or Values.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Pop")]
    public sealed record Pop([property: Id(0)] byte[] Key, [property: Id(1)] bool Head, [property: Id(2)] long? Count) : KeyspaceOperation;

    /// <summary>LRANGE key start stop. Result: the elements.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LRange")]
    public sealed record LRange([property: Id(0)] byte[] Key, [property: Id(1)] long Start, [property: Id(2)] long End) : KeyspaceOperation;

    /// <summary>LLEN. Result: the length.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LLen")]
    public sealed record LLen([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>LINDEX. Result: the element or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LIndex")]
    public sealed record LIndex([property: Id(0)] byte[] Key, [property: Id(1)] long Index) : KeyspaceOperation;

    /// <summary>LSET. Result: Done; NoSuchKey, IndexOutOfRange.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LSet")]
    public sealed record LSet([property: Id(0)] byte[] Key, [property: Id(1)] long Index, [property: Id(2)] byte[] Value) : KeyspaceOperation;

    /// <summary>LREM key count element. Result: the number removed.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LRem")]
    public sealed record LRem([property: Id(0)] byte[] Key, [property: Id(1)] long Count, [property: Id(2)] byte[] Element) : KeyspaceOperation;

    /// <summary>LINSERT key BEFORE|AFTER pivot element. Result: the new length, -1 without the pivot, 0 without the key.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LInsert")]
    public sealed record LInsert([property: Id(0)] byte[] Key, [property: Id(1)] bool After, [property: Id(2)] byte[] Pivot, [property: Id(3)] byte[] Element) : KeyspaceOperation;

    /// <summary>LTRIM key start stop. Result: Done.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LTrim")]
    public sealed record LTrim([property: Id(0)] byte[] Key, [property: Id(1)] long Start, [property: Id(2)] long End) : KeyspaceOperation;

    /// <summary>LPOS key element [RANK] [COUNT] [MAXLEN]; <see cref="Count"/> null without COUNT. Result: an index or Nil, or indexes.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LPos")]
    public sealed record LPos([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Element, [property: Id(2)] long Rank, [property: Id(3)] long? Count, [property: Id(4)] long MaxLength) : KeyspaceOperation;

    /// <summary>LMOVE (and RPOPLPUSH: from the tail to the head). Result: the element moved, or Nil.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.LMove")]
    public sealed record LMove([property: Id(0)] byte[] Source, [property: Id(1)] byte[] Destination, [property: Id(2)] bool FromHead, [property: Id(3)] bool ToHead) : KeyspaceOperation;
}
