using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>Generic key commands: <see href="https://redis.io/commands/?group=generic"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/del/"/> and <see href="https://redis.io/commands/unlink/"/></summary>
    internal Reply Del(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var deleted = 0;
        for (var i = 1; i < args.Length; i++)
        {
            var entry = Lookup(args[i], nowMs);
            if (entry is not null)
            {
                Delete(args[i], entry);
                deleted++;
            }
        }
        return Reply.Integer(deleted);
    }

    /// <summary><see href="https://redis.io/commands/exists/"/>: a key named twice counts twice.</summary>
    internal Reply Exists(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var found = 0;
        for (var i = 1; i < args.Length; i++)
        {
            found += Lookup(args[i], nowMs) is null ? 0 : 1;
        }
        return Reply.Integer(found);
    }

    /// <summary><see href="https://redis.io/commands/type/"/></summary>
    internal Reply Type(ReadOnlySpan<byte[]> args, long nowMs) => Reply.Simple(TypeOf(args[1], nowMs));

    /// <summary><see href="https://redis.io/commands/keys/"/>: expired keys are skipped, not deleted, as in Redis.</summary>
    internal Reply Keys(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var pattern = args[1];
        var all = pattern is [(byte)'*'];
        return Reply.BulkArray(_keys
            .Where(kv => !kv.Value.IsExpired(nowMs) && (all || Glob.IsMatch(pattern, kv.Key)))
            .Select(kv => kv.Key));
    }

    /// <summary><see href="https://redis.io/commands/scan/"/>: see <see cref="ScanCursor"/> for the cursor's guarantees.</summary>
    internal Reply Scan(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseCursor(args[1], out var cursor))
        {
            return Reply.Error(RedisErrors.InvalidCursor);
        }
        var options = ScanOptions.Parse(args, 2, allowType: true, out var error);
        if (options is null)
        {
            return error!;
        }
        var page = ScanCursor.Page(_keys, static kv => kv.Key, cursor, options.Count, out var next);
        var batch = page
            .Where(kv => !kv.Value.IsExpired(nowMs) && options.Matches(kv.Key))
            .Where(kv => options.TypeName is null || ArgParser.Is(options.TypeName, kv.Value.Type.Name()))
            .Select(kv => kv.Key);
        return ScanCursor.ToReply(next, batch);
    }

    /// <summary><see href="https://redis.io/commands/dbsize/"/>: counts expired keys not yet reaped, as Redis does.</summary>
    internal Reply DbSize() => Reply.Integer(Count);

    /// <summary>
    /// <see href="https://redis.io/commands/rename/"/> and <see href="https://redis.io/commands/renamenx/"/>: the value
    /// moves with its TTL; a stream moving is reported as <see cref="StreamRenamed"/>, a stream overwritten as
    /// <see cref="StreamDeleted"/> (first).
    /// </summary>
    internal Reply Rename(ReadOnlySpan<byte[]> args, long nowMs, bool nx)
    {
        var (from, to) = (args[1], args[2]);
        var source = Lookup(from, nowMs);
        if (source is null)
        {
            return Reply.Error(RedisErrors.NoSuchKey);
        }
        if (ByteArrayComparer.Instance.Equals(from, to))
        {
            return nx ? Reply.Zero : Reply.Ok;
        }
        var target = Lookup(to, nowMs);
        if (target is not null)
        {
            if (nx)
            {
                return Reply.Zero;
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
        return nx ? Reply.One : Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/flushdb/"/>: ASYNC and SYNC are accepted and behave alike.</summary>
    internal Reply FlushDb(ReadOnlySpan<byte[]> args)
    {
        if (args.Length > 2 || (args.Length == 2 && !ArgParser.Is(args[1], "ASYNC") && !ArgParser.Is(args[1], "SYNC")))
        {
            return SyntaxError;
        }
        Clear();
        return Reply.Ok;
    }
}
