using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>
/// Commands that pick at random. The reads (SRANDMEMBER, HRANDFIELD, RANDOMKEY) use <see cref="Random.Shared"/>;
/// SPOP writes, so it picks with a <see cref="SeededPicker"/> and a replay of its journal entry removes the same members.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/spop/"/>: with a count, a RESP3 set; the whole set when the count covers it.</summary>
    internal Reply SPop(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (args.Length > 3)
        {
            return SyntaxError;
        }
        var hasCount = args.Length == 3;
        long count = 1;
        if (hasCount && (!ArgParser.TryParseInt64(args[2], out count) || count < 0))
        {
            return Reply.Error(RedisErrors.ValueOutOfRangePositive);
        }
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null || count == 0)
        {
            return error ?? (hasCount ? EmptySet : Reply.NullBulk);
        }
        var set = entry.Set;
        var popped = count >= set.Count ? set.Ordered().ToList() : PickDistinct(set.Members.Keys, (int)count, new SeededPicker(nowMs, args[1]).Next);
        foreach (var member in popped)
        {
            set.Remove(member);
        }
        DeleteIfEmpty(args[1], entry, set.Count);
        return hasCount ? SetReply(popped) : Reply.Bulk(popped[0]);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/srandmember/"/>: a negative count may repeat members; a count covering
    /// the set returns all of it, in SMEMBERS order.
    /// </summary>
    internal Reply SRandMember(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (args.Length > 3)
        {
            return SyntaxError;
        }
        long count = 0;
        if (args.Length == 3 && ParseRandomCount(args[2], out count) is { } countError)
        {
            return countError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.Set, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (args.Length == 3 ? Reply.EmptyArray : Reply.NullBulk);
        }
        var members = entry.Set.Members.Keys;
        if (args.Length == 2)
        {
            return Reply.Bulk(entry.Set.Members.GetAt(Random.Shared.Next(members.Count)).Key);
        }
        return Reply.BulkArray(RandomSample(members, entry.Set.Ordered(), count));
    }

    /// <summary><see href="https://redis.io/commands/hrandfield/"/>: as SRANDMEMBER; WITHVALUES interleaves values (RESP2's shape).</summary>
    internal Reply HRandField(ReadOnlySpan<byte[]> args, long nowMs)
    {
        long count = 0;
        var withValues = false;
        if (args.Length >= 3)
        {
            if (ParseRandomCount(args[2], out count) is { } countError)
            {
                return countError;
            }
            if (args.Length > 4 || (args.Length == 4 && !ArgParser.Is(args[3], "WITHVALUES")))
            {
                return SyntaxError;
            }
            withValues = args.Length == 4;
            if (withValues && (count < -long.MaxValue / 2 || count > long.MaxValue / 2))
            {
                return Reply.Error(RedisErrors.ValueOutOfRange);
            }
        }
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (args.Length >= 3 ? Reply.EmptyArray : Reply.NullBulk);
        }
        var fields = entry.Hash.Fields;
        if (args.Length == 2)
        {
            return Reply.Bulk(fields.GetAt(Random.Shared.Next(fields.Count)).Key);
        }
        var picked = RandomSample(fields.Keys, fields.Keys, count);
        return Reply.BulkArray(withValues ? picked.SelectMany(f => new[] { f, fields[f] }) : picked);
    }

    /// <summary><see href="https://redis.io/commands/randomkey/"/>: any live key, or nil.</summary>
    internal Reply RandomKey(long nowMs)
    {
        var live = _keys.Where(kv => !kv.Value.IsExpired(nowMs)).Select(kv => kv.Key).ToList();
        return live.Count == 0 ? Reply.NullBulk : Reply.Bulk(live[Random.Shared.Next(live.Count)]);
    }

    /// <summary>getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): LONG_MIN alone is out of range.</summary>
    private static Reply? ParseRandomCount(byte[] arg, out long count)
    {
        if (!ArgParser.TryParseInt64(arg, out count))
        {
            return NotIntegerError;
        }
        return count == long.MinValue ? Reply.Error(RedisErrors.CountOutOfRange) : null;
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

    private static Reply SetReply(IEnumerable<byte[]> members) =>
        new ArrayReply(members.Select(m => (Reply)new BulkReply(m)).ToArray()) { IsSet = true };
}
