using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>
/// INCRBYFLOAT and HINCRBYFLOAT: Redis adds in <c>long double</c> and stores "%.17Lf" without trailing zeros, which
/// <see cref="LongDouble"/> reproduces (so 0.1 + 0.2 is "0.3", and 1e17 + 0.3 is "100000000000000000.296875").
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/incrbyfloat/"/>: the TTL survives, as for INCR.</summary>
    internal Reply IncrByFloat(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var entry = Lookup(args[1], nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        var value = default(LongDouble);
        if ((entry is not null && !LongDouble.TryParse(entry.String, out value)) || !LongDouble.TryParse(args[2], out var increment))
        {
            return Reply.Error(RedisErrors.NotFloat);
        }
        var sum = value.Add(increment);
        if (sum.IsInfinity)
        {
            return Reply.Error(RedisErrors.IncrementNaNOrInfinity);
        }
        var text = sum.ToHumanString();
        if (entry is null)
        {
            Store(args[1], KeyType.String, text);
        }
        else
        {
            entry.Value = text;
        }
        return Reply.Bulk(text);
    }

    /// <summary><see href="https://redis.io/commands/hincrbyfloat/"/>: an infinite increment is refused before the key is read.</summary>
    internal Reply HIncrByFloat(ReadOnlySpan<byte[]> args, long nowMs)
    {
        if (!LongDouble.TryParse(args[3], out var increment))
        {
            return Reply.Error(RedisErrors.NotFloat);
        }
        if (increment.IsInfinity)
        {
            return Reply.Error(RedisErrors.ValueNaNOrInfinity);
        }
        var entry = Lookup(args[1], nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var value = default(LongDouble);
        if (entry is not null && entry.Hash.Fields.TryGetValue(args[2], out var old) && !LongDouble.TryParse(old, out value))
        {
            return Reply.Error(RedisErrors.HashValueNotFloat);
        }
        var sum = value.Add(increment);
        if (sum.IsInfinity)
        {
            return Reply.Error(RedisErrors.IncrementNaNOrInfinity);
        }
        var text = sum.ToHumanString();
        (entry ?? Store(args[1], KeyType.Hash, new HashValue())).Hash.Set(args[2], text);
        return Reply.Bulk(text);
    }
}
