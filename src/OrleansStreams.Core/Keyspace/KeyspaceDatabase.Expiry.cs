namespace OrleansStreams.Keyspace;

/// <summary>TTL commands and active expiry: <see href="https://redis.io/commands/expire/"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult InvalidExpireTime = new KeyspaceResult.Failed(KeyspaceError.InvalidExpireTime);

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
    /// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX / XX / GT / LT, in the order Redis' expireGenericCommand checks
    /// (the gateway checked the options and the number): overflow, the key, the condition; a time already past
    /// deletes the key.
    /// </summary>
    internal KeyspaceResult Expire(KeyspaceOperation.Expire expire, long nowMs)
    {
        var when = expire.Time;
        var baseMs = expire.Absolute ? 0 : nowMs;
        if (expire.Seconds && (when > long.MaxValue / 1000 || when < long.MinValue / 1000))
        {
            return InvalidExpireTime;
        }
        when = expire.Seconds ? when * 1000 : when;
        if (when > long.MaxValue - baseMs)
        {
            return InvalidExpireTime;
        }
        when += baseMs;
        var entry = Lookup(expire.Key, nowMs);
        if (entry is null || !Allows(expire.Condition, entry.ExpireAtMs, when))
        {
            return KeyspaceResult.Zero;
        }
        if (when <= nowMs)
        {
            Delete(expire.Key, entry);
        }
        else
        {
            SetExpiry(expire.Key, entry, when);
        }
        return KeyspaceResult.One;
    }

    /// <summary>
    /// <see href="https://redis.io/commands/ttl/"/>, <see href="https://redis.io/commands/pttl/"/>,
    /// <see href="https://redis.io/commands/expiretime/"/> and <see href="https://redis.io/commands/pexpiretime/"/>
    /// (<paramref name="absolute"/>): -2 missing, -1 no TTL; seconds are rounded to nearest, as Redis does.
    /// </summary>
    internal KeyspaceResult Ttl(byte[] key, long nowMs, bool milliseconds, bool absolute)
    {
        var entry = Lookup(key, nowMs);
        if (entry is null)
        {
            return KeyspaceResult.Count(-2);
        }
        if (!entry.HasExpiry)
        {
            return KeyspaceResult.Count(-1);
        }
        var ttl = Math.Max(0, absolute ? entry.ExpireAtMs : entry.ExpireAtMs - nowMs);
        return KeyspaceResult.Count(milliseconds ? ttl : (ttl + 500) / 1000);
    }

    /// <summary><see href="https://redis.io/commands/persist/"/></summary>
    internal KeyspaceResult Persist(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs);
        if (entry is null || !entry.HasExpiry)
        {
            return KeyspaceResult.Zero;
        }
        SetExpiry(key, entry, KeyspaceEntry.NoExpiry);
        return KeyspaceResult.One;
    }

    /// <summary>
    /// Redis' getExpireMillisecondsOrReply for SET, SETEX and GETEX: positive, no overflow, relative kinds added to
    /// now; null when invalid (InvalidExpireTime).
    /// </summary>
    private static long? ResolveExpiry(Expiry expiry, long nowMs)
    {
        var seconds = expiry.Kind is ExpiryKind.Seconds or ExpiryKind.UnixSeconds;
        var relative = expiry.Kind is ExpiryKind.Seconds or ExpiryKind.Milliseconds;
        var value = expiry.Value;
        if (value <= 0 || (seconds && value > long.MaxValue / 1000))
        {
            return null;
        }
        var ms = seconds ? value * 1000 : value;
        if (relative && ms > long.MaxValue - nowMs)
        {
            return null;
        }
        return relative ? ms + nowMs : ms;
    }

    /// <summary>Whether a key whose expiry is <paramref name="currentMs"/> (-1: none) may get <paramref name="whenMs"/>.</summary>
    private static bool Allows(ExpireCondition condition, long currentMs, long whenMs)
    {
        var persistent = currentMs == KeyspaceEntry.NoExpiry;
        return !(condition.HasFlag(ExpireCondition.Nx) && !persistent)
            && !(condition.HasFlag(ExpireCondition.Xx) && persistent)
            && !(condition.HasFlag(ExpireCondition.Gt) && (persistent || whenMs <= currentMs))
            && !(condition.HasFlag(ExpireCondition.Lt) && !persistent && whenMs >= currentMs);
    }

    /// <summary>Sets or clears (<see cref="KeyspaceEntry.NoExpiry"/>) a key's expiry, keeping the index in step.</summary>
    private void SetExpiry(byte[] key, KeyspaceEntry entry, long expireAtMs)
    {
        var changed = entry.ExpireAtMs != expireAtMs;
        if (entry.HasExpiry)
        {
            _expiries.Remove(key, entry.ExpireAtMs);
        }
        entry.ExpireAtMs = expireAtMs;
        if (entry.HasExpiry)
        {
            _expiries.Add(key, expireAtMs);
        }
        if (changed && entry.Type == KeyType.Stream)
        {
            _effects.Add(new StreamExpiry(key, entry.HasExpiry ? expireAtMs : null));
        }
    }

    /// <summary>The key's expiry in Unix ms, null when it has none or does not exist.</summary>
    public long? ExpiryOf(byte[] key, long nowMs) => Lookup(key, nowMs) is { HasExpiry: true } entry ? entry.ExpireAtMs : null;
}
