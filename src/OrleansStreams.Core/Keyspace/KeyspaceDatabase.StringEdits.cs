namespace OrleansStreams.Keyspace;

/// <summary>String commands that read and replace in one step, or edit part of a value.</summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult EmptyValue = new KeyspaceResult.Value([]);

    /// <summary><see href="https://redis.io/commands/getset/"/>: the new value drops the TTL, as SET does.</summary>
    internal KeyspaceResult GetSet(byte[] key, byte[] value, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        var old = entry?.String;
        Store(key, KeyType.String, value);
        return KeyspaceResult.ValueOrNil(old);
    }

    /// <summary><see href="https://redis.io/commands/getdel/"/></summary>
    internal KeyspaceResult GetDel(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Nothing;
        }
        Delete(key, entry);
        return new KeyspaceResult.Value(entry.String);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/getex/"/>: the expire time is checked only once the key is known to be a
    /// string (so a bad time on a missing key is nil); EXAT / PXAT in the past delete the key.
    /// </summary>
    internal KeyspaceResult GetEx(byte[] key, Expiry? expiry, bool persist, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? KeyspaceResult.Nothing;
        }
        long? expireAt = null;
        if (expiry is { } given && (expireAt = ResolveExpiry(given, nowMs)) is null)
        {
            return InvalidExpireTime;
        }
        var result = new KeyspaceResult.Value(entry.String);
        if (expireAt is { } at && expiry!.Value.Kind is ExpiryKind.UnixSeconds or ExpiryKind.UnixMilliseconds && at <= nowMs)
        {
            Delete(key, entry);
        }
        else if (expireAt is not null || persist)
        {
            SetExpiry(key, entry, expireAt ?? KeyspaceEntry.NoExpiry);
        }
        return result;
    }

    /// <summary><see href="https://redis.io/commands/msetnx/"/>: all or nothing; a key of any type blocks it.</summary>
    internal KeyspaceResult MSetNx(byte[][] keysAndValues, long nowMs)
    {
        for (var i = 0; i + 1 < keysAndValues.Length; i += 2)
        {
            if (Lookup(keysAndValues[i], nowMs) is not null)
            {
                return KeyspaceResult.Zero;
            }
        }
        MSet(keysAndValues);
        return KeyspaceResult.One;
    }

    /// <summary><see href="https://redis.io/commands/getrange/"/>, with getrangeCommand's clamping.</summary>
    internal KeyspaceResult GetRange(byte[] key, long start, long end, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null || entry is null)
        {
            return error ?? EmptyValue;
        }
        var value = entry.String;
        long length = value.Length;
        if (start < 0 && end < 0 && start > end)
        {
            return EmptyValue;
        }
        start = Math.Max(0, start < 0 ? length + start : start);
        end = Math.Max(0, end < 0 ? length + end : end);
        end = Math.Min(end, length - 1);
        return start > end || length == 0 ? EmptyValue : new KeyspaceResult.Value(value[(int)start..(int)(end + 1)]);
    }

    /// <summary><see href="https://redis.io/commands/setrange/"/>: zero-pads; an empty value changes nothing.</summary>
    internal KeyspaceResult SetRange(byte[] key, long offset, byte[] patch, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        if (patch.Length == 0)
        {
            return KeyspaceResult.Count(entry?.String.Length ?? 0);
        }
        if (offset + patch.Length > MaxStringLength)
        {
            return StringTooLong;
        }
        var old = entry?.String ?? [];
        var value = new byte[Math.Max(old.Length, offset + patch.Length)];
        old.CopyTo(value, 0);
        patch.CopyTo(value, offset);
        if (entry is null)
        {
            Store(key, KeyType.String, value);
        }
        else
        {
            entry.Value = value;
        }
        return KeyspaceResult.Count(value.Length);
    }
}
