using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Keys and the non-stream types: batched into the session's database grain, which owns the key
/// directory. FLUSHALL, SWAPDB and SELECT act on several databases or the session and run here.
/// </summary>
public static class KeyspaceCommands
{
    public static void Register(CommandRegistry registry)
    {
        foreach (var name in KeyspaceCommandParser.Names)
        {
            registry.Add(name.ToUpperInvariant(), CommandRoute.Keyspace);
        }
        registry.Local("SELECT", Select);
        registry.Local("FLUSHALL", FlushAll);
        registry.Local("SWAPDB", SwapDb);
        registry.Local("DUMP", Dump);
    }

    /// <summary>
    /// https://redis.io/docs/latest/commands/dump/: the payload in redis-server 7.0's format, nil for a missing key.
    /// It runs here because a stream's payload is gathered from its stream and group grains by the database grain.
    /// </summary>
    private static async ValueTask<Reply> Dump(CommandContext context, byte[][] args)
    {
        var payload = await context.Grains.GetGrain<IDatabaseGrain>(context.PhysicalDb).Dump(args[1]);
        return payload is null ? Reply.NullBulk : Reply.Bulk(payload);
    }

    /// <summary>
    /// Runs consecutive keyspace commands for the session's database: parsed here, sent as one typed batch
    /// (merged with other clients' by the batcher), answered from the typed results. Commands with argument
    /// errors are answered here and never sent.
    /// </summary>
    public static async Task<Reply[]> RunBatch(CommandContext context, byte[][][] batch)
    {
        var replies = new Reply[batch.Length];
        var calls = new KeyspaceCall[batch.Length];
        var operations = new List<KeyspaceOperation>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            calls[i] = KeyspaceCommandParser.Parse(batch[i]);
            if (calls[i].Operation is { } operation)
            {
                operations.Add(operation);
            }
            else
            {
                replies[i] = calls[i].Error!;
            }
        }
        if (operations.Count > 0)
        {
            var results = await context.Services.Batcher.ExecuteOnDatabase(context.PhysicalDb, [.. operations]);
            for (int i = 0, n = 0; i < batch.Length; i++)
            {
                if (calls[i].Operation is not null)
                {
                    replies[i] = KeyspaceReplies.Format(calls[i], results[n++]);
                }
            }
        }
        return replies;
    }

    /// <summary>https://redis.io/docs/latest/commands/select/</summary>
    private static ValueTask<Reply> Select(CommandContext context, byte[][] args)
    {
        if (!ArgParser.TryParseInt64(args[1], out var db))
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.NotInteger));
        }
        if (context.Services.Cluster.Enabled && db != 0)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.SelectInClusterMode));
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
        var flush = new Immutable<KeyspaceOperation[]>([new KeyspaceOperation.FlushDb()]);
        await Task.WhenAll(Enumerable.Range(0, context.Services.Databases.Count)
            .Select(db => context.Grains.GetGrain<IDatabaseGrain>(db).Execute(flush)));
        return Reply.Ok;
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
