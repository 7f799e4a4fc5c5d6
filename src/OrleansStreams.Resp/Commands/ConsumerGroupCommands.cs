using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, each sent to the group's
/// grain. https://redis.io/docs/latest/develop/data-types/streams/#consumer-groups
/// </summary>
public static class ConsumerGroupCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Local("XGROUP", ToGroup);
        registry.Add("XACK", CommandRoute.Group);
        registry.Add("XPENDING", CommandRoute.Group);
        registry.Add("XCLAIM", CommandRoute.Group);
        registry.Add("XAUTOCLAIM", CommandRoute.Group);
        registry.Local("XREADGROUP", XReadGroup);
    }

    public static IConsumerGroupGrain Group(CommandContext context, byte[] key, string group) =>
        context.Services.References.Group(GrainKeys.Group(GrainKeys.Stream(context.PhysicalDb, key), group));

    /// <summary>Parses in the gateway (so syntax errors need no grain) and runs the command on its group's grain.</summary>
    private static async ValueTask<Reply> ToGroup(CommandContext context, byte[][] args)
    {
        if (ArgParser.Is(args[0], "XGROUP") && args.Length > 1 && ArgParser.Is(args[1], "SETDEADLETTER"))
        {
            return args.Length != 6
                ? Reply.Error(RedisErrors.WrongArity("xgroup|setdeadletter"))
                : await Group(context, args[2], Encoding.UTF8.GetString(args[3])).Execute(new Immutable<byte[][]>(args));
        }
        var command = ConsumerGroupCommandParser.Parse(args);
        (string? Error, byte[]? Key, string? Group) target = command switch
        {
            ConsumerGroupCommand.Invalid invalid => (invalid.Error, null, null),
            ConsumerGroupCommand.Help => (null, null, null),
            ConsumerGroupCommand.Create c => (null, c.Key, c.Group),
            ConsumerGroupCommand.SetId c => (null, c.Key, c.Group),
            ConsumerGroupCommand.Destroy c => (null, c.Key, c.Group),
            ConsumerGroupCommand.CreateConsumer c => (null, c.Key, c.Group),
            ConsumerGroupCommand.DeleteConsumer c => (null, c.Key, c.Group),
            ConsumerGroupCommand.Ack c => (null, c.Key, c.Group),
            ConsumerGroupCommand.PendingSummary c => (null, c.Key, c.Group),
            ConsumerGroupCommand.PendingRange c => (null, c.Key, c.Group),
            ConsumerGroupCommand.Claim c => (null, c.Key, c.Group),
            ConsumerGroupCommand.AutoClaim c => (null, c.Key, c.Group),
            ConsumerGroupCommand.InvalidAfterGroupCheck c => (null, c.Key, c.Group),
            _ => (RedisErrors.Syntax, null, null),
        };
        if (target.Error is not null)
        {
            return Reply.Error(target.Error);
        }
        if (target.Key is null || target.Group is null)
        {
            return ConsumerGroupReplies.Help;
        }
        return await Group(context, target.Key, target.Group).Execute(new Immutable<byte[][]>(args));
    }

    /// <summary>https://redis.io/docs/latest/commands/xreadgroup/</summary>
    private static async ValueTask<Reply> XReadGroup(CommandContext context, byte[][] args)
    {
        if (ConsumerGroupCommandParser.Parse(args) is not ConsumerGroupCommand.ReadGroup read)
        {
            return ConsumerGroupCommandParser.Parse(args) is ConsumerGroupCommand.Invalid invalid ? Reply.Error(invalid.Error) : Reply.Error(RedisErrors.Syntax);
        }
        var onlyNew = read.Ids.All(i => i.New);
        var streamKeys = read.Keys.Select(k => GrainKeys.Stream(context.PhysicalDb, k)).ToArray();
        return await BlockingRead.RunAsync(context, streamKeys, onlyNew ? read.BlockMs : null, async waited =>
        {
            var (reply, any) = await ReadOnce(context, read);
            if (reply.IsError)
            {
                return (waited ? await WhileBlocked(context, streamKeys, reply) : reply, true);
            }
            return (reply, any);
        });
    }

    /// <summary>A blocked reader whose stream or group went away gets Redis' unblocking errors.</summary>
    private static async Task<Reply> WhileBlocked(CommandContext context, string[] streamKeys, Reply error)
    {
        if (error is not ErrorReply { Message: var message } || !message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return error;
        }
        foreach (var key in streamKeys)
        {
            if (!(await context.Services.References.Stream(key).GetGroups()).StreamExists)
            {
                return Reply.Error(RedisErrors.BlockedStreamGone);
            }
        }
        return Reply.Error(RedisErrors.BlockedGroupGone);
    }

    /// <summary>One pass over the streams, in order; the first error wins, as in Redis.</summary>
    private static async Task<(Reply Reply, bool Any)> ReadOnce(CommandContext context, ConsumerGroupCommand.ReadGroup read)
    {
        var items = new List<Reply>();
        var any = false;
        for (var i = 0; i < read.Keys.Length; i++)
        {
            var id = read.Ids[i];
            var group = Group(context, read.Keys[i], read.Group);
            if (id.Error is not null)
            {
                // Redis checks the key and group before the ID.
                var exists = await group.Info() is not null;
                return (Reply.Error(exists ? id.Error : RedisErrors.NoKeyOrGroupReadGroup(Encoding.UTF8.GetString(read.Keys[i]), read.Group)), false);
            }
            var result = await group.Read(read.Consumer, id.New, id.Id, read.Count, read.NoAck);
            if (result.Error is not null)
            {
                return (Reply.Error(result.Error), false);
            }
            if (result.Entries is null)
            {
                continue;
            }
            any = true;
            var key = new BulkReply(read.Keys[i]);
            if (context.Session.Protocol >= 3)
            {
                items.Add(key);
                items.Add(result.Entries);
            }
            else
            {
                items.Add(new ArrayReply([key, result.Entries]));
            }
        }
        if (!any)
        {
            return (Reply.NullArray, false);
        }
        return (context.Session.Protocol >= 3 ? new MapReply(items.ToArray()) : new ArrayReply(items.ToArray()), true);
    }
}
