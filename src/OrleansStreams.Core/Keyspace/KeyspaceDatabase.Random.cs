namespace OrleansStreams.Keyspace;

/// <summary>
/// Commands that pick at random. The reads (SRANDMEMBER, HRANDFIELD, RANDOMKEY) use <see cref="Random.Shared"/>;
/// SPOP writes, so it picks with a <see cref="SeededPicker"/> and a replay of its journal entry removes the same members.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/spop/"/>: with a count, the members; the whole set when the count covers it.</summary>
    internal KeyspaceResult SPop(byte[] key, long? countGiven, long nowMs)
    {
        var count = countGiven ?? 1;
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null || count == 0)
        {
            return error ?? (countGiven is null ? KeyspaceResult.Nothing : NoValues);
        }
        var set = entry.Set;
        var popped = count >= set.Count ? set.Ordered().ToList() : PickDistinct(set.Members.Keys, (int)count, new SeededPicker(nowMs, key).Next);
        foreach (var member in popped)
        {
            set.Remove(member);
        }
        DeleteIfEmpty(key, entry, set.Count);
        return countGiven is null ? new KeyspaceResult.Value(popped[0]) : new KeyspaceResult.Values([.. popped]);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/srandmember/"/>: a negative count may repeat members; a count covering
    /// the set returns all of it, in SMEMBERS order.
    /// </summary>
    internal KeyspaceResult SRandMember(byte[] key, long? count, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (count is null ? KeyspaceResult.Nothing : NoValues);
        }
        var members = entry.Set.Members.Keys;
        if (count is not { } n)
        {
            return new KeyspaceResult.Value(entry.Set.Members.GetAt(Random.Shared.Next(members.Count)).Key);
        }
        return new KeyspaceResult.Values([.. RandomSample(members, entry.Set.Ordered(), n)]);
    }

    /// <summary><see href="https://redis.io/commands/hrandfield/"/>: as SRANDMEMBER; WITHVALUES interleaves values.</summary>
    internal KeyspaceResult HRandField(byte[] key, long? count, bool withValues, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (count is null ? KeyspaceResult.Nothing : NoValues);
        }
        var fields = entry.Hash.Fields;
        if (count is not { } n)
        {
            return new KeyspaceResult.Value(fields.GetAt(Random.Shared.Next(fields.Count)).Key);
        }
        var picked = RandomSample(fields.Keys, fields.Keys, n);
        return new KeyspaceResult.Values(withValues ? [.. picked.SelectMany(f => new[] { f, fields[f] })] : [.. picked]);
    }

    /// <summary><see href="https://redis.io/commands/randomkey/"/>: any live key, or nil.</summary>
    internal KeyspaceResult RandomKey(long nowMs)
    {
        var live = _keys.Where(kv => !kv.Value.IsExpired(nowMs)).Select(kv => kv.Key).ToList();
        return live.Count == 0 ? KeyspaceResult.Nothing : new KeyspaceResult.Value(live[Random.Shared.Next(live.Count)]);
    }

    /// <summary>count &gt;= 0: distinct picks, everything (in <paramref name="whole"/>'s order) when it covers all; count &lt; 0: with repeats.</summary>
    private static List<byte[]> RandomSample(IList<byte[]> items, IEnumerable<byte[]> whole, long count)
    {
        if (count < 0)
        {
            return Enumerable.Range(0, (int)Math.Min(-count, int.MaxValue))
                .Select(_ => items[Random.Shared.Next(items.Count)]).ToList();
        }
        return count >= items.Count ? whole.ToList() : PickDistinct(items, (int)count, Random.Shared.Next);
    }

    /// <summary>A partial Fisher-Yates shuffle: <paramref name="count"/> distinct items in the order picked.</summary>
    private static List<byte[]> PickDistinct(IList<byte[]> items, int count, Func<int, int> next)
    {
        var indexes = Enumerable.Range(0, items.Count).ToArray();
        var picked = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var j = i + next(indexes.Length - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
            picked.Add(items[indexes[i]]);
        }
        return picked;
    }
}
