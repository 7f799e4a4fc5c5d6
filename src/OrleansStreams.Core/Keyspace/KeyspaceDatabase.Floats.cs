namespace OrleansStreams.Keyspace;

/// <summary>
/// INCRBYFLOAT and HINCRBYFLOAT: Redis adds in <c>long double</c> and stores "%.17Lf" without trailing zeros, which
/// <see cref="LongDouble"/> reproduces (so 0.1 + 0.2 is "0.3", and 1e17 + 0.3 is "100000000000000000.296875").
/// </summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult NotFloatError = new KeyspaceResult.Failed(KeyspaceError.NotFloat);
    private static readonly KeyspaceResult NaNOrInfinity = new KeyspaceResult.Failed(KeyspaceError.IncrementNaNOrInfinity);

    /// <summary>Whether <paramref name="text"/> is a float Redis accepts (as a long double); <paramref name="infinite"/> when it is ±inf.</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> text, out bool infinite)
    {
        var valid = LongDouble.TryParse(text, out var value);
        infinite = valid && value.IsInfinity;
        return valid;
    }

    /// <summary>
    /// <see href="https://redis.io/commands/incrbyfloat/"/>: the TTL survives, as for INCR; the increment is parsed
    /// after the key's type check, as Redis does.
    /// </summary>
    internal KeyspaceResult IncrByFloat(byte[] key, byte[] incrementText, long nowMs)
    {
        var entry = Lookup(key, nowMs, KeyType.String, out var error);
        if (error is not null)
        {
            return error;
        }
        var value = default(LongDouble);
        if ((entry is not null && !LongDouble.TryParse(entry.String, out value)) || !LongDouble.TryParse(incrementText, out var increment))
        {
            return NotFloatError;
        }
        var sum = value.Add(increment);
        if (sum.IsInfinity)
        {
            return NaNOrInfinity;
        }
        var text = sum.ToHumanString();
        if (entry is null)
        {
            Store(key, KeyType.String, text);
        }
        else
        {
            entry.Value = text;
        }
        return new KeyspaceResult.Value(text);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/hincrbyfloat/"/>: the gateway refused an invalid or infinite increment
    /// before the key is read, as Redis does.
    /// </summary>
    internal KeyspaceResult HIncrByFloat(byte[] key, byte[] field, byte[] incrementText, long nowMs)
    {
        if (!LongDouble.TryParse(incrementText, out var increment) || increment.IsInfinity)
        {
            return NotFloatError;
        }
        var entry = Lookup(key, nowMs, KeyType.Hash, out var error);
        if (error is not null)
        {
            return error;
        }
        var value = default(LongDouble);
        if (entry is not null && entry.Hash.Fields.TryGetValue(field, out var old) && !LongDouble.TryParse(old, out value))
        {
            return new KeyspaceResult.Failed(KeyspaceError.HashValueNotFloat);
        }
        var sum = value.Add(increment);
        if (sum.IsInfinity)
        {
            return NaNOrInfinity;
        }
        var text = sum.ToHumanString();
        (entry ?? Store(key, KeyType.Hash, new HashValue())).Hash.Set(field, text);
        return new KeyspaceResult.Value(text);
    }
}
