using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>Hash commands: <see href="https://redis.io/commands/?group=hash"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly Reply EmptyScan = ScanCursor.ToReply(0, []);

    /// <summary><see href="https://redis.io/commands/hset/"/> and <see href="https://redis.io/commands/hmset/"/> (which replies OK).</summary>
    internal Reply HSet(ReadOnlySpan<byte[]> args, long nowMs, string command)
    {
        if (args.Length % 2 == 1)
        {
            return Reply.Error(RedisErrors.WrongArity(command));
        }
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var hash = (entry ?? Store(args[1], KeyType.Hash, new HashValue())).Hash;
        var added = 0;
        for (var i = 2; i < args.Length; i += 2)
        {
            added += hash.Set(args[i], args[i + 1]) ? 1 : 0;
        }
        return command == "hset" ? Reply.Integer(added) : Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/hsetnx/"/></summary>
    internal Reply HSetNx(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        if (entry is not null && entry.Hash.Fields.ContainsKey(args[2]))
        {
            return Reply.Zero;
        }
        (entry ?? Store(args[1], KeyType.Hash, new HashValue())).Hash.Set(args[2], args[3]);
        return Reply.One;
    }

    /// <summary><see href="https://redis.io/commands/hget/"/></summary>
    internal Reply HGet(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.Bulk(entry?.Hash.Fields.GetValueOrDefault(args[2]));
    }

    /// <summary><see href="https://redis.io/commands/hmget/"/></summary>
    internal Reply HMGet(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var items = new Reply[args.Length - 2];
        for (var i = 2; i < args.Length; i++)
        {
            items[i - 2] = Reply.Bulk(entry?.Hash.Fields.GetValueOrDefault(args[i]));
        }
        return Reply.Array(items);
    }

    /// <summary><see href="https://redis.io/commands/hgetall/"/>: a map (flattened to an array for RESP2).</summary>
    internal Reply HGetAll(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var fields = entry?.Hash.Fields ?? [];
        return Reply.Map(fields.SelectMany(kv => new[] { Reply.Bulk(kv.Key), Reply.Bulk(kv.Value) }).ToArray());
    }

    /// <summary><see href="https://redis.io/commands/hdel/"/></summary>
    internal Reply HDel(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Zero;
        }
        var removed = 0;
        for (var i = 2; i < args.Length; i++)
        {
            removed += entry.Hash.Fields.Remove(args[i]) ? 1 : 0;
        }
        DeleteIfEmpty(args[1], entry, entry.Hash.Count);
        return Reply.Integer(removed);
    }

    /// <summary><see href="https://redis.io/commands/hlen/"/></summary>
    internal Reply HLen(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.Integer(entry?.Hash.Count ?? 0);
    }

    /// <summary><see href="https://redis.io/commands/hkeys/"/></summary>
    internal Reply HKeys(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.BulkArray(entry?.Hash.Fields.Keys ?? (IEnumerable<byte[]>)[]);
    }

    /// <summary><see href="https://redis.io/commands/hvals/"/></summary>
    internal Reply HVals(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.BulkArray(entry?.Hash.Fields.Values ?? (IEnumerable<byte[]>)[]);
    }

    /// <summary><see href="https://redis.io/commands/hexists/"/></summary>
    internal Reply HExists(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.Integer(entry is not null && entry.Hash.Fields.ContainsKey(args[2]) ? 1 : 0);
    }

    /// <summary><see href="https://redis.io/commands/hincrby/"/></summary>
    internal Reply HIncrBy(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[3], out var increment))
        {
            return NotIntegerError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        long value = 0;
        if (entry is not null && entry.Hash.Fields.TryGetValue(args[2], out var old) && !ArgParser.TryParseInt64(old, out value))
        {
            return Reply.Error(RedisErrors.HashValueNotInteger);
        }
        if (WouldOverflow(value, increment))
        {
            return Reply.Error(RedisErrors.Overflow);
        }
        value += increment;
        (entry ?? Store(args[1], KeyType.Hash, new HashValue())).Hash.Set(args[2], ArgParser.Format(value));
        return Reply.Integer(value);
    }

    /// <summary><see href="https://redis.io/commands/hstrlen/"/></summary>
    internal Reply HStrLen(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        return error ?? Reply.Integer(entry?.Hash.Fields.GetValueOrDefault(args[2])?.Length ?? 0);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/hscan/"/>: a hash Redis holds as a listpack comes back whole with cursor 0,
    /// COUNT notwithstanding; a larger one is paged by <see cref="ScanCursor"/>.
    /// </summary>
    internal Reply HScan(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseCursor(args[2], out var cursor))
        {
            return Reply.Error(RedisErrors.InvalidCursor);
        }
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? EmptyScan;
        }
        var options = ScanOptions.Parse(args, 3, allowType: false, out error);
        if (options is null)
        {
            return error!;
        }
        var hash = entry.Hash;
        ulong next = 0;
        var batch = hash.IsCompact
            ? [.. hash.Fields]
            : ScanCursor.Page(hash.Fields, static kv => kv.Key, cursor, options.Count, out next);
        var flat = batch.Where(kv => options.Matches(kv.Key)).SelectMany(kv => new[] { kv.Key, kv.Value });
        return ScanCursor.ToReply(next, flat);
    }
}
