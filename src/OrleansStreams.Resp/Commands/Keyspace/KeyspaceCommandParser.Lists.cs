using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

/// <summary>List commands: <see href="https://redis.io/commands/?group=list"/>.</summary>
public static partial class KeyspaceCommandParser
{
    private static void AddLists(Dictionary<string, Func<byte[][], KeyspaceCall>> all)
    {
        all["lpush"] = static a => new Op.Push(a[1], a[2..], Head: true, OnlyIfExists: false);
        all["rpush"] = static a => new Op.Push(a[1], a[2..], Head: false, OnlyIfExists: false);
        all["lpushx"] = static a => new Op.Push(a[1], a[2..], Head: true, OnlyIfExists: true);
        all["rpushx"] = static a => new Op.Push(a[1], a[2..], Head: false, OnlyIfExists: true);
        all["lpop"] = static a => Pop(a, head: true);
        all["rpop"] = static a => Pop(a, head: false);
        all["lrange"] = static a => Integer(a[2], out var start, out var error) && Integer(a[3], out var end, out error)
            ? new Op.LRange(a[1], start, end)
            : error;
        all["llen"] = static a => new Op.LLen(a[1]);
        // Redis looks the key up before it parses LINDEX's and LSET's index.
        all["lindex"] = static a => ArgParser.TryParseInt64(a[2], out var index)
            ? new Op.LIndex(a[1], index)
            : KeyspaceCall.After(a[1], KeyType.List, RedisErrors.NotInteger, Reply.NullBulk);
        all["lset"] = static a => ArgParser.TryParseInt64(a[2], out var index)
            ? new Op.LSet(a[1], index, a[3])
            : KeyspaceCall.After(a[1], KeyType.List, RedisErrors.NotInteger, Reply.Error(RedisErrors.NoSuchKey));
        all["lrem"] = static a => Integer(a[2], out var count, out var error) ? new Op.LRem(a[1], count, a[3]) : error;
        all["linsert"] = static a => ArgParser.Is(a[2], "AFTER") ? new Op.LInsert(a[1], After: true, a[3], a[4])
            : ArgParser.Is(a[2], "BEFORE") ? new Op.LInsert(a[1], After: false, a[3], a[4])
            : KeyspaceCall.Fail(RedisErrors.Syntax);
        all["ltrim"] = static a => Integer(a[2], out var start, out var error) && Integer(a[3], out var end, out error)
            ? new Op.LTrim(a[1], start, end)
            : error;
        all["lpos"] = LPos;
        all["lmove"] = static a => ListEnd(a[3]) is { } from && ListEnd(a[4]) is { } to
            ? new Op.LMove(a[1], a[2], from, to)
            : KeyspaceCall.Fail(RedisErrors.Syntax);
        all["rpoplpush"] = static a => new Op.LMove(a[1], a[2], FromHead: false, ToHead: true);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/lpop/"/> and <see href="https://redis.io/commands/rpop/"/>: a count must be
    /// a non-negative integer.
    /// </summary>
    private static KeyspaceCall Pop(byte[][] args, bool head)
    {
        if (args.Length > 3)
        {
            return KeyspaceCall.Fail(RedisErrors.WrongArity(head ? "lpop" : "rpop"));
        }
        if (args.Length == 2)
        {
            return new Op.Pop(args[1], head, null);
        }
        return ArgParser.TryParseInt64(args[2], out var count) && count >= 0
            ? new Op.Pop(args[1], head, count)
            : KeyspaceCall.Fail(RedisErrors.ValueOutOfRangePositive);
    }

    /// <summary><see href="https://redis.io/commands/lpos/"/>, with lposCommand's option checks.</summary>
    private static KeyspaceCall LPos(byte[][] args)
    {
        long rank = 1, maxLen = 0;
        long? count = null;
        for (var j = 3; j < args.Length; j++)
        {
            var hasValue = j + 1 < args.Length;
            if (ArgParser.Is(args[j], "RANK") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out rank))
                {
                    return KeyspaceCall.Fail(RedisErrors.NotInteger);
                }
                if (rank == 0)
                {
                    return KeyspaceCall.Fail(RedisErrors.RankZero);
                }
            }
            else if (ArgParser.Is(args[j], "COUNT") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out var n) || n < 0)
                {
                    return KeyspaceCall.Fail(RedisErrors.CountNegative);
                }
                count = n;
            }
            else if (ArgParser.Is(args[j], "MAXLEN") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[++j], out maxLen) || maxLen < 0)
                {
                    return KeyspaceCall.Fail(RedisErrors.MaxLenNegative);
                }
            }
            else
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
        }
        return new Op.LPos(args[1], args[2], rank, count, maxLen);
    }

    /// <summary>LEFT (head) or RIGHT (tail) in any case; null for anything else.</summary>
    private static bool? ListEnd(byte[] arg) => ArgParser.Is(arg, "LEFT") ? true : ArgParser.Is(arg, "RIGHT") ? false : null;
}
