namespace OrleansStreams.Keyspace;

/// <summary>
/// SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD, as t_set.c computes them: every key's type is checked
/// before any missing key short-circuits, and results are built as a new set (an intset while the members allow),
/// so all-integer results come back in numeric order.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/smismember/"/></summary>
    internal KeyspaceResult SMIsMember(byte[] key, byte[][] members, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null)
        {
            return error;
        }
        var items = new long[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            items[i] = entry is not null && entry.Set.Contains(members[i]) ? 1 : 0;
        }
        return new KeyspaceResult.Integers(items);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/sinter/"/>, <see href="https://redis.io/commands/sunion/"/>,
    /// <see href="https://redis.io/commands/sdiff/"/>, and with a <paramref name="destination"/> their STORE forms.
    /// </summary>
    internal KeyspaceResult SetCombine(SetAlgebra algebra, byte[][] keys, byte[]? destination, long nowMs)
    {
        if (!TryLoadSets(keys, nowMs, out var sets, out var error))
        {
            return error!;
        }
        var result = algebra switch
        {
            SetAlgebra.Intersection => Intersect(sets, long.MaxValue),
            SetAlgebra.Union => Union(sets),
            _ => Difference(sets),
        };
        return destination is not null ? StoreSet(destination, result, nowMs) : new KeyspaceResult.Values([.. result.Ordered()]);
    }

    /// <summary><see href="https://redis.io/commands/sintercard/"/>; <paramref name="limit"/> 0 is no limit.</summary>
    internal KeyspaceResult SInterCard(byte[][] keys, long limit, long nowMs)
    {
        if (!TryLoadSets(keys, nowMs, out var sets, out var error))
        {
            return error!;
        }
        return KeyspaceResult.Count(Intersect(sets, limit == 0 ? long.MaxValue : limit).Count);
    }

    private static SetValue Union(SetValue?[] sets)
    {
        var result = new SetValue();
        foreach (var member in sets.Where(s => s is not null).SelectMany(s => s!.Ordered()))
        {
            result.Add(member);
        }
        return result;
    }

    private static SetValue Difference(SetValue?[] sets)
    {
        var result = new SetValue();
        if (sets[0] is { } first && !sets.Skip(1).Any(s => ReferenceEquals(s, first)))
        {
            foreach (var member in first.Ordered().Where(m => !sets.Skip(1).Any(s => s is not null && s.Contains(m))))
            {
                result.Add(member);
            }
        }
        return result;
    }

    /// <summary>Each key's set, null for a missing key; WRONGTYPE as soon as one holds another type.</summary>
    private bool TryLoadSets(byte[][] keys, long nowMs, out SetValue?[] sets, out KeyspaceResult? error)
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
    private KeyspaceResult StoreSet(byte[] destination, SetValue result, long nowMs)
    {
        if (result.Count == 0)
        {
            if (Lookup(destination, nowMs) is { } old)
            {
                Delete(destination, old);
            }
            return KeyspaceResult.Zero;
        }
        Store(destination, KeyType.Set, result);
        return KeyspaceResult.Count(result.Count);
    }
}
