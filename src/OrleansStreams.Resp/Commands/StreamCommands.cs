using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// The stream family: single-stream commands are batched into their partition grain; XREAD and
/// XINFO run here. See https://redis.io/docs/latest/commands/?group=stream.
/// </summary>
public static class StreamCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Add("XADD", CommandRoute.Stream);
        registry.Add("XRANGE", CommandRoute.Stream);
        registry.Add("XREVRANGE", CommandRoute.Stream);
        registry.Add("XLEN", CommandRoute.Stream);
        registry.Add("XDEL", CommandRoute.Stream);
        registry.Add("XTRIM", CommandRoute.Stream);
        registry.Add("XSETID", CommandRoute.Stream);
        registry.Local("XINFO", XInfo);
        registry.Local("XREAD", XRead);
    }

    /// <summary>
    /// Runs consecutive single-stream commands (XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID) for one
    /// stream: parsed here, sent as one typed batch (merged with other clients' by the batcher), answered
    /// from the typed results. Commands with argument errors are answered here and never sent.
    /// </summary>
    public static async Task<Reply[]> RunBatch(CommandContext context, string streamKey, byte[][][] batch)
    {
        var replies = new Reply[batch.Length];
        var operations = new List<StreamOperation>(batch.Length);
        var slots = new List<int>(batch.Length);
        var nodes = context.Services.Config.StreamNodeLimits;
        for (var i = 0; i < batch.Length; i++)
        {
            var operation = StreamCommandParser.Parse(batch[i], nodes);
            if (operation is InvalidStreamCommand invalid)
            {
                replies[i] = Reply.Error(invalid.Error);
                continue;
            }
            operations.Add(operation);
            slots.Add(i);
        }
        if (operations.Count > 0)
        {
            var results = await context.Services.Batcher.ExecuteOnStream(streamKey, [.. operations]);
            for (var n = 0; n < operations.Count; n++)
            {
                replies[slots[n]] = StreamReplies.Format(operations[n], results[n]);
            }
        }
        return replies;
    }

    /// <summary>https://redis.io/docs/latest/commands/xinfo/</summary>
    private static async ValueTask<Reply> XInfo(CommandContext context, byte[][] args)
    {
        var sub = System.Text.Encoding.UTF8.GetString(args[1]);
        if (ArgParser.Is(args[1], "HELP"))
        {
            if (args.Length != 2)
            {
                return Reply.Error(RedisErrors.WrongArity("xinfo|help"));
            }
            return Reply.Array(XInfoHelp.Select(Reply.Simple));
        }
        if (ArgParser.Is(args[1], "STREAM"))
        {
            if (args.Length < 3)
            {
                return Reply.Error(RedisErrors.WrongArity("xinfo|stream"));
            }
            var streamKey = GrainKeys.Stream(context.PhysicalDb, args[2]);
            var grain = context.Services.References.Stream(streamKey);
            if (StreamCommandParser.Parse(args) is not StreamOperation.Info info)
            {
                // Redis looks the key up before it reads the options.
                return Reply.Error(MissingOrWrongType(await grain.GetGroups())
                    ?? (StreamCommandParser.Parse(args) is InvalidStreamCommand invalid ? invalid.Error : RedisErrors.Syntax));
            }
            var results = await grain.Execute(new Immutable<StreamOperation[]>([info]));
            if (results[0] is StreamResult.Described { Info: var described } && info.Full)
            {
                // The stream knows its groups' names; each group grain describes itself.
                var pull = await grain.GetGroups();
                var groups = await Task.WhenAll(pull.Groups.Select(g => context.Services.References.Group(GrainKeys.Group(streamKey, g)).FullInfo(info.Count)));
                return StreamReplies.Info(described with { GroupDetails = [.. groups.OfType<ConsumerGroupFullInfo>()] });
            }
            return StreamReplies.Format(info, results[0]);
        }
        if (ArgParser.Is(args[1], "GROUPS"))
        {
            if (args.Length != 3)
            {
                return Reply.Error(RedisErrors.WrongArity("xinfo|groups"));
            }
            var streamKey = GrainKeys.Stream(context.PhysicalDb, args[2]);
            var pull = await context.Services.References.Stream(streamKey).GetGroups();
            if (MissingOrWrongType(pull) is { } error)
            {
                return Reply.Error(error);
            }
            var infos = await Task.WhenAll(pull.Groups.Select(g => context.Services.References.Group(GrainKeys.Group(streamKey, g)).Info()));
            return Reply.Array(infos.OfType<ConsumerGroupInfo>().Select(ConsumerGroupReplies.GroupInfo));
        }
        if (ArgParser.Is(args[1], "CONSUMERS"))
        {
            if (args.Length != 4)
            {
                return Reply.Error(RedisErrors.WrongArity("xinfo|consumers"));
            }
            return await ConsumerGroupCommands.Run(context, GroupCall.ListConsumers(args[2], args[3]));
        }
        return Reply.Error(RedisErrors.UnknownSubcommand(sub, "XINFO"));
    }

    /// <summary>XINFO's lookupKeyReadOrReply and checkType: the error for a missing key or another type, else null.</summary>
    private static string? MissingOrWrongType(GroupPull pull) =>
        pull.Error != StreamError.None ? StreamErrorTexts.Stream(pull.Error)
        : !pull.StreamExists ? RedisErrors.NoSuchKey
        : null;

    private static readonly string[] XInfoHelp =
    [
        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
        "HELP",
        "    Prints this help.",
    ];

    /// <summary>https://redis.io/docs/latest/commands/xread/</summary>
    private static async ValueTask<Reply> XRead(CommandContext context, byte[][] args)
    {
        var parsed = XReadRequest.Parse(args);
        if (parsed.Error is not null)
        {
            foreach (var key in parsed.Keys)
            {
                if ((await context.Services.References.Stream(GrainKeys.Stream(context.PhysicalDb, key)).GetGroups()).Error is not StreamError.None and var error)
                {
                    return Reply.Error(StreamErrorTexts.Stream(error));
                }
            }
            return Reply.Error(parsed.Error);
        }
        var keys = parsed.Keys.Select(k => GrainKeys.Stream(context.PhysicalDb, k)).ToArray();
        var requests = parsed.Requests;
        return await BlockingRead.RunAsync(context, keys, parsed.BlockMs >= 0 ? parsed.BlockMs : null, async blocked =>
        {
            var results = await ReadAll(context, keys, requests);
            // Once blocked, a key that now holds another type is only not ready yet, as in Redis: the reader
            // waits on, and is served if the key becomes a stream with new entries again.
            if (results.FirstOrDefault(r => r.Error != StreamError.None && !(blocked && r.Error == StreamError.WrongType)) is { } failed)
            {
                return (Reply.Error(StreamErrorTexts.Stream(failed.Error)), true);
            }
            if (results.Any(r => r.Entries.Length > 0))
            {
                return (Format(context, parsed.Keys, results), true);
            }
            // From here on '$' means the last ID seen by the first read, as Redis resolves it once.
            requests = requests.Select((r, n) => results[n].Error != StreamError.None ? r : r with { FromLast = false, LastEntry = false, After = results[n].Continuation }).ToArray();
            return (Reply.NullArray, false);
        });
    }

    private static Task<StreamReadResult[]> ReadAll(CommandContext context, string[] keys, StreamReadRequest[] requests) =>
        Task.WhenAll(keys.Select((k, n) => context.Services.References.Stream(k).Read(requests[n])));

    /// <summary>The streams with entries, each with its key (<see cref="StreamReplies.PerStream"/>).</summary>
    private static Reply Format(CommandContext context, byte[][] keys, StreamReadResult[] results) =>
        StreamReplies.PerStream(context.Session.Protocol, [.. keys.Zip(results).Where(p => p.Second.Entries.Length > 0).Select(p => (p.First, StreamReplies.Entries(p.Second.Entries)))]);
}
