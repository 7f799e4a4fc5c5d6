using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>List commands that read or change elements by index or value.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/lindex/"/>: the key is looked up before the index is parsed.</summary>
    internal Reply LIndex(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.NullBulk;
        }
        if (!ArgParser.TryParseInt64(args[2], out var index))
        {
            return NotIntegerError;
        }
        var list = entry.List;
        index = index < 0 ? list.Count + index : index;
        return index >= 0 && index < list.Count ? Reply.Bulk(list[(int)index]) : Reply.NullBulk;
    }

    /// <summary><see href="https://redis.io/commands/lset/"/></summary>
    internal Reply LSet(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Error(RedisErrors.NoSuchKey);
        }
        if (!ArgParser.TryParseInt64(args[2], out var index))
        {
            return NotIntegerError;
        }
        var list = entry.List;
        index = index < 0 ? list.Count + index : index;
        if (index < 0 || index >= list.Count)
        {
            return Reply.Error(RedisErrors.IndexOutOfRange);
        }
        list[(int)index] = args[3];
        return Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/lrem/"/>: count &gt; 0 from the head, &lt; 0 from the tail, 0 all.</summary>
    internal Reply LRem(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[2], out var count))
        {
            return NotIntegerError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Zero;
        }
        var list = entry.List;
        var items = list.Items().ToList();
        var fromTail = count < 0;
        var limit = count == 0 ? long.MaxValue : fromTail ? -count : count;
        long removed = 0;
        for (var n = 0; n < items.Count && removed < limit;)
        {
            var i = fromTail ? items.Count - 1 - n : n;
            if (ByteArrayComparer.Instance.Equals(items[i], args[3]))
            {
                items.RemoveAt(i);
                removed++;
            }
            else
            {
                n++;
            }
        }
        list.Reset(items);
        DeleteIfEmpty(args[1], entry, list.Count);
        return Reply.Integer(removed);
    }

    /// <summary><see href="https://redis.io/commands/linsert/"/>: the new length, or -1 when the pivot is absent.</summary>
    internal Reply LInsert(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var after = ArgParser.Is(args[2], "AFTER");
        if (!after && !ArgParser.Is(args[2], "BEFORE"))
        {
            return SyntaxError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Zero;
        }
        var items = entry.List.Items().ToList();
        var pivotValue = args[3];
        var pivot = items.FindIndex(item => ByteArrayComparer.Instance.Equals(item, pivotValue));
        if (pivot < 0)
        {
            return Reply.Integer(-1);
        }
        items.Insert(after ? pivot + 1 : pivot, args[4]);
        entry.List.Reset(items);
        return Reply.Integer(items.Count);
    }

    /// <summary><see href="https://redis.io/commands/ltrim/"/>: an empty range deletes the key.</summary>
    internal Reply LTrim(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[2], out var start) || !ArgParser.TryParseInt64(args[3], out var end))
        {
            return NotIntegerError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Ok;
        }
        var list = entry.List;
        long length = list.Count;
        start = Math.Max(0, start < 0 ? length + start : start);
        end = end < 0 ? length + end : end;
        var keep = start > end || start >= length
            ? []
            : list.Items().Skip((int)start).Take((int)(Math.Min(end, length - 1) - start + 1)).ToArray();
        list.Reset(keep);
        DeleteIfEmpty(args[1], entry, list.Count);
        return Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/lpos/"/>, with lposCommand's option checks and index reporting.</summary>
    internal Reply LPos(ReadOnlySpan<byte[]> args, long nowMs)
    {
        long rank = 1, count = -1, maxLen = 0;
        for (var j = 3; j < args.Length; j++)
        {
            var hasValue = j + 1 < args.Length;
            if (ArgParser.Is(args[j], "RANK") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out rank))
                {
                    return NotIntegerError;
                }
                if (rank == 0)
                {
                    return Reply.Error(RedisErrors.RankZero);
                }
            }
            else if (ArgParser.Is(args[j], "COUNT") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out count) || count < 0)
                {
                    return Reply.Error(RedisErrors.CountNegative);
                }
            }
            else if (ArgParser.Is(args[j], "MAXLEN") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out maxLen) || maxLen < 0)
                {
                    return Reply.Error(RedisErrors.MaxLenNegative);
                }
            }
            else
            {
                return SyntaxError;
            }
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (count != -1 ? Reply.EmptyArray : Reply.NullBulk);
        }
        var list = entry.List;
        var fromTail = rank < 0;
        // Redis negates the rank in a C long: LONG_MIN stays negative and so matches from the first hit.
        rank = unchecked(-rank) is var negated && fromTail ? negated : rank;
        var positions = new List<Reply>();
        long matches = 0;
        for (var index = 0; index < list.Count && (maxLen == 0 || index < maxLen); index++)
        {
            var position = fromTail ? list.Count - 1 - index : index;
            if (!ByteArrayComparer.Instance.Equals(list[position], args[2]) || ++matches < rank)
            {
                continue;
            }
            positions.Add(Reply.Integer(position));
            if (count == -1 || (count != 0 && matches - rank + 1 >= count))
            {
                break;
            }
        }
        if (count != -1)
        {
            return Reply.Array(positions);
        }
        return positions.Count > 0 ? positions[0] : Reply.NullBulk;
    }
}
