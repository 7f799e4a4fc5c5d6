namespace OrleansStreams.Keyspace;

/// <summary>Set commands: <see href="https://redis.io/commands/?group=set"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/sadd/"/></summary>
    internal KeyspaceResult SAdd(byte[] key, byte[][] members, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null)
        {
            return error;
        }
        var set = (entry ?? Store(key, KeyType.Set, new SetValue())).Set;
        var added = 0;
        foreach (var member in members)
        {
            added += set.Add(member) ? 1 : 0;
        }
        return KeyspaceResult.Count(added);
    }

    /// <summary><see href="https://redis.io/commands/srem/"/></summary>
    internal KeyspaceResult SRem(byte[] key, byte[][] members, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Zero;
        }
        var removed = 0;
        foreach (var member in members)
        {
            removed += entry.Set.Remove(member) ? 1 : 0;
        }
        DeleteIfEmpty(key, entry, entry.Set.Count);
        return KeyspaceResult.Count(removed);
    }

    /// <summary><see href="https://redis.io/commands/smembers/"/></summary>
    internal KeyspaceResult SMembers(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? NoValues;
        }
        return new KeyspaceResult.Values([.. entry.Set.Ordered()]);
    }

    /// <summary><see href="https://redis.io/commands/scard/"/></summary>
    internal KeyspaceResult SCard(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        return error ?? KeyspaceResult.Count(entry?.Set.Count ?? 0);
    }

    /// <summary><see href="https://redis.io/commands/sismember/"/></summary>
    internal KeyspaceResult SIsMember(byte[] key, byte[] member, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        return error ?? (entry is not null && entry.Set.Contains(member) ? KeyspaceResult.One : KeyspaceResult.Zero);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/smove/"/>: both types are checked first; moving within one set only
    /// answers whether the member is there.
    /// </summary>
    internal KeyspaceResult SMove(byte[] sourceKey, byte[] destinationKey, byte[] member, long nowMs)
    {
        var source = Lookup(sourceKey, nowMs);
        var destination = Lookup(destinationKey, nowMs);
        if (source is null)
        {
            return KeyspaceResult.Zero;
        }
        if (source.Type != KeyType.Set || (destination is not null && destination.Type != KeyType.Set))
        {
            return WrongTypeError;
        }
        if (ReferenceEquals(source, destination))
        {
            return source.Set.Contains(member) ? KeyspaceResult.One : KeyspaceResult.Zero;
        }
        if (!source.Set.Remove(member))
        {
            return KeyspaceResult.Zero;
        }
        DeleteIfEmpty(sourceKey, source, source.Set.Count);
        (destination ?? Store(destinationKey, KeyType.Set, new SetValue())).Set.Add(member);
        return KeyspaceResult.One;
    }
}
