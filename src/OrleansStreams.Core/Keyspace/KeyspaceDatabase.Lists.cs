using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>List commands: <see href="https://redis.io/commands/?group=list"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/lpush/"/> and <see href="https://redis.io/commands/rpush/"/></summary>
    internal Reply Push(ReadOnlySpan<byte[]> args, long nowMs, bool head)
    {
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null)
        {
            return error;
        }
        var list = (entry ?? Store(args[1], KeyType.List, new ListValue())).List;
        for (var i = 2; i < args.Length; i++)
        {
            if (head)
            {
                list.PushFirst(args[i]);
            }
            else
            {
                list.PushLast(args[i]);
            }
        }
        return Reply.Integer(list.Count);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/lpop/"/> and <see href="https://redis.io/commands/rpop/"/>: without a count a
    /// bulk (nil when missing); with one an array (null array when missing, empty array for a count of 0).
    /// </summary>
    internal Reply Pop(ReadOnlySpan<byte[]> args, long nowMs, bool head)
    {
        if (args.Length > 3)
        {
            return Reply.Error(RedisErrors.WrongArity(head ? "lpop" : "rpop"));
        }
        var hasCount = args.Length == 3;
        long count = 1;
        if (hasCount && (!ArgParser.TryParseInt64(args[2], out count) || count < 0))
        {
            return Reply.Error(RedisErrors.ValueOutOfRangePositive);
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? (hasCount ? Reply.NullArray : Reply.NullBulk);
        }
        var list = entry.List;
        var popped = new List<byte[]>((int)Math.Min(count, list.Count));
        while (popped.Count < count && list.Count > 0)
        {
            popped.Add(head ? list.PopFirst() : list.PopLast());
        }
        DeleteIfEmpty(args[1], entry, list.Count);
        return hasCount ? Reply.BulkArray(popped) : Reply.Bulk(popped[0]);
    }

    /// <summary><see href="https://redis.io/commands/lrange/"/></summary>
    internal Reply LRange(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[2], out var start) || !ArgParser.TryParseInt64(args[3], out var end))
        {
            return NotIntegerError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.EmptyArray;
        }
        var list = entry.List;
        long length = list.Count;
        start = start < 0 ? Math.Max(0, length + start) : start;
        end = end < 0 ? length + end : Math.Min(end, length - 1);
        if (start > end || start >= length)
        {
            return Reply.EmptyArray;
        }
        var items = new Reply[end - start + 1];
        for (var i = start; i <= end; i++)
        {
            items[i - start] = Reply.Bulk(list[(int)i]);
        }
        return Reply.Array(items);
    }

    /// <summary><see href="https://redis.io/commands/llen/"/></summary>
    internal Reply LLen(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        return error ?? Reply.Integer(entry?.List.Count ?? 0);
    }
}
