using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// MULTI / EXEC / DISCARD: queued commands run in order when EXEC arrives, with nothing else from
/// this connection in between. Each grain call in the run is atomic on its own; a transaction that
/// spans keys on several grains is not isolated from other clients (see docs/decisions).
/// https://redis.io/docs/latest/develop/interact/transactions/
/// </summary>
public static class TransactionCommands
{
    public static void Register(CommandRegistry registry, CommandDispatcher dispatcher)
    {
        registry.Local("MULTI", Multi);
        registry.Local("DISCARD", Discard);
        registry.Local("EXEC", (context, _) => Exec(context, dispatcher));
        registry.Local("WATCH", (context, _) => ValueTask.FromResult(context.Session.Transaction is null
            ? Reply.Ok
            : Reply.Error("ERR WATCH inside MULTI is not allowed")));
        registry.Local("UNWATCH", (_, _) => ValueTask.FromResult(Reply.Ok));
    }

    private static ValueTask<Reply> Multi(CommandContext context, byte[][] args)
    {
        if (context.Session.Transaction is not null)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.MultiNested));
        }
        context.Session.Transaction = [];
        context.Session.TransactionFailed = false;
        return ValueTask.FromResult(Reply.Ok);
    }

    private static ValueTask<Reply> Discard(CommandContext context, byte[][] args)
    {
        if (context.Session.Transaction is null)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.DiscardWithoutMulti));
        }
        context.Session.Transaction = null;
        context.Session.TransactionFailed = false;
        return ValueTask.FromResult(Reply.Ok);
    }

    private static async ValueTask<Reply> Exec(CommandContext context, CommandDispatcher dispatcher)
    {
        var session = context.Session;
        if (session.Transaction is not { } queued)
        {
            return Reply.Error(RedisErrors.ExecWithoutMulti);
        }
        session.Transaction = null;
        if (session.TransactionFailed)
        {
            session.TransactionFailed = false;
            return Reply.Error(RedisErrors.ExecAbort);
        }
        var replies = await TransactionWakeups.HoldWhile(context, queued, () => dispatcher.ExecuteAsync(session, queued));
        return new ArrayReply(replies);
    }
}
