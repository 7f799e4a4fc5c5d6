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
    private static readonly (string Name, int Arity)[] DatabaseCommands =
    [
        ("DEL", -2), ("UNLINK", -2), ("EXISTS", -2), ("TYPE", 2), ("KEYS", 2), ("SCAN", -2), ("DBSIZE", 1),
        ("RENAME", 3), ("RENAMENX", 3), ("EXPIRE", -3), ("PEXPIRE", -3), ("EXPIREAT", -3), ("PEXPIREAT", -3),
        ("TTL", 2), ("PTTL", 2), ("PERSIST", 2), ("FLUSHDB", -1),
        ("GET", 2), ("SET", -3), ("SETNX", 3), ("SETEX", 4), ("INCR", 2), ("INCRBY", 3), ("DECR", 2), ("DECRBY", 3),
        ("MGET", -2), ("MSET", -3), ("APPEND", 3), ("STRLEN", 2),
        ("HSET", -4), ("HSETNX", 4), ("HGET", 3), ("HMGET", -3), ("HMSET", -4), ("HGETALL", 2), ("HDEL", -3), ("HLEN", 2),
        ("HKEYS", 2), ("HVALS", 2), ("HEXISTS", 3), ("HINCRBY", 4), ("HSCAN", -3),
        ("LPUSH", -3), ("RPUSH", -3), ("LPOP", -2), ("RPOP", -2), ("LRANGE", 4), ("LLEN", 2),
        ("SADD", -3), ("SREM", -3), ("SMEMBERS", 2), ("SCARD", 2), ("SISMEMBER", 3),
    ];

    public static void Register(CommandRegistry registry)
    {
        foreach (var (name, arity) in DatabaseCommands)
        {
            registry.Add(name, arity, CommandRoute.Keyspace);
        }
        registry.Local("SELECT", 2, Select);
        registry.Local("FLUSHALL", -1, FlushAll);
        registry.Local("SWAPDB", 3, SwapDb);
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
        var flush = new Immutable<byte[][][]>([[ "FLUSHDB"u8.ToArray() ]]);
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
