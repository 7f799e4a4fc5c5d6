using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>Hash commands: <see href="https://redis.io/commands/?group=hash"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult EmptyScan = new KeyspaceResult.ScanPage(0, []);
    private static readonly KeyspaceResult NoValues = new KeyspaceResult.Values([]);

    /// <summary><see href="https://redis.io/commands/hset/"/> and <see href="https://redis.io/commands/hmset/"/>.</summary>
    internal KeyspaceResult HSet(byte[] key, byte[][] fieldsAndValues, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var hash = (entry ?? Store(key, KeyType.Hash, new HashValue())).Hash;
        var added = 0;
        for (var i = 0; i + 1 < fieldsAndValues.Length; i += 2)
        {
            added += hash.Set(fieldsAndValues[i], fieldsAndValues[i + 1]) ? 1 : 0;
        }
        return KeyspaceResult.Count(added);
    }

    /// <summary><see href="https://redis.io/commands/hsetnx/"/></summary>
    internal KeyspaceResult HSetNx(byte[] key, byte[] field, byte[] value, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        if (entry is not null && entry.Hash.Fields.ContainsKey(field))
        {
            return KeyspaceResult.Zero;
        }
        (entry ?? Store(key, KeyType.Hash, new HashValue())).Hash.Set(field, value);
        return KeyspaceResult.One;
    }

    /// <summary><see href="https://redis.io/commands/hget/"/></summary>
    internal KeyspaceResult HGet(byte[] key, byte[] field, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? KeyspaceResult.ValueOrNil(entry?.Hash.Fields.GetValueOrDefault(field));
    }

    /// <summary><see href="https://redis.io/commands/hmget/"/></summary>
    internal KeyspaceResult HMGet(byte[] key, byte[][] fields, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var items = new byte[]?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            items[i] = entry?.Hash.Fields.GetValueOrDefault(fields[i]);
        }
        return new KeyspaceResult.Values(items);
    }

    /// <summary><see href="https://redis.io/commands/hgetall/"/>: fields and values interleaved.</summary>
    internal KeyspaceResult HGetAll(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var fields = entry?.Hash.Fields ?? [];
        return new KeyspaceResult.Values(fields.SelectMany(kv => new[] { kv.Key, kv.Value }).ToArray());
    }

    /// <summary><see href="https://redis.io/commands/hdel/"/></summary>
    internal KeyspaceResult HDel(byte[] key, byte[][] fields, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Zero;
        }
        var removed = 0;
        foreach (var field in fields)
        {
            removed += entry.Hash.Fields.Remove(field) ? 1 : 0;
        }
        DeleteIfEmpty(key, entry, entry.Hash.Count);
        return KeyspaceResult.Count(removed);
    }

    /// <summary><see href="https://redis.io/commands/hlen/"/></summary>
    internal KeyspaceResult HLen(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? KeyspaceResult.Count(entry?.Hash.Count ?? 0);
    }

    /// <summary><see href="https://redis.io/commands/hkeys/"/></summary>
    internal KeyspaceResult HKeys(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? (entry is null ? NoValues : new KeyspaceResult.Values([.. entry.Hash.Fields.Keys]));
    }

    /// <summary><see href="https://redis.io/commands/hvals/"/></summary>
    internal KeyspaceResult HVals(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? (entry is null ? NoValues : new KeyspaceResult.Values([.. entry.Hash.Fields.Values]));
    }

    /// <summary><see href="https://redis.io/commands/hexists/"/></summary>
    internal KeyspaceResult HExists(byte[] key, byte[] field, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? (entry is not null && entry.Hash.Fields.ContainsKey(field) ? KeyspaceResult.One : KeyspaceResult.Zero);
    }

    /// <summary><see href="https://redis.io/commands/hincrby/"/></summary>
    internal KeyspaceResult HIncrBy(byte[] key, byte[] field, long increment, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        long value = 0;
        if (entry is not null && entry.Hash.Fields.TryGetValue(field, out var old) && !ArgParser.TryParseInt64(old, out value))
        {
            return new KeyspaceResult.Failed(KeyspaceError.HashValueNotInteger);
        }
        if (WouldOverflow(value, increment))
        {
            return new KeyspaceResult.Failed(KeyspaceError.Overflow);
        }
        value += increment;
        (entry ?? Store(key, KeyType.Hash, new HashValue())).Hash.Set(field, ArgParser.Format(value));
        return KeyspaceResult.Count(value);
    }

    /// <summary><see href="https://redis.io/commands/hstrlen/"/></summary>
    internal KeyspaceResult HStrLen(byte[] key, byte[] field, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        return error ?? KeyspaceResult.Count(entry?.Hash.Fields.GetValueOrDefault(field)?.Length ?? 0);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/hscan/"/>: a hash Redis holds as a listpack comes back whole with cursor 0,
    /// COUNT notwithstanding; a larger one is paged by <see cref="ScanCursor"/>.
    /// </summary>
    internal KeyspaceResult HScan(KeyspaceOperation.HScan scan, long nowMs)
    {
        var entry = Lookup(scan.Key, nowMs, KeyType.Hash, out var error);
        if (error is not null || entry is null)
        {
            return error ?? EmptyScan;
        }
        var hash = entry.Hash;
        ulong next = 0;
        var batch = hash.IsCompact
            ? [.. hash.Fields]
            : ScanCursor.Page(hash.Fields, static kv => kv.Key, scan.Cursor, scan.Count, out next);
        var flat = batch.Where(kv => scan.Pattern is null || Glob.IsMatch(scan.Pattern, kv.Key)).SelectMany(kv => new[] { kv.Key, kv.Value });
        return new KeyspaceResult.ScanPage(next, flat.ToArray());
    }
}
