using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>
/// SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD, as t_set.c computes them: every key's type is checked
/// before any missing key short-circuits, and results are built as a new set (an intset while the members allow),
/// so all-integer results come back in numeric order.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    private enum SetOperation
    {
        Union,
        Difference,
    }

    /// <summary><see href="https://redis.io/commands/smismember/"/></summary>
    internal Reply SMIsMember(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null)
        {
            return error;
        }
        var items = new Reply[args.Length - 2];
        for (var i = 2; i < args.Length; i++)
        {
            items[i - 2] = Reply.Integer(entry is not null && entry.Set.Contains(args[i]) ? 1 : 0);
        }
        return Reply.Array(items);
    }

    /// <summary><see href="https://redis.io/commands/sinter/"/> and <see href="https://redis.io/commands/sinterstore/"/> (destination first).</summary>
    internal Reply SInter(ReadOnlySpan<byte[]> args, long nowMs, bool store)
    {
        var keys = args[(store ? 2 : 1)..];
        if (!TryLoadSets(keys, nowMs, out var sets, out var error))
        {
            return error!;
        }
        var result = Intersect(sets, long.MaxValue);
        return store ? StoreSet(args[1], result, nowMs) : SetReply(result.Ordered());
    }

    /// <summary><see href="https://redis.io/commands/sintercard/"/></summary>
    internal Reply SInterCard(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[1], out var numKeys) || numKeys < 1)
        {
            return Reply.Error(RedisErrors.NumKeysNotPositive);
        }
        if (numKeys > args.Length - 2)
        {
            return Reply.Error(RedisErrors.NumKeysTooMany);
        }
        long limit = 0;
        for (var i = 2 + (int)numKeys; i < args.Length; i++)
        {
            if (!ArgParser.Is(args[i], "LIMIT") || i + 1 == args.Length)
            {
                return SyntaxError;
            }
            if (!ArgParser.TryParseInt64(args[++i], out limit) || limit < 0)
            {
                return Reply.Error(RedisErrors.LimitNegative);
            }
        }
        if (!TryLoadSets(args.Slice(2, (int)numKeys), nowMs, out var sets, out var error))
        {
            return error!;
        }
        return Reply.Integer(Intersect(sets, limit == 0 ? long.MaxValue : limit).Count);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/sunion/"/>, <see href="https://redis.io/commands/sdiff/"/> and their
    /// STORE forms (destination first).
    /// </summary>
    internal Reply SUnionDiff(ReadOnlySpan<byte[]> args, long nowMs, bool difference, bool store)
    {
        var keys = args[(store ? 2 : 1)..];
        if (!TryLoadSets(keys, nowMs, out var sets, out var error))
        {
            return error!;
        }
        var result = new SetValue();
        if (!difference)
        {
            foreach (var member in sets.Where(s => s is not null).SelectMany(s => s!.Ordered()))
            {
                result.Add(member);
            }
        }
        else if (sets[0] is { } first && !sets.Skip(1).Any(s => ReferenceEquals(s, first)))
        {
            foreach (var member in first.Ordered().Where(m => !sets.Skip(1).Any(s => s is not null && s.Contains(m))))
            {
                result.Add(member);
            }
        }
        return store ? StoreSet(args[1], result, nowMs) : SetReply(result.Ordered());
    }

    /// <summary>Each key's set, null for a missing key; WRONGTYPE as soon as one holds another type.</summary>
    private bool TryLoadSets(ReadOnlySpan<byte[]> keys, long nowMs, out SetValue?[] sets, out Reply? error)
    {
        sets = new SetValue?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sets[i] = Lookup(keys[i], nowMs, KeyType.Set, out error)?.Set;
            if (error is not null)
            {
                return false;
            }
        }
        error = null;
        return true;
    }

    /// <summary>Walks the smallest set in its order, keeping members every other set holds, up to <paramref name="limit"/>.</summary>
    private static SetValue Intersect(SetValue?[] sets, long limit)
    {
        var result = new SetValue();
        if (sets.Any(s => s is null))
        {
            return result;
        }
        var smallest = sets.MinBy(s => s!.Count)!;
        foreach (var member in smallest.Ordered())
        {
            if (result.Count >= limit)
            {
                break;
            }
            if (sets.All(s => ReferenceEquals(s, smallest) || s!.Contains(member)))
            {
                result.Add(member);
            }
        }
        return result;
    }

    /// <summary>The STORE forms: the destination is replaced (its TTL dropped), or deleted when the result is empty.</summary>
    private Reply StoreSet(byte[] destination, SetValue result, long nowMs)
    {
        if (result.Count == 0)
        {
            if (Lookup(destination, nowMs) is { } old)
            {
                Delete(destination, old);
            }
            return Reply.Zero;
        }
        Store(destination, KeyType.Set, result);
        return Reply.Integer(result.Count);
    }

}
