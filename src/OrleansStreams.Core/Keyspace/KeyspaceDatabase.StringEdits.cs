using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>String commands that read and replace in one step, or edit part of a value.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/getset/"/>: the new value drops the TTL, as SET does.</summary>
    internal Reply GetSet(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        var old = entry?.String;
        Store(args[1], KeyType.String, args[2]);
        return Reply.Bulk(old);
    }

    /// <summary><see href="https://redis.io/commands/getdel/"/></summary>
    internal Reply GetDel(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.NullBulk;
        }
        Delete(args[1], entry);
        return Reply.Bulk(entry.String);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/getex/"/>: options are checked first, the expire time only once the key is
    /// known to be a string (so a bad time on a missing key is nil); EXAT / PXAT in the past delete the key.
    /// </summary>
    internal Reply GetEx(ReadOnlySpan<byte[]> args, long nowMs)
    {
        string? kind = null;
        byte[]? when = null;
        var persist = false;
        for (var j = 2; j < args.Length; j++)
        {
            var optionKind = SetOptions.ExpireKindOf(args[j]);
            if (optionKind is not null && j + 1 < args.Length && !persist && (kind is null || kind == optionKind))
            {
                kind = optionKind;
                when = args[++j];
            }
            else if (ArgParser.Is(args[j], "PERSIST") && kind is null)
            {
                persist = true;
            }
            else
            {
                return SyntaxError;
            }
        }
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.NullBulk;
        }
        var expireAt = when is null ? null : SetOptions.ResolveExpiry(when, kind!, nowMs, "getex", out error);
        if (error is not null)
        {
            return error;
        }
        var reply = Reply.Bulk(entry.String);
        if (expireAt is { } at && kind is "EXAT" or "PXAT" && at <= nowMs)
        {
            Delete(args[1], entry);
        }
        else if (expireAt is not null || persist)
        {
            SetExpiry(args[1], entry, expireAt ?? KeyspaceEntry.NoExpiry);
        }
        return reply;
    }

    /// <summary><see href="https://redis.io/commands/msetnx/"/>: all or nothing; a key of any type blocks it.</summary>
    internal Reply MSetNx(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (args.Length % 2 == 0)
        {
            return Reply.Error(RedisErrors.WrongArity("msetnx"));
        }
        for (var i = 1; i < args.Length; i += 2)
        {
            if (Lookup(args[i], nowMs) is not null)
            {
                return Reply.Zero;
            }
        }
        for (var i = 1; i < args.Length; i += 2)
        {
            Store(args[i], KeyType.String, args[i + 1]);
        }
        return Reply.One;
    }

    /// <summary><see href="https://redis.io/commands/getrange/"/>, with getrangeCommand's clamping.</summary>
    internal Reply GetRange(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[2], out var start) || !ArgParser.TryParseInt64(args[3], out var end))
        {
            return NotIntegerError;
        }
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? EmptyBulk;
        }
        var value = entry.String;
        long length = value.Length;
        if (start < 0 && end < 0 && start > end)
        {
            return EmptyBulk;
        }
        start = Math.Max(0, start < 0 ? length + start : start);
        end = Math.Max(0, end < 0 ? length + end : end);
        end = Math.Min(end, length - 1);
        return start > end || length == 0 ? EmptyBulk : Reply.Bulk(value[(int)start..(int)(end + 1)]);
    }

    /// <summary><see href="https://redis.io/commands/setrange/"/>: zero-pads; an empty value changes nothing.</summary>
    internal Reply SetRange(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!ArgParser.TryParseInt64(args[2], out var offset))
        {
            return NotIntegerError;
        }
        if (offset < 0)
        {
            return Reply.Error(RedisErrors.OffsetOutOfRange);
        }
        var patch = args[3];
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        if (patch.Length == 0)
        {
            return Reply.Integer(entry?.String.Length ?? 0);
        }
        if (offset + patch.Length > MaxStringLength)
        {
            return Reply.Error(RedisErrors.StringTooLong);
        }
        var old = entry?.String ?? [];
        var value = new byte[Math.Max(old.Length, offset + patch.Length)];
        old.CopyTo(value, 0);
        patch.CopyTo(value, offset);
        if (entry is null)
        {
            Store(args[1], KeyType.String, value);
        }
        else
        {
            entry.Value = value;
        }
        return Reply.Integer(value.Length);
    }

    private static readonly Reply EmptyBulk = Reply.Bulk([]);
}
