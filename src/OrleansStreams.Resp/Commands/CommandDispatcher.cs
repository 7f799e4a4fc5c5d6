using System.Diagnostics;
using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Cluster;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Runs a batch of parsed commands for one client in order. Consecutive commands for the same grain
/// (one stream, or the session's database) go to that grain as one call; gateway commands run here.
/// </summary>
public sealed class CommandDispatcher
{
    private static readonly HashSet<string> AllowedWithoutAuth = ["AUTH", "HELLO", "QUIT", "RESET"];
    private static readonly HashSet<string> AllowedInSubscribe = ["SUBSCRIBE", "UNSUBSCRIBE", "PSUBSCRIBE", "PUNSUBSCRIBE", "SSUBSCRIBE", "SUNSUBSCRIBE", "PING", "QUIT", "RESET"];
    private static readonly HashSet<string> TransactionControl = ["EXEC", "DISCARD", "MULTI", "WATCH", "QUIT", "RESET"];

    private readonly GatewayServices _services;
    private readonly CommandRegistry _registry;

    public CommandDispatcher(GatewayServices services, CommandRegistry registry)
    {
        _services = services;
        _registry = registry;
    }

    /// <summary>Runs <paramref name="commands"/> in order and returns one reply each.</summary>
    public async Task<Reply[]> ExecuteAsync(ClientSession session, IReadOnlyList<byte[][]> commands)
    {
        var replies = new Reply[commands.Count];
        var context = new CommandContext(session, _services);
        var i = 0;
        while (i < commands.Count)
        {
            var args = commands[i];
            var started = Stopwatch.GetTimestamp();
            if (Check(session, args, out var route) is { } rejection)
            {
                replies[i++] = rejection;
                continue;
            }
            var name = route.Name;
            session.LastCommand = route.LowerName;
            session.LastInteractionTicks = started;
            if (session.Transaction is not null && !TransactionControl.Contains(name))
            {
                session.Transaction.Add(args);
                replies[i++] = Reply.Queued;
                continue;
            }
            if (route.Name == "XREADGROUP" && session.Transaction is null && ConsumerGroupCommands.PlainRead(args) is { } read)
            {
                i += await RunReads(context, commands, i, read, started, replies);
                continue;
            }
            if (route.Route == CommandRoute.Local)
            {
                Reply reply;
                try
                {
                    reply = await route.Handler!(context, args);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A grain call that failed (a failover, a storage fault) answers this command, not the connection.
                    reply = GrainFailure(ex);
                }
                Record(route, started, reply);
                replies[i++] = reply;
                continue;
            }
            // Gather the run of following commands that go to the same grain.
            var run = new List<byte[][]> { args };
            var entries = new List<CommandRegistry.Entry> { route };
            var key = route.Route is CommandRoute.Stream or CommandRoute.Group ? args[1] : null;
            var group = route.Route == CommandRoute.Group ? args[2] : null;
            while (i + run.Count < commands.Count && session.Transaction is null)
            {
                var next = commands[i + run.Count];
                if (Peek(session, next, out var nextRoute) is not null || nextRoute.Route != route.Route
                    || (key is not null && !key.AsSpan().SequenceEqual(next[1]))
                    || (group is not null && !group.AsSpan().SequenceEqual(next[2])))
                {
                    break;
                }
                run.Add(next);
                entries.Add(nextRoute);
            }
            var batch = run.ToArray();
            Reply[] results;
            try
            {
                results = route.Route switch
                {
                    CommandRoute.Stream => await StreamCommands.RunBatch(context, GrainKeys.Stream(context.PhysicalDb, key!), batch),
                    CommandRoute.Group => await ConsumerGroupCommands.RunBatch(context, batch),
                    _ => await KeyspaceCommands.RunBatch(context, batch),
                };
            }
            catch (Exception ex)
            {
                results = Enumerable.Repeat(GrainFailure(ex), run.Count).ToArray();
            }
            RecordRun(entries, started, results);
            results.CopyTo(replies, i);
            i += run.Count;
        }
        return replies;
    }

