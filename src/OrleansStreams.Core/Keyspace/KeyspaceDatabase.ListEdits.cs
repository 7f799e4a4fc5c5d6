namespace OrleansStreams.Keyspace;

/// <summary>List commands that read or change elements by index or value.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult NoIntegers = new KeyspaceResult.Integers([]);

    /// <summary><see href="https://redis.io/commands/lindex/"/>: Redis looks the key up before it parses the index (the gateway probes).</summary>
    internal KeyspaceResult LIndex(byte[] key, long index, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Nothing;
        }
        var list = entry.List;
        index = index < 0 ? list.Count + index : index;
        return index >= 0 && index < list.Count ? new KeyspaceResult.Value(list[(int)index]) : KeyspaceResult.Nothing;
    }

    /// <summary><see href="https://redis.io/commands/lset/"/></summary>
    internal KeyspaceResult LSet(byte[] key, long index, byte[] value, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? new KeyspaceResult.Failed(KeyspaceError.NoSuchKey);
        }
        var list = entry.List;
        index = index < 0 ? list.Count + index : index;
        if (index < 0 || index >= list.Count)
        {
            return new KeyspaceResult.Failed(KeyspaceError.IndexOutOfRange);
        }
        list[(int)index] = value;
        return KeyspaceResult.Ok;
    }

    /// <summary><see href="https://redis.io/commands/lrem/"/>: count &gt; 0 from the head, &lt; 0 from the tail, 0 all.</summary>
    internal KeyspaceResult LRem(byte[] key, long count, byte[] element, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Zero;
        }
        var list = entry.List;
        var items = list.Items().ToList();
        var fromTail = count < 0;
        var limit = count == 0 ? long.MaxValue : fromTail ? -count : count;
        long removed = 0;
        for (var n = 0; n < items.Count && removed < limit;)
        {
            var i = fromTail ? items.Count - 1 - n : n;
            if (ByteArrayComparer.Instance.Equals(items[i], element))
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
        DeleteIfEmpty(key, entry, list.Count);
        return KeyspaceResult.Count(removed);
    }

    /// <summary><see href="https://redis.io/commands/linsert/"/>: the new length, or -1 when the pivot is absent.</summary>
    internal KeyspaceResult LInsert(byte[] key, bool after, byte[] pivotValue, byte[] element, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Zero;
        }
        var items = entry.List.Items().ToList();
        var pivot = items.FindIndex(item => ByteArrayComparer.Instance.Equals(item, pivotValue));
        if (pivot < 0)
        {
            return KeyspaceResult.Count(-1);
        }
        items.Insert(after ? pivot + 1 : pivot, element);
        entry.List.Reset(items);
        return KeyspaceResult.Count(items.Count);
    }

    /// <summary><see href="https://redis.io/commands/ltrim/"/>: an empty range deletes the key.</summary>
    internal KeyspaceResult LTrim(byte[] key, long start, long end, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Ok;
        }
        var list = entry.List;
        long length = list.Count;
        start = Math.Max(0, start < 0 ? length + start : start);
        end = end < 0 ? length + end : end;
        var keep = start > end || start >= length
            ? []
            : list.Items().Skip((int)start).Take((int)(Math.Min(end, length - 1) - start + 1)).ToArray();
        list.Reset(keep);
        DeleteIfEmpty(key, entry, list.Count);
        return KeyspaceResult.Ok;
    }

    /// <summary><see href="https://redis.io/commands/lpos/"/>, with lposCommand's option checks and index reporting.</summary>
    internal KeyspaceResult LPos(KeyspaceOperation.LPos lpos, long nowMs)
    {
        var (rank, count, maxLen) = (lpos.Rank, lpos.Count ?? -1, lpos.MaxLength);
        var entry = Lookup(lpos.Key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (count != -1 ? NoIntegers : KeyspaceResult.Nothing);
        }
        var list = entry.List;
        var fromTail = rank < 0;
        // Redis negates the rank in a C long: LONG_MIN stays negative and so matches from the first hit.
        rank = unchecked(-rank) is var negated && fromTail ? negated : rank;
        var positions = new List<long>();
        long matches = 0;
        for (var index = 0; index < list.Count && (maxLen == 0 || index < maxLen); index++)
        {
            var position = fromTail ? list.Count - 1 - index : index;
            if (!ByteArrayComparer.Instance.Equals(list[position], lpos.Element) || ++matches < rank)
            {
                continue;
            }
            positions.Add(position);
            if (count == -1 || (count != 0 && matches - rank + 1 >= count))
            {
                break;
            }
        }
        if (count != -1)
        {
            return new KeyspaceResult.Integers([.. positions]);
        }
        return positions.Count > 0 ? KeyspaceResult.Count(positions[0]) : KeyspaceResult.Nothing;
    }
}
