using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

/// <summary>String commands: <see href="https://redis.io/commands/?group=string"/>.</summary>
public static partial class KeyspaceCommandParser
{
    private static void AddStrings(Dictionary<string, Func<byte[][], KeyspaceCall>> all)
    {
        all["get"] = static a => new Op.Get(a[1]);
        all["set"] = Set;
        all["setnx"] = static a => new Op.SetNx(a[1], a[2]);
        all["setex"] = static a => Integer(a[2], out var seconds, out var error) ? new Op.SetEx(a[1], seconds, a[3]) : error;
        all["incr"] = static a => new Op.IncrBy(a[1], 1);
        all["decr"] = static a => new Op.IncrBy(a[1], -1);
        all["incrby"] = static a => Integer(a[2], out var by, out var error) ? new Op.IncrBy(a[1], by) : error;
        all["decrby"] = static a => !Integer(a[2], out var by, out var error) ? error
            : by == long.MinValue ? KeyspaceCall.Fail(RedisErrors.DecrementOverflow)
            : new Op.IncrBy(a[1], -by);
        all["incrbyfloat"] = static a => new Op.IncrByFloat(a[1], a[2]);
        all["mget"] = static a => new Op.MGet(a[1..]);
        all["mset"] = static a => a.Length % 2 == 0 ? KeyspaceCall.Fail(RedisErrors.WrongArity("mset")) : new Op.MSet(a[1..], OnlyIfNoneExist: false);
        all["msetnx"] = static a => a.Length % 2 == 0 ? KeyspaceCall.Fail(RedisErrors.WrongArity("msetnx")) : new Op.MSet(a[1..], OnlyIfNoneExist: true);
        all["append"] = static a => new Op.Append(a[1], a[2]);
        all["strlen"] = static a => new Op.StrLen(a[1]);
        all["getset"] = static a => new Op.GetSet(a[1], a[2]);
        all["getdel"] = static a => new Op.GetDel(a[1]);
        all["getex"] = GetEx;
        all["getrange"] = static a => Integer(a[2], out var start, out var error) && Integer(a[3], out var end, out error)
            ? new Op.GetRange(a[1], start, end)
            : error;
        all["setrange"] = static a => !Integer(a[2], out var offset, out var error) ? error
            : offset < 0 ? KeyspaceCall.Fail(RedisErrors.OffsetOutOfRange)
            : new Op.SetRange(a[1], offset, a[3]);
    }

    /// <summary><see href="https://redis.io/commands/set/"/>: the exclusions of Redis' parseExtendedStringArgumentsOrReply.</summary>
    private static KeyspaceCall Set(byte[][] args)
    {
        var (condition, get, keepTtl) = (SetCondition.None, false, false);
        ExpiryKind? kind = null;
        byte[]? time = null;
        for (var j = 3; j < args.Length; j++)
        {
            var opt = args[j];
            var hasNext = j + 1 < args.Length;
            if (ArgParser.Is(opt, "NX") && condition != SetCondition.IfExists)
            {
                condition = SetCondition.IfMissing;
            }
            else if (ArgParser.Is(opt, "XX") && condition != SetCondition.IfMissing)
            {
                condition = SetCondition.IfExists;
            }
            else if (ArgParser.Is(opt, "GET"))
            {
                get = true;
            }
            else if (ArgParser.Is(opt, "KEEPTTL") && kind is null)
            {
                keepTtl = true;
            }
            else if (!keepTtl && hasNext && ExpiryKindOf(opt) is { } k && (kind is null || kind == k))
            {
                kind = k;
                time = args[++j];
            }
            else
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
        }
        Expiry? expiry = null;
        if (time is not null)
        {
            if (!Integer(time, out var value, out var error))
            {
                return error;
            }
            expiry = new Expiry(kind!.Value, value);
        }
        return new Op.Set(args[1], args[2], condition, get, keepTtl, expiry);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/getex/"/>: options are checked first, the expire time only once the key is
    /// known to be a string (so a bad time on a missing key is nil).
    /// </summary>
    private static KeyspaceCall GetEx(byte[][] args)
    {
        ExpiryKind? kind = null;
        byte[]? time = null;
        var persist = false;
        for (var j = 2; j < args.Length; j++)
        {
            var optionKind = ExpiryKindOf(args[j]);
            if (optionKind is not null && j + 1 < args.Length && !persist && (kind is null || kind == optionKind))
            {
                kind = optionKind;
                time = args[++j];
            }
            else if (ArgParser.Is(args[j], "PERSIST") && kind is null)
            {
                persist = true;
            }
            else
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
        }
        if (time is null)
        {
            return new Op.GetEx(args[1], null, persist);
        }
        return ArgParser.TryParseInt64(time, out var value)
            ? new Op.GetEx(args[1], new Expiry(kind!.Value, value), persist)
            : KeyspaceCall.After(args[1], KeyType.String, RedisErrors.NotInteger, Reply.NullBulk);
    }

    /// <summary>EX, PX, EXAT or PXAT in any case, else null.</summary>
    private static ExpiryKind? ExpiryKindOf(byte[] opt) =>
        ArgParser.Is(opt, "EX") ? ExpiryKind.Seconds
        : ArgParser.Is(opt, "PX") ? ExpiryKind.Milliseconds
        : ArgParser.Is(opt, "EXAT") ? ExpiryKind.UnixSeconds
        : ArgParser.Is(opt, "PXAT") ? ExpiryKind.UnixMilliseconds
        : null;
}
