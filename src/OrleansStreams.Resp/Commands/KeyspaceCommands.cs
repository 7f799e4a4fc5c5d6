using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Keys and the non-stream types: batched into the session's database grain, which owns the key
/// directory. FLUSHALL, SWAPDB and SELECT act on several databases or the session and run here.
/// </summary>
public static class KeyspaceCommands
{
    private static readonly string[] DatabaseCommands =
    [
        "DEL", "UNLINK", "EXISTS", "TYPE", "KEYS", "SCAN", "DBSIZE",
        "RENAME", "RENAMENX", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT",
        "TTL", "PTTL", "PERSIST", "FLUSHDB",
        "GET", "SET", "SETNX", "SETEX", "INCR", "INCRBY", "DECR", "DECRBY",
        "MGET", "MSET", "APPEND", "STRLEN",
        "HSET", "HSETNX", "HGET", "HMGET", "HMSET", "HGETALL", "HDEL", "HLEN",
        "HKEYS", "HVALS", "HEXISTS", "HINCRBY", "HSCAN",
        "LPUSH", "RPUSH", "LPOP", "RPOP", "LRANGE", "LLEN",
        "SADD", "SREM", "SMEMBERS", "SCARD", "SISMEMBER",
        "EXPIRETIME", "PEXPIRETIME", "COPY", "RANDOMKEY", "TOUCH",
        "GETSET", "GETDEL", "GETEX", "INCRBYFLOAT", "MSETNX", "GETRANGE", "SETRANGE",
        "HINCRBYFLOAT", "HSTRLEN", "HRANDFIELD",
        "LINDEX", "LSET", "LREM", "LINSERT", "LTRIM", "LPOS", "LPUSHX", "RPUSHX", "LMOVE", "RPOPLPUSH",
        "SMISMEMBER", "SINTER", "SUNION", "SDIFF", "SINTERCARD", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE",
        "SMOVE", "SPOP", "SRANDMEMBER",
    ];

    public static void Register(CommandRegistry registry)
    {
        foreach (var name in DatabaseCommands)
        {
            registry.Add(name, CommandRoute.Keyspace);
        }
        registry.Local("SELECT", Select);
        registry.Local("FLUSHALL", FlushAll);
        registry.Local("SWAPDB", SwapDb);
    }

    /// <summary>https://redis.io/docs/latest/commands/select/</summary>
    private static ValueTask<Reply> Select(CommandContext context, byte[][] args)
    {
        if (!ArgParser.TryParseInt64(args[1], out var db))
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.NotInteger));
        }
        if (db < 0 || db >= context.Services.Databases.Count)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.DbIndexOutOfRange));
        }
        context.Session.Db = (int)db;
        return ValueTask.FromResult(Reply.Ok);
    }

    /// <summary>https://redis.io/docs/latest/commands/flushall/</summary>
    private static async ValueTask<Reply> FlushAll(CommandContext context, byte[][] args)
    {
        if (args.Length > 2 || (args.Length == 2 && !ArgParser.Is(args[1], "SYNC") && !ArgParser.Is(args[1], "ASYNC")))
        {
            return Reply.Error(RedisErrors.Syntax);
        }
        var flush = new Immutable<byte[][][]>([["FLUSHDB"u8.ToArray()]]);
        var replies = await Task.WhenAll(Enumerable.Range(0, context.Services.Databases.Count)
            .Select(db => context.Grains.GetGrain<IDatabaseGrain>(db).Execute(flush)));
        return replies.SelectMany(r => r).FirstOrDefault(r => r.IsError) ?? Reply.Ok;
    }

    /// <summary>https://redis.io/docs/latest/commands/swapdb/</summary>
    private static async ValueTask<Reply> SwapDb(CommandContext context, byte[][] args)
    {
        if (!ArgParser.TryParseInt64(args[1], out var a))
        {
            return Reply.Error("ERR invalid first DB index");
        }
        if (!ArgParser.TryParseInt64(args[2], out var b))
        {
            return Reply.Error("ERR invalid second DB index");
        }
        var count = context.Services.Databases.Count;
        if (a < 0 || a >= count || b < 0 || b >= count)
        {
            return Reply.Error(RedisErrors.DbIndexOutOfRange);
        }
        var map = await context.Grains.GetGrain<IServerGrain>(0).SwapDatabases((int)a, (int)b, count);
        context.Services.Databases.Set(map);
        return Reply.Ok;
    }
}
