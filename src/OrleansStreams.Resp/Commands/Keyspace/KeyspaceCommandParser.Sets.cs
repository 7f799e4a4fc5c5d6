using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

/// <summary>Set commands: <see href="https://redis.io/commands/?group=set"/>.</summary>
public static partial class KeyspaceCommandParser
{
    private static void AddSets(Dictionary<string, Func<byte[][], KeyspaceCall>> all)
    {
        all["sadd"] = static a => new Op.SAdd(a[1], a[2..]);
        all["srem"] = static a => new Op.SRem(a[1], a[2..]);
        all["smembers"] = static a => new Op.SMembers(a[1]);
        all["scard"] = static a => new Op.SCard(a[1]);
        all["sismember"] = static a => new Op.SIsMember(a[1], a[2]);
        all["smismember"] = static a => new Op.SMIsMember(a[1], a[2..]);
        all["sinter"] = static a => new Op.SetCombine(SetAlgebra.Intersection, a[1..], null);
        all["sinterstore"] = static a => new Op.SetCombine(SetAlgebra.Intersection, a[2..], a[1]);
        all["sunion"] = static a => new Op.SetCombine(SetAlgebra.Union, a[1..], null);
        all["sunionstore"] = static a => new Op.SetCombine(SetAlgebra.Union, a[2..], a[1]);
        all["sdiff"] = static a => new Op.SetCombine(SetAlgebra.Difference, a[1..], null);
        all["sdiffstore"] = static a => new Op.SetCombine(SetAlgebra.Difference, a[2..], a[1]);
        all["sintercard"] = SInterCard;
        all["smove"] = static a => new Op.SMove(a[1], a[2], a[3]);
        all["spop"] = SPop;
        all["srandmember"] = SRandMember;
    }

    /// <summary><see href="https://redis.io/commands/sintercard/"/></summary>
    private static KeyspaceCall SInterCard(byte[][] args)
    {
        if (!ArgParser.TryParseInt64(args[1], out var numKeys) || numKeys < 1)
        {
            return KeyspaceCall.Fail(RedisErrors.NumKeysNotPositive);
        }
        if (numKeys > args.Length - 2)
        {
            return KeyspaceCall.Fail(RedisErrors.NumKeysTooMany);
        }
        long limit = 0;
        for (var i = 2 + (int)numKeys; i < args.Length; i++)
        {
            if (!ArgParser.Is(args[i], "LIMIT") || i + 1 == args.Length)
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
            if (!ArgParser.TryParseInt64(args[++i], out limit) || limit < 0)
            {
                return KeyspaceCall.Fail(RedisErrors.LimitNegative);
            }
        }
        return new Op.SInterCard(args[2..(2 + (int)numKeys)], limit);
    }

    /// <summary><see href="https://redis.io/commands/spop/"/>: the count must be a non-negative integer.</summary>
    private static KeyspaceCall SPop(byte[][] args)
    {
        if (args.Length > 3)
        {
            return KeyspaceCall.Fail(RedisErrors.Syntax);
        }
        if (args.Length == 2)
        {
            return new Op.SPop(args[1], null);
        }
        return ArgParser.TryParseInt64(args[2], out var count) && count >= 0
            ? new Op.SPop(args[1], count)
            : KeyspaceCall.Fail(RedisErrors.ValueOutOfRangePositive);
    }

    /// <summary><see href="https://redis.io/commands/srandmember/"/></summary>
    private static KeyspaceCall SRandMember(byte[][] args)
    {
        if (args.Length > 3)
        {
            return KeyspaceCall.Fail(RedisErrors.Syntax);
        }
        if (args.Length == 2)
        {
            return new Op.SRandMember(args[1], null);
        }
        return RandomCount(args[2], out var count) ?? (KeyspaceCall)new Op.SRandMember(args[1], count);
    }
}
