namespace OrleansStreams.Keyspace;

/// <summary>Set operations: <see href="https://redis.io/commands/?group=set"/>.</summary>
public abstract partial record KeyspaceOperation
{
    /// <summary>SADD. Result: the number added.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SAdd")]
    public sealed record SAdd([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Members) : KeyspaceOperation;

    /// <summary>SREM. Result: the number removed.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SRem")]
    public sealed record SRem([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Members) : KeyspaceOperation;

    /// <summary>SMEMBERS. Result: the members.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SMembers")]
    public sealed record SMembers([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>SCARD. Result: the count.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SCard")]
    public sealed record SCard([property: Id(0)] byte[] Key) : KeyspaceOperation;

    /// <summary>SISMEMBER. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SIsMember")]
    public sealed record SIsMember([property: Id(0)] byte[] Key, [property: Id(1)] byte[] Member) : KeyspaceOperation;

    /// <summary>SMISMEMBER. Result: <see cref="KeyspaceResult.Integers"/> of 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SMIsMember")]
    public sealed record SMIsMember([property: Id(0)] byte[] Key, [property: Id(1)] byte[][] Members) : KeyspaceOperation;

    /// <summary>
    /// SINTER, SUNION, SDIFF; with a <see cref="Destination"/> their STORE forms. Result: the members, or the
    /// stored count.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SetCombine")]
    public sealed record SetCombine([property: Id(0)] SetAlgebra Algebra, [property: Id(1)] byte[][] Keys, [property: Id(2)] byte[]? Destination) : KeyspaceOperation;

    /// <summary>SINTERCARD numkeys key… [LIMIT limit]; <see cref="Limit"/> 0 is no limit. Result: the count.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SInterCard")]
    public sealed record SInterCard([property: Id(0)] byte[][] Keys, [property: Id(1)] long Limit) : KeyspaceOperation;

    /// <summary>SMOVE source destination member. Result: 0/1.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SMove")]
    public sealed record SMove([property: Id(0)] byte[] Source, [property: Id(1)] byte[] Destination, [property: Id(2)] byte[] Member) : KeyspaceOperation;

    /// <summary>
    /// SPOP [count]: members are picked with a seed of the time and key, so a replay pops the same ones.
    /// Result: a member or Nil, or members.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SPop")]
    public sealed record SPop([property: Id(0)] byte[] Key, [property: Id(1)] long? Count) : KeyspaceOperation;

    /// <summary>SRANDMEMBER [count]: a negative count may repeat. Result: a member or Nil, or members.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.SRandMember")]
    public sealed record SRandMember([property: Id(0)] byte[] Key, [property: Id(1)] long? Count) : KeyspaceOperation;
}
