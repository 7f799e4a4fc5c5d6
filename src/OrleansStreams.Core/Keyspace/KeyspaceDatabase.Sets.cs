using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>Set commands: <see href="https://redis.io/commands/?group=set"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly Reply EmptySet = new ArrayReply([]) { IsSet = true };

    /// <summary><see href="https://redis.io/commands/sadd/"/></summary>
    internal Reply SAdd(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null)
        {
            return error;
        }
        var set = (entry ?? Store(args[1], KeyType.Set, new SetValue())).Set;
        var added = 0;
        for (var i = 2; i < args.Length; i++)
        {
            added += set.Add(args[i]) ? 1 : 0;
        }
        return Reply.Integer(added);
    }

    /// <summary><see href="https://redis.io/commands/srem/"/></summary>
    internal Reply SRem(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Zero;
        }
        var removed = 0;
        for (var i = 2; i < args.Length; i++)
        {
            removed += entry.Set.Remove(args[i]) ? 1 : 0;
        }
        DeleteIfEmpty(args[1], entry, entry.Set.Count);
        return Reply.Integer(removed);
    }

    /// <summary><see href="https://redis.io/commands/smembers/"/>: a RESP3 set.</summary>
    internal Reply SMembers(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? EmptySet;
        }
        return SetReply(entry.Set.Ordered());
    }

    /// <summary><see href="https://redis.io/commands/scard/"/></summary>
    internal Reply SCard(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        return error ?? Reply.Integer(entry?.Set.Count ?? 0);
    }

    /// <summary><see href="https://redis.io/commands/sismember/"/></summary>
    internal Reply SIsMember(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        return error ?? Reply.Integer(entry is not null && entry.Set.Contains(args[2]) ? 1 : 0);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/smove/"/>: both types are checked first; moving within one set only
    /// answers whether the member is there.
    /// </summary>
    internal Reply SMove(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var source = Lookup(args[1], nowMs);
        var destination = Lookup(args[2], nowMs);
        if (source is null)
        {
            return Reply.Zero;
        }
        if (source.Type != KeyType.Set || (destination is not null && destination.Type != KeyType.Set))
        {
            return WrongTypeError;
        }
        if (ReferenceEquals(source, destination))
        {
            return Reply.Integer(source.Set.Contains(args[3]) ? 1 : 0);
        }
        if (!source.Set.Remove(args[3]))
        {
            return Reply.Zero;
        }
        DeleteIfEmpty(args[1], source, source.Set.Count);
        (destination ?? Store(args[2], KeyType.Set, new SetValue())).Set.Add(args[3]);
        return Reply.One;
    }
}
