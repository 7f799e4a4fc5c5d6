using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>String commands: <see href="https://redis.io/commands/?group=string"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    private const long MaxStringLength = 512L * 1024 * 1024;

    private static readonly KeyspaceResult StringTooLong = new KeyspaceResult.Failed(KeyspaceError.StringTooLong);

    /// <summary><see href="https://redis.io/commands/get/"/></summary>
    internal KeyspaceResult Get(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        return error ?? KeyspaceResult.ValueOrNil(entry?.String);
    }

    /// <summary><see href="https://redis.io/commands/set/"/></summary>
    internal KeyspaceResult Set(KeyspaceOperation.Set set, long nowMs)
    {
        long? expireAt = null;
        if (set.Expiry is { } expiry && (expireAt = ResolveExpiry(expiry, nowMs)) is null)
        {
            return InvalidExpireTime;
        }
        var key = set.Key;
        var existing = Lookup(key, nowMs);
        if (set.ReturnOld && existing is not null && existing.Type != KeyType.String)
        {
            return WrongTypeError;
        }
        var result = set.ReturnOld ? KeyspaceResult.ValueOrNil(existing?.String) : KeyspaceResult.Ok;
        if ((set.Condition == SetCondition.IfMissing && existing is not null) || (set.Condition == SetCondition.IfExists && existing is null))
        {
            return set.ReturnOld ? result : KeyspaceResult.Nothing;
        }
        var keptExpiry = set.KeepTtl && existing is not null ? existing.ExpireAtMs : KeyspaceEntry.NoExpiry;
        var entry = Store(key, KeyType.String, set.Value);
        SetExpiry(key, entry, expireAt ?? keptExpiry);
        return result;
    }

    /// <summary><see href="https://redis.io/commands/setnx/"/></summary>
    internal KeyspaceResult SetNx(byte[] key, byte[] value, long nowMs)
    {
        if (Lookup(key, nowMs) is not null)
        {
            return KeyspaceResult.Zero;
        }
        Store(key, KeyType.String, value);
        return KeyspaceResult.One;
    }

    /// <summary><see href="https://redis.io/commands/setex/"/></summary>
    internal KeyspaceResult SetEx(byte[] key, long seconds, byte[] value, long nowMs)
    {
        if (ResolveExpiry(new Expiry(ExpiryKind.Seconds, seconds), nowMs) is not { } expireAt)
        {
            return InvalidExpireTime;
        }
        var entry = Store(key, KeyType.String, value);
        SetExpiry(key, entry, expireAt);
        return KeyspaceResult.Ok;
    }

    /// <summary>
    /// <see href="https://redis.io/commands/incr/"/>, DECR, INCRBY, DECRBY: the TTL survives, as Redis updates the
    /// value in place.
    /// </summary>
    internal KeyspaceResult IncrBy(byte[] key, long increment, long nowMs)
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
            return new KeyspaceResult.Failed(KeyspaceError.Overflow);
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
        return KeyspaceResult.Count(value);
    }

    /// <summary><see href="https://redis.io/commands/mget/"/>: a key of another type reads as nil.</summary>
    internal KeyspaceResult MGet(byte[][] keys, long nowMs)
    {
        var items = new byte[]?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var entry = Lookup(keys[i], nowMs);
            items[i] = entry?.Type == KeyType.String ? entry.String : null;
        }
        return new KeyspaceResult.Values(items);
    }

    /// <summary><see href="https://redis.io/commands/mset/"/></summary>
    internal KeyspaceResult MSet(byte[][] keysAndValues)
    {
        for (var i = 0; i + 1 < keysAndValues.Length; i += 2)
        {
            Store(keysAndValues[i], KeyType.String, keysAndValues[i + 1]);
        }
        return KeyspaceResult.Ok;
    }

    /// <summary><see href="https://redis.io/commands/append/"/></summary>
    internal KeyspaceResult Append(byte[] key, byte[] suffix, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        if (entry is null)
        {
            Store(key, KeyType.String, suffix);
            return KeyspaceResult.Count(suffix.Length);
        }
        var old = entry.String;
        if ((long)old.Length + suffix.Length > MaxStringLength)
        {
            return StringTooLong;
        }
        byte[] joined = [.. old, .. suffix];
        entry.Value = joined;
        return KeyspaceResult.Count(joined.Length);
    }

    /// <summary><see href="https://redis.io/commands/strlen/"/></summary>
    internal KeyspaceResult StrLen(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        return error ?? KeyspaceResult.Count(entry?.String.Length ?? 0);
    }

    private static bool WouldOverflow(long value, long increment) =>
        (increment < 0 && value < 0 && increment < long.MinValue - value) ||
        (increment > 0 && value > 0 && increment > long.MaxValue - value);
}
