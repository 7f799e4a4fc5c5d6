using System.Text;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Commands;

/// <summary>SUBSCRIBE, PSUBSCRIBE, their UN- forms, PUBLISH and PUBSUB: https://redis.io/docs/latest/develop/interact/pubsub/</summary>
public static class PubSubCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Local("SUBSCRIBE", (c, a) => Subscribe(c, a, pattern: false));
        registry.Local("PSUBSCRIBE", (c, a) => Subscribe(c, a, pattern: true));
        registry.Local("UNSUBSCRIBE", (c, a) => Unsubscribe(c, a, pattern: false));
        registry.Local("PUNSUBSCRIBE", (c, a) => Unsubscribe(c, a, pattern: true));
        registry.Local("PUBLISH", Publish);
        registry.Local("PUBSUB", PubSub);
    }

    private static async ValueTask<Reply> Subscribe(CommandContext context, byte[][] args, bool pattern)
    {
        var session = context.Session;
        if (session.Transaction is not null)
        {
            return Reply.Error("ERR Command not allowed inside a transaction");
        }
        await context.Services.PubSub.EnsureListening(context.Grains);
        var replies = new List<Reply>();
        foreach (var channel in args.Skip(1))
        {
            context.Services.PubSub.Subscribe(session, Encoding.Latin1.GetString(channel), pattern);
            replies.Add(PubSubHub.Push(Reply.Bulk(pattern ? "psubscribe" : "subscribe"), new BulkReply(channel), Reply.Integer(session.SubscriptionCount)));
        }
        return new SequenceReply(replies.ToArray());
    }

    private static ValueTask<Reply> Unsubscribe(CommandContext context, byte[][] args, bool pattern)
    {
        var session = context.Session;
        var kind = Reply.Bulk(pattern ? "punsubscribe" : "unsubscribe");
        var names = args.Length > 1
            ? args.Skip(1).Select(Encoding.Latin1.GetString).ToList()
            : (pattern ? session.Patterns : session.Channels).OrderBy(c => c, StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return ValueTask.FromResult(PubSubHub.Push(kind, Reply.NullBulk, Reply.Integer(session.SubscriptionCount)));
        }
        var replies = new List<Reply>();
        foreach (var name in names)
        {
            context.Services.PubSub.Unsubscribe(session, name, pattern);
            replies.Add(PubSubHub.Push(kind, Reply.Bulk(Encoding.Latin1.GetBytes(name)), Reply.Integer(session.SubscriptionCount)));
        }
        return ValueTask.FromResult<Reply>(new SequenceReply(replies.ToArray()));
    }

    private static async ValueTask<Reply> Publish(CommandContext context, byte[][] args) =>
        Reply.Integer(await context.Grains.GetGrain<Grains.IPubSubGrain>(0).Publish(args[1], args[2]));

    private static ValueTask<Reply> PubSub(CommandContext context, byte[][] args)
    {
        var hub = context.Services.PubSub;
        var sub = Encoding.UTF8.GetString(args[1]).ToUpperInvariant();
        Reply reply = sub switch
        {
            "CHANNELS" when args.Length <= 3 => Reply.Array(hub.Channels(args.Length == 3 ? Encoding.Latin1.GetString(args[2]) : null).Select(c => Reply.Bulk(Encoding.Latin1.GetBytes(c)))),
            "NUMSUB" => Reply.Array(args.Skip(2).SelectMany(c => new[] { new BulkReply(c), Reply.Integer(hub.Subscribers(Encoding.Latin1.GetString(c))) })),
            "NUMPAT" when args.Length == 2 => Reply.Integer(hub.PatternCount),
            "CHANNELS" or "NUMPAT" => Reply.Error(RedisErrors.WrongArity("pubsub|" + sub.ToLowerInvariant())),
            _ => Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(args[1]), "PUBSUB")),
        };
        return ValueTask.FromResult(reply);
    }
}
