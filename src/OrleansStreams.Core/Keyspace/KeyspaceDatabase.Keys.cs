using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>Generic key commands: <see href="https://redis.io/commands/?group=generic"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/del/"/> and <see href="https://redis.io/commands/unlink/"/></summary>
    internal KeyspaceResult Del(byte[][] keys, long nowMs)
    {
        var deleted = 0;
        foreach (var key in keys)
        {
            var entry = Lookup(key, nowMs);
            if (entry is not null)
            {
                Delete(key, entry);
                deleted++;
            }
        }
        return KeyspaceResult.Count(deleted);
    }

    /// <summary><see href="https://redis.io/commands/exists/"/> and TOUCH: a key named twice counts twice.</summary>
    internal KeyspaceResult Exists(byte[][] keys, long nowMs)
    {
        var found = 0;
        foreach (var key in keys)
        {
            found += Lookup(key, nowMs) is null ? 0 : 1;
        }
        return KeyspaceResult.Count(found);
    }

    /// <summary><see href="https://redis.io/commands/keys/"/>: expired keys are skipped, not deleted, as in Redis.</summary>
    internal KeyspaceResult Keys(byte[] pattern, long nowMs)
    {
        var all = pattern is [(byte)'*'];
        return new KeyspaceResult.Values(_keys
            .Where(kv => !kv.Value.IsExpired(nowMs) && (all || Glob.IsMatch(pattern, kv.Key)))
            .Select(kv => kv.Key).ToArray());
    }

    /// <summary><see href="https://redis.io/commands/scan/"/>: see <see cref="ScanCursor"/> for the cursor's guarantees.</summary>
    internal KeyspaceResult Scan(KeyspaceOperation.Scan scan, long nowMs)
    {
        var page = ScanCursor.Page(_keys, static kv => kv.Key, scan.Cursor, scan.Count, out var next);
        var batch = page
            .Where(kv => !kv.Value.IsExpired(nowMs) && (scan.Pattern is null || Glob.IsMatch(scan.Pattern, kv.Key)))
            .Where(kv => scan.TypeName is null || ArgParser.Is(scan.TypeName, kv.Value.Type.Name()))
            .Select(kv => kv.Key);
        return new KeyspaceResult.ScanPage(next, batch.ToArray());
    }

    /// <summary>
    /// <see href="https://redis.io/commands/rename/"/> and <see href="https://redis.io/commands/renamenx/"/>: the value
    /// moves with its TTL; a stream moving is reported as <see cref="StreamRenamed"/>, a stream overwritten as
    /// <see cref="StreamDeleted"/> (first).
    /// </summary>
    internal KeyspaceResult Rename(byte[] from, byte[] to, bool nx, long nowMs)
    {
        var source = Lookup(from, nowMs);
        if (source is null)
        {
            return new KeyspaceResult.Failed(KeyspaceError.NoSuchKey);
        }
        if (ByteArrayComparer.Instance.Equals(from, to))
        {
            return nx ? KeyspaceResult.Zero : KeyspaceResult.Ok;
        }
        var target = Lookup(to, nowMs);
        if (target is not null)
        {
            if (nx)
            {
                return KeyspaceResult.Zero;
            }
            Delete(to, target);
        }
        var expireAt = source.ExpireAtMs;
        Detach(from, source);
        source.ExpireAtMs = KeyspaceEntry.NoExpiry;
        _keys[to] = source;
        SetExpiry(to, source, expireAt);
        if (source.Type == KeyType.Stream)
        {
            _effects.Add(new StreamRenamed(from, to));
        }
        return nx ? KeyspaceResult.One : KeyspaceResult.Ok;
    }

    /// <summary><see href="https://redis.io/commands/flushdb/"/>: ASYNC and SYNC behave alike.</summary>
    internal KeyspaceResult FlushDb()
    {
        Clear();
        return KeyspaceResult.Ok;
    }
}
