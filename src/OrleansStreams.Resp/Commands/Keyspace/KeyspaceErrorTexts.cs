using OrleansStreams.Keyspace;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>The one table from the database grain's <see cref="KeyspaceError"/> codes to Redis' error texts.</summary>
public static class KeyspaceErrorTexts
{
    /// <summary>The text of <paramref name="error"/> as <paramref name="command"/> (lowercase name) reports it.</summary>
    public static string Text(KeyspaceError error, string command) => error switch
    {
        KeyspaceError.WrongType => RedisErrors.WrongType,
        KeyspaceError.NotInteger => RedisErrors.NotInteger,
        KeyspaceError.NotFloat => RedisErrors.NotFloat,
        KeyspaceError.Overflow => RedisErrors.Overflow,
        KeyspaceError.IncrementNaNOrInfinity => RedisErrors.IncrementNaNOrInfinity,
        KeyspaceError.HashValueNotInteger => RedisErrors.HashValueNotInteger,
        KeyspaceError.HashValueNotFloat => RedisErrors.HashValueNotFloat,
        KeyspaceError.NoSuchKey => RedisErrors.NoSuchKey,
        KeyspaceError.IndexOutOfRange => RedisErrors.IndexOutOfRange,
        KeyspaceError.StringTooLong => RedisErrors.StringTooLong,
        KeyspaceError.InvalidExpireTime => RedisErrors.InvalidExpireTime(command),
        KeyspaceError.CopyStreamUnsupported => RedisErrors.CopyStreamUnsupported,
        KeyspaceError.BusyKey => RedisErrors.BusyKey,
        KeyspaceError.NegativeTtl => RedisErrors.RestoreNegativeTtl,
        KeyspaceError.DumpPayloadInvalid => RedisErrors.DumpPayloadInvalid,
        KeyspaceError.BadDataFormat => RedisErrors.BadDataFormat,
        _ => "ERR " + error,
    };
}
