using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

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
        context.Services.References.Group(GroupKey(context.PhysicalDb, key, group));

    /// <summary>A group grain's key; <paramref name="group"/> is the name carried as Latin-1 (binary-safe).</summary>
    public static string GroupKey(int db, byte[] key, string group) => GrainKeys.Group(GrainKeys.Stream(db, key), group);

    /// <summary>
    /// Runs consecutive group commands (XACK, XPENDING, XCLAIM, XAUTOCLAIM) for one group: parsed here,
    /// sent as one typed batch, answered from the typed results.
    /// </summary>
    public static async Task<Reply[]> RunBatch(CommandContext context, byte[][][] batch)
    {
        var replies = new Reply[batch.Length];
        var calls = new List<(int Slot, GroupCall Call)>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var command = ConsumerGroupCommandParser.Parse(batch[i]);
            if (GroupCall.For(command) is { } call)
            {
                calls.Add((i, call));
            }
            else
            {
                replies[i] = Reply.Error(command is ConsumerGroupCommand.Invalid invalid ? invalid.Error : RedisErrors.Syntax);
            }
        }
        if (calls.Count > 0)
        {
            var first = calls[0].Call;
            var results = await context.Services.Batcher.ExecuteOnGroup(GroupKey(context.PhysicalDb, first.Key, first.Group), [.. calls.Select(c => c.Call.Operation)]);
            for (var n = 0; n < calls.Count; n++)
            {
                replies[calls[n].Slot] = calls[n].Call.Format(results[n]);
            }
        }
        return replies;
    }

    /// <summary>Runs one prepared call on its group's grain.</summary>
    public static async Task<Reply> Run(CommandContext context, GroupCall call)
    {
        var results = await context.Services.Batcher.ExecuteOnGroup(GroupKey(context.PhysicalDb, call.Key, call.Group), [call.Operation]);
        return call.Format(results[0]);
    }

    /// <summary>https://redis.io/docs/latest/commands/xgroup/ — parsed in the gateway (so syntax errors need no grain), run on the group's grain.</summary>
    private static async ValueTask<Reply> ToGroup(CommandContext context, byte[][] args)
    {
        if (args.Length > 1 && ArgParser.Is(args[1], "SETDEADLETTER"))
        {
            if (args.Length != 6)
            {
                return Reply.Error(RedisErrors.WrongArity("xgroup|setdeadletter"));
            }
            if (!ArgParser.TryParseInt64(args[4], out var max) || max < 0)
            {
                // Redis checks the key and group first, as for the other subcommands' late errors.
                var check = await Run(context, GroupCall.SetDeadLetter(args[2], args[3], 0, args[5]) with { Operation = new ConsumerGroupOperation.Check() });
                return check.IsError ? check : Reply.Error(RedisErrors.NotInteger);
            }
            return await Run(context, GroupCall.SetDeadLetter(args[2], args[3], max, args[5]));
        }
        var command = ConsumerGroupCommandParser.Parse(args);
        return command switch
        {
            ConsumerGroupCommand.Invalid invalid => Reply.Error(invalid.Error),
            ConsumerGroupCommand.Help => ConsumerGroupReplies.Help,
            _ when GroupCall.For(command) is { } call => await Run(context, call),
            _ => Reply.Error(RedisErrors.Syntax),
        };
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

    /// <summary>
    /// An XREADGROUP that reads new entries of one stream without blocking, the kind a pipeline of reads
    /// is made of; null for any other form (it runs on its own, <see cref="XReadGroup"/>).
    /// </summary>
    public static ConsumerGroupCommand.ReadGroup? PlainRead(byte[][] args) =>
        ConsumerGroupCommandParser.Parse(args) is ConsumerGroupCommand.ReadGroup { BlockMs: null, Keys.Length: 1 } read
            && read.Ids[0] is { New: true, Error: null } ? read : null;

    /// <summary>
    /// Consecutive plain reads (<see cref="PlainRead"/>) of one stream and group, as one call to the group:
    /// each takes the entries after those the reads before it took, and they share one durable write.
    /// </summary>
    public static async Task<Reply[]> ReadNewRun(CommandContext context, IReadOnlyList<ConsumerGroupCommand.ReadGroup> reads)
    {
        var first = reads[0];
        var results = await Group(context, first.Keys[0], first.Group)
            .ReadNew(new([.. reads.Select(r => new GroupNewRead(ConsumerGroup.NameBytes(r.Consumer), r.Count, r.NoAck))]));
        var replies = new Reply[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            replies[i] = results[i].Error != StreamError.None
                ? Reply.Error(StreamErrorTexts.ReadGroup(results[i].Error, StreamErrorTexts.Display(first.Keys[0]), StreamErrorTexts.Display(first.Group)))
                : results[i].Entries is { } entries ? Delivered(context, [(first.Keys[0], entries)]) : Reply.NullArray;
        }
        return replies;
    }

    /// <summary>XREADGROUP's reply: each stream with entries, with its key.</summary>
    private static Reply Delivered(CommandContext context, IReadOnlyList<(byte[] Key, GroupEntry[] Entries)> streams) =>
        StreamReplies.PerStream(context.Session.Protocol, [.. streams.Select(s => (s.Key, ConsumerGroupReplies.Delivered(s.Entries)))]);

    /// <summary>
    /// A blocked reader whose stream or group went away gets Redis' unblocking errors: a key now holding
    /// another type counts as a stream that no longer exists.
    /// </summary>
    private static async Task<Reply> WhileBlocked(CommandContext context, string[] streamKeys, Reply error)
    {
        if (error is ErrorReply { Message: RedisErrors.WrongType })
        {
            return Reply.Error(RedisErrors.BlockedStreamGone);
        }
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

    /// <summary>
    /// Checks every stream (type, group, then ID, key by key: the first error wins) before reading any, as
    /// Redis does; then one pass over the streams, in order.
    /// </summary>
    private static async Task<(Reply Reply, bool Any)> ReadOnce(CommandContext context, ConsumerGroupCommand.ReadGroup read)
    {
        if (read.Keys.Length > 1 || read.Ids[0].Error is not null)
        {
            for (var i = 0; i < read.Keys.Length; i++)
            {
                var groups = await context.Services.References.Stream(GrainKeys.Stream(context.PhysicalDb, read.Keys[i])).GetGroups();
                if (groups.Error != StreamError.None)
                {
                    return (Reply.Error(StreamErrorTexts.ReadGroup(groups.Error, StreamErrorTexts.Display(read.Keys[i]), StreamErrorTexts.Display(read.Group))), false);
                }
                if (!groups.StreamExists || !groups.Groups.Contains(read.Group))
                {
                    return (Reply.Error(RedisErrors.NoKeyOrGroupReadGroup(StreamErrorTexts.Display(read.Keys[i]), StreamErrorTexts.Display(read.Group))), false);
                }
                if (read.Ids[i].Error is { } error)
                {
                    return (Reply.Error(error), false);
                }
            }
        }
        var streams = new List<(byte[] Key, GroupEntry[] Entries)>();
        for (var i = 0; i < read.Keys.Length; i++)
        {
            var id = read.Ids[i];
            var group = Group(context, read.Keys[i], read.Group);
            var result = await group.Read(ConsumerGroup.NameBytes(read.Consumer), id.New, id.Id, read.Count, read.NoAck);
            if (result.Error != StreamError.None)
            {
                return (Reply.Error(StreamErrorTexts.ReadGroup(result.Error, StreamErrorTexts.Display(read.Keys[i]), StreamErrorTexts.Display(read.Group))), false);
            }
            if (result.Entries is { } entries)
            {
                streams.Add((read.Keys[i], entries));
            }
        }
        return streams.Count == 0 ? (Reply.NullArray, false) : (Delivered(context, streams), true);
    }
}
