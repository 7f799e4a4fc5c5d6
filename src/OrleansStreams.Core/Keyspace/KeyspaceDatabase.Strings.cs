using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>String commands: <see href="https://redis.io/commands/?group=string"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private const long MaxStringLength = 512L * 1024 * 1024;

    /// <summary><see href="https://redis.io/commands/get/"/></summary>
    internal Reply Get(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        return error ?? Reply.Bulk(entry?.String);
    }

    /// <summary><see href="https://redis.io/commands/set/"/></summary>
    internal Reply Set(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var options = SetOptions.Parse(args);
        if (options is null)
        {
            return SyntaxError;
        }
        var expireAt = options.ResolveExpiry(nowMs, out var error);
        if (error is not null)
        {
            return error;
        }
        var key = args[1];
        var existing = Lookup(key, nowMs);
        if (options.Get && existing is not null && existing.Type != KeyType.String)
        {
            return WrongTypeError;
        }
        var reply = options.Get ? Reply.Bulk(existing?.String) : Reply.Ok;
        if ((options.Nx && existing is not null) || (options.Xx && existing is null))
        {
            return options.Get ? reply : Reply.NullBulk;
        }
        var keptExpiry = options.KeepTtl && existing is not null ? existing.ExpireAtMs : KeyspaceEntry.NoExpiry;
        var entry = Store(key, KeyType.String, args[2]);
        SetExpiry(key, entry, expireAt ?? keptExpiry);
        return reply;
    }

    /// <summary><see href="https://redis.io/commands/setnx/"/></summary>
    internal Reply SetNx(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (Lookup(args[1], nowMs) is not null)
        {
            return Reply.Zero;
        }
        Store(args[1], KeyType.String, args[2]);
        return Reply.One;
    }

    /// <summary><see href="https://redis.io/commands/setex/"/></summary>
    internal Reply SetEx(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var expireAt = SetOptions.ResolveExpiry(args[2], "EX", nowMs, "setex", out var error);
        if (error is not null)
        {
            return error;
        }
        var entry = Store(args[1], KeyType.String, args[3]);
        SetExpiry(args[1], entry, expireAt!.Value);
        return Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/incrby/"/> and <see href="https://redis.io/commands/decrby/"/></summary>
    internal Reply IncrBy(ReadOnlySpan<byte[]> args, long nowMs, bool negate)
    {
        if (!ArgParser.TryParseInt64(args[2], out var increment))
        {
            return NotIntegerError;
        }
        if (negate && increment == long.MinValue)
        {
            return Reply.Error(RedisErrors.DecrementOverflow);
        }
        return IncrBy(args[1], negate ? -increment : increment, nowMs);
    }

    /// <summary><see href="https://redis.io/commands/incr/"/>: the TTL survives, as Redis updates the value in place.</summary>
    internal Reply IncrBy(byte[] key, long increment, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        long value = 0;
        if (entry is not null && !ArgParser.TryParseInt64(entry.String, out value))
        {
            return NotIntegerError;
        }
        if (WouldOverflow(value, increment))
        {
            return Reply.Error(RedisErrors.Overflow);
        }
        value += increment;
        var text = ArgParser.Format(value);
        if (entry is null)
        {
            Store(key, KeyType.String, text);
        }
        else
        {
            entry.Value = text;
        }
        return Reply.Integer(value);
    }

    /// <summary><see href="https://redis.io/commands/mget/"/>: a key of another type reads as nil.</summary>
    internal Reply MGet(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var items = new Reply[args.Length - 1];
        for (var i = 1; i < args.Length; i++)
        {
            var entry = Lookup(args[i], nowMs);
            items[i - 1] = entry?.Type == KeyType.String ? Reply.Bulk(entry.String) : Reply.NullBulk;
        }
        return Reply.Array(items);
    }

    /// <summary><see href="https://redis.io/commands/mset/"/></summary>
    internal Reply MSet(ReadOnlySpan<byte[]> args)
    {
        if (args.Length % 2 == 0)
        {
            return Reply.Error(RedisErrors.WrongArity("mset"));
        }
        for (var i = 1; i < args.Length; i += 2)
        {
            Store(args[i], KeyType.String, args[i + 1]);
        }
        return Reply.Ok;
    }

    /// <summary><see href="https://redis.io/commands/append/"/></summary>
    internal Reply Append(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        if (entry is null)
        {
            Store(args[1], KeyType.String, args[2]);
            return Reply.Integer(args[2].Length);
        }
        var old = entry.String;
        if ((long)old.Length + args[2].Length > MaxStringLength)
        {
            return Reply.Error(RedisErrors.StringTooLong);
        }
        byte[] joined = [.. old, .. args[2]];
        entry.Value = joined;
        return Reply.Integer(old.Length + args[2].Length);
    }

    /// <summary><see href="https://redis.io/commands/strlen/"/></summary>
    internal Reply StrLen(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        return error ?? Reply.Integer(entry?.String.Length ?? 0);
    }

    private static bool WouldOverflow(long value, long increment) =>
        (increment < 0 && value < 0 && increment < long.MinValue - value) ||
        (increment > 0 && value > 0 && increment > long.MaxValue - value);
}