    /// <summary>
    /// Runs the plain XREADGROUP at <paramref name="start"/> with the plain reads of the same stream and
    /// group that follow it (a pipeline of reads) as one group call; returns how many commands it answered.
    /// </summary>
    private async Task<int> RunReads(CommandContext context, IReadOnlyList<byte[][]> commands, int start, ConsumerGroupCommand.ReadGroup first, long started, Reply[] replies)
    {
        var reads = new List<ConsumerGroupCommand.ReadGroup> { first };
        var entries = new List<CommandRegistry.Entry>();
        Peek(context.Session, commands[start], out var route);
        entries.Add(route);
        while (start + reads.Count < commands.Count)
        {
            var next = commands[start + reads.Count];
            if (Peek(context.Session, next, out var nextRoute) is not null || nextRoute.Name != "XREADGROUP"
                || ConsumerGroupCommands.PlainRead(next) is not { } read
                || read.Group != first.Group || !read.Keys[0].AsSpan().SequenceEqual(first.Keys[0]))
            {
                break;
            }
            reads.Add(read);
            entries.Add(nextRoute);
        }
        Reply[] results;
        try
        {
            results = await ConsumerGroupCommands.ReadNewRun(context, reads);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            results = Enumerable.Repeat(GrainFailure(ex), reads.Count).ToArray();
        }
        RecordRun(entries, started, results);
        results.CopyTo(replies, start);
        return reads.Count;
    }

    /// <summary>Counts a run of commands answered by one grain call: each its share of the time.</summary>
    private void RecordRun(List<CommandRegistry.Entry> entries, long started, Reply[] results)
    {
        var each = (Stopwatch.GetTimestamp() - started) / results.Length;
        for (var r = 0; r < results.Length; r++)
        {
            var entry = entries[r];
            _services.Stats.RecordCommand(entry.Stat ??= _services.Stats.For(entry.LowerName), each, results[r].IsError);
            if (results[r] is ErrorReply e)
            {
                _services.Stats.RecordError(e.Message);
            }
        }
    }

    /// <summary>The error reply of a command whose grain call failed: one line, the cause's message.</summary>
    private static Reply GrainFailure(Exception ex) => Reply.Error("ERR " + ex.GetBaseException().Message.ReplaceLineEndings(" "));

    private void Record(CommandRegistry.Entry entry, long started, Reply reply)
    {
        _services.Stats.RecordCommand(entry.Stat ??= _services.Stats.For(entry.LowerName), Stopwatch.GetTimestamp() - started, reply.IsError);
        if (reply is ErrorReply e)
        {
            _services.Stats.RecordError(e.Message);
        }
    }

    /// <summary>Redis' processCommand checks, in its order; an error reply when the command may not run.</summary>
    private Reply? Check(ClientSession session, byte[][] args, out CommandRegistry.Entry route)
    {
        var rejection = Peek(session, args, out route);
        if (rejection is ErrorReply error)
        {
            _services.Stats.RecordError(error.Message);
            if (route is not null)
            {
                _services.Stats.RecordRejected(route.LowerName);
            }
            if (session.Transaction is not null && (route is null || !TransactionControl.Contains(route.Name)))
            {
                session.TransactionFailed = true;
            }
        }
        return rejection;
    }

    /// <summary>The checks without side effects, used to look ahead for batching.</summary>
    private Reply? Peek(ClientSession session, byte[][] args, out CommandRegistry.Entry route)
    {
        if (!_registry.TryGet(args[0], out route))
        {
            route = null!;
            return Reply.Error(RedisErrors.UnknownCommand(Encoding.UTF8.GetString(args[0]), args.Skip(1).Select(a => Encoding.UTF8.GetString(a))));
        }
        var name = route.Name;
        if (!route.ArityOk(args.Length))
        {
            return Reply.Error(RedisErrors.WrongArity(name));
        }
        if (!session.Authenticated && !AllowedWithoutAuth.Contains(name))
        {
            return Reply.Error(RedisErrors.NoAuth);
        }
        if (session.SubscriptionCount > 0 && session.Protocol == 2 && !AllowedInSubscribe.Contains(name))
        {
            return Reply.Error($"ERR Can't execute '{name.ToLowerInvariant()}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
        }
        if (_services.Cluster.Enabled)
        {
            return ClusterRedirects.Check(_services.Cluster, route.Info, args);
        }
        return null;
    }
}
