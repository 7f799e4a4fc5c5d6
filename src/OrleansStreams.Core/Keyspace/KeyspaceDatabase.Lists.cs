namespace OrleansStreams.Keyspace;

/// <summary>List commands: <see href="https://redis.io/commands/?group=list"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// <see href="https://redis.io/commands/lpush/"/>, <see href="https://redis.io/commands/rpush/"/>, and with
    /// <paramref name="onlyIfExists"/> LPUSHX / RPUSHX (0 and no key when missing).
    /// </summary>
    internal KeyspaceResult Push(byte[] key, byte[][] values, bool head, bool onlyIfExists, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null)
        {
            return error;
        }
        if (entry is null && onlyIfExists)
        {
            return KeyspaceResult.Zero;
        }
        var list = (entry ?? Store(key, KeyType.List, new ListValue())).List;
        foreach (var value in values)
        {
            if (head)
            {
                list.PushFirst(value);
            }
            else
            {
                list.PushLast(value);
            }
        }
        return KeyspaceResult.Count(list.Count);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/lpop/"/> and <see href="https://redis.io/commands/rpop/"/>: without a count one
    /// element (nil when missing); with one a list (nil when missing, empty for a count of 0).
    /// </summary>
    internal KeyspaceResult Pop(byte[] key, bool head, long? countGiven, long nowMs)
    {
        var count = countGiven ?? 1;
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Nothing;
        }
        var list = entry.List;
        var popped = new List<byte[]>((int)Math.Min(count, list.Count));
        while (popped.Count < count && list.Count > 0)
        {
            popped.Add(head ? list.PopFirst() : list.PopLast());
        }
        DeleteIfEmpty(key, entry, list.Count);
        return countGiven is null ? new KeyspaceResult.Value(popped[0]) : new KeyspaceResult.Values([.. popped]);
    }

    /// <summary><see href="https://redis.io/commands/lrange/"/></summary>
    internal KeyspaceResult LRange(byte[] key, long start, long end, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? NoValues;
        }
        var list = entry.List;
        long length = list.Count;
        start = start < 0 ? Math.Max(0, length + start) : start;
        end = end < 0 ? length + end : Math.Min(end, length - 1);
        if (start > end || start >= length)
        {
            return NoValues;
        }
        var items = new byte[]?[end - start + 1];
        for (var i = start; i <= end; i++)
        {
            items[i - start] = list[(int)i];
        }
        return new KeyspaceResult.Values(items);
    }

    /// <summary><see href="https://redis.io/commands/llen/"/></summary>
    internal KeyspaceResult LLen(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.List, out var error);
        return error ?? KeyspaceResult.Count(entry?.List.Count ?? 0);
    }
}
