using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

/// <summary>Hash commands: <see href="https://redis.io/commands/?group=hash"/>.</summary>
public static partial class KeyspaceCommandParser
{
    private static readonly Reply EmptyScan = Reply.Array(Reply.Bulk("0"), Reply.EmptyArray);

    private static void AddHashes(Dictionary<string, Func<byte[][], KeyspaceCall>> all)
    {
        all["hset"] = static a => a.Length % 2 == 1 ? KeyspaceCall.Fail(RedisErrors.WrongArity("hset")) : new Op.HSet(a[1], a[2..], ReplyOk: false);
        all["hmset"] = static a => a.Length % 2 == 1 ? KeyspaceCall.Fail(RedisErrors.WrongArity("hmset")) : new Op.HSet(a[1], a[2..], ReplyOk: true);
        all["hsetnx"] = static a => new Op.HSetNx(a[1], a[2], a[3]);
        all["hget"] = static a => new Op.HGet(a[1], a[2]);
        all["hmget"] = static a => new Op.HMGet(a[1], a[2..]);
        all["hgetall"] = static a => new Op.HGetAll(a[1]);
        all["hdel"] = static a => new Op.HDel(a[1], a[2..]);
        all["hlen"] = static a => new Op.HLen(a[1]);
        all["hkeys"] = static a => new Op.HKeys(a[1]);
        all["hvals"] = static a => new Op.HVals(a[1]);
        all["hexists"] = static a => new Op.HExists(a[1], a[2]);
        all["hincrby"] = static a => Integer(a[3], out var by, out var error) ? new Op.HIncrBy(a[1], a[2], by) : error;
        all["hincrbyfloat"] = HIncrByFloat;
        all["hstrlen"] = static a => new Op.HStrLen(a[1], a[2]);
        all["hrandfield"] = HRandField;
        all["hscan"] = HScan;
    }

    /// <summary><see href="https://redis.io/commands/hincrbyfloat/"/>: an invalid or infinite increment is refused before the key is read.</summary>
    private static KeyspaceCall HIncrByFloat(byte[][] args)
    {
        if (!KeyspaceDatabase.TryParseFloat(args[3], out var infinite))
        {
            return KeyspaceCall.Fail(RedisErrors.NotFloat);
        }
        return infinite ? KeyspaceCall.Fail(RedisErrors.ValueNaNOrInfinity) : new Op.HIncrByFloat(args[1], args[2], args[3]);
    }

    /// <summary><see href="https://redis.io/commands/hrandfield/"/></summary>
    private static KeyspaceCall HRandField(byte[][] args)
    {
        if (args.Length < 3)
        {
            return new Op.HRandField(args[1], null, false);
        }
        if (RandomCount(args[2], out var count) is { } countError)
        {
            return countError;
        }
        if (args.Length > 4 || (args.Length == 4 && !ArgParser.Is(args[3], "WITHVALUES")))
        {
            return KeyspaceCall.Fail(RedisErrors.Syntax);
        }
        var withValues = args.Length == 4;
        if (withValues && (count < -long.MaxValue / 2 || count > long.MaxValue / 2))
        {
            return KeyspaceCall.Fail(RedisErrors.ValueOutOfRange);
        }
        return new Op.HRandField(args[1], count, withValues);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/hscan/"/>: the cursor is checked first, the options only once the key is
    /// known to be a hash (a missing key scans empty).
    /// </summary>
    private static KeyspaceCall HScan(byte[][] args)
    {
        if (!ArgParser.TryParseCursor(args[2], out var cursor))
        {
            return KeyspaceCall.Fail(RedisErrors.InvalidCursor);
        }
        var error = ParseScanOptions(args, 3, allowType: false, out var count, out var pattern, out _);
        return error is null
            ? new Op.HScan(args[1], cursor, count, pattern)
            : KeyspaceCall.After(args[1], KeyType.Hash, error, EmptyScan);
    }

    /// <summary>getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): LONG_MIN alone is out of range.</summary>
    private static KeyspaceCall? RandomCount(byte[] arg, out long count)
    {
        if (!ArgParser.TryParseInt64(arg, out count))
        {
            return KeyspaceCall.Fail(RedisErrors.NotInteger);
        }
        return count == long.MinValue ? KeyspaceCall.Fail(RedisErrors.CountOutOfRange) : (KeyspaceCall?)null;
    }
}
