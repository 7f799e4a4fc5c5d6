using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>TTL commands and active expiry: <see href="https://redis.io/commands/expire/"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>The earliest expiry time of any key, for the caller's active-expiry timer; null when no key has a TTL.</summary>
    public long? NextExpiryMs => _expiries.EarliestMs;

    /// <summary>Deletes up to <paramref name="max"/> keys that have expired by <paramref name="nowMs"/>; returns how many.</summary>
    public int ReapExpired(long nowMs, int max)
    {
        var due = _expiries.Due(nowMs, max);
        foreach (var key in due)
        {
            Delete(key, _keys[key]);
        }
        return due.Count;
    }

    /// <summary>
    /// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX / XX / GT / LT, in the order Redis' expireGenericCommand checks:
    /// options, the number, overflow, the key, the condition; a time already past deletes the key.
    /// </summary>
    internal Reply Expire(ReadOnlySpan<byte[]> args, long nowMs, long baseMs, bool seconds)
    {
        var command = ArgParser.Text(args[0]).ToLowerInvariant();
        var condition = ExpireCondition.Parse(args[3..], out var error);
        if (error is not null)
        {
            return error;
        }
        if (!ArgParser.TryParseInt64(args[2], out var when))
        {
            return NotIntegerError;
        }
        if (seconds && (when > long.MaxValue / 1000 || when < long.MinValue / 1000))
        {
            return Reply.Error(RedisErrors.InvalidExpireTime(command));
        }
        when = seconds ? when * 1000 : when;
        if (when > long.MaxValue - baseMs)
        {
            return Reply.Error(RedisErrors.InvalidExpireTime(command));
        }
        when += baseMs;
        var entry = Lookup(args[1], nowMs);
        if (entry is null || !condition.Allows(entry.ExpireAtMs, when))
        {
            return Reply.Zero;
        }
        if (when <= nowMs)
        {
            Delete(args[1], entry);
        }
        else
        {
            SetExpiry(args[1], entry, when);
        }
        return Reply.One;
    }

    /// <summary>
    /// <see href="https://redis.io/commands/ttl/"/>, <see href="https://redis.io/commands/pttl/"/>,
    /// <see href="https://redis.io/commands/expiretime/"/> and <see href="https://redis.io/commands/pexpiretime/"/>
    /// (<paramref name="absolute"/>): -2 missing, -1 no TTL; seconds are rounded to nearest, as Redis does.
    /// </summary>
    internal Reply Ttl(ReadOnlySpan<byte[]> args, long nowMs, bool milliseconds, bool absolute = false)
    {
        var entry = Lookup(args[1], nowMs);
        if (entry is null)
        {
            return Reply.Integer(-2);
        }
        if (!entry.HasExpiry)
        {
            return Reply.Integer(-1);
        }
        var ttl = Math.Max(0, absolute ? entry.ExpireAtMs : entry.ExpireAtMs - nowMs);
        return Reply.Integer(milliseconds ? ttl : (ttl + 500) / 1000);
    }

    /// <summary><see href="https://redis.io/commands/persist/"/></summary>
    internal Reply Persist(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs);
        if (entry is null || !entry.HasExpiry)
        {
            return Reply.Zero;
        }
        SetExpiry(args[1], entry, KeyspaceEntry.NoExpiry);
        return Reply.One;
    }

    /// <summary>Sets or clears (<see cref="KeyspaceEntry.NoExpiry"/>) a key's expiry, keeping the index in step.</summary>
    private void SetExpiry(byte[] key, KeyspaceEntry entry, long expireAtMs)
    {
        if (entry.HasExpiry)
        {
            _expiries.Remove(key, entry.ExpireAtMs);
        }
        entry.ExpireAtMs = expireAtMs;
        if (entry.HasExpiry)
        {
            _expiries.Add(key, expireAtMs);
        }
    }
}
