using System.Text;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Commands;

/// <summary>PING, ECHO, HELLO, AUTH, QUIT, RESET and CLIENT: https://redis.io/docs/latest/commands/?group=connection</summary>
public static class ConnectionCommands
{
    /// <summary>The Redis version this gateway answers as: clients pick features by it.</summary>
    public const string RedisVersion = "7.0.15";

    public static void Register(CommandRegistry registry)
    {
        registry.Local("PING", Ping);
        registry.Local("ECHO", (_, a) => ValueTask.FromResult(Reply.Bulk(a[1])));
        registry.Local("QUIT", Quit);
        registry.Local("RESET", Reset);
        registry.Local("AUTH", Auth);
        registry.Local("HELLO", Hello);
        registry.Local("CLIENT", ClientCommands.Client);
    }

    private static ValueTask<Reply> Ping(CommandContext context, byte[][] args)
    {
        if (args.Length > 2)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.WrongArity("ping")));
        }
        if (context.Session.SubscriptionCount > 0 && context.Session.Protocol == 2)
        {
            return ValueTask.FromResult(Reply.Array(Reply.Bulk("pong"), Reply.Bulk(args.Length == 2 ? args[1] : [])));
        }
        return ValueTask.FromResult(args.Length == 2 ? Reply.Bulk(args[1]) : Reply.Pong);
    }

    private static ValueTask<Reply> Quit(CommandContext context, byte[][] args)
    {
        context.Session.CloseRequested = true;
        return ValueTask.FromResult(Reply.Ok);
    }

    private static ValueTask<Reply> Reset(CommandContext context, byte[][] args)
    {
        var s = context.Session;
        s.Transaction = null;
        s.TransactionFailed = false;
        s.Db = 0;
        s.Protocol = 2;
        s.Name = null;
        context.Services.PubSub.UnsubscribeAll(s);
        s.Authenticated = string.IsNullOrEmpty(context.Services.Config.Get("requirepass"));
        return ValueTask.FromResult(Reply.Simple("RESET"));
    }

    private static ValueTask<Reply> Auth(CommandContext context, byte[][] args)
    {
        if (args.Length > 3)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.Syntax));
        }
        var user = args.Length == 3 ? Encoding.UTF8.GetString(args[1]) : "default";
        var password = Encoding.UTF8.GetString(args[^1]);
        var required = context.Services.Config.Get("requirepass");
        if (string.IsNullOrEmpty(required) && args.Length == 2)
        {
            return ValueTask.FromResult(Reply.Error(RedisErrors.AuthNotConfigured));
        }
        return ValueTask.FromResult(TryAuthenticate(context, user, password) ? Reply.Ok : Reply.Error(RedisErrors.WrongPass));
    }

    private static bool TryAuthenticate(CommandContext context, string user, string password)
    {
        var required = context.Services.Config.Get("requirepass");
        // Without requirepass the default user has no password ("nopass"): any password is accepted, as Redis does.
        var ok = user == "default" && (string.IsNullOrEmpty(required) || FixedTimeEquals(password, required));
        if (ok)
        {
            context.Session.Authenticated = true;
        }
        return ok;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>https://redis.io/docs/latest/commands/hello/</summary>
    private static ValueTask<Reply> Hello(CommandContext context, byte[][] args)
    {
        var session = context.Session;
        var protocol = session.Protocol;
        if (args.Length >= 2)
        {
            if (!ArgParser.TryParseInt64(args[1], out var version))
            {
                return Error("ERR Protocol version is not an integer or out of range");
            }
            if (version is < 2 or > 3)
            {
                return Error(RedisErrors.NoProto);
            }
            protocol = (int)version;
        }
        string? name = null;
        for (var i = 2; i < args.Length; i++)
        {
            var more = args.Length - i - 1;
            if (ArgParser.Is(args[i], "AUTH") && more >= 2)
            {
                if (!TryAuthenticate(context, Encoding.UTF8.GetString(args[i + 1]), Encoding.UTF8.GetString(args[i + 2])))
                {
                    return Error(RedisErrors.WrongPass);
                }
                i += 2;
            }
            else if (ArgParser.Is(args[i], "SETNAME") && more >= 1)
            {
                name = Encoding.UTF8.GetString(args[i + 1]);
                if (!ClientCommands.ValidName(name))
                {
                    return Error(ClientCommands.InvalidName);
                }
                i++;
            }
            else
            {
                return Error($"ERR Syntax error in HELLO option '{Encoding.UTF8.GetString(args[i])}'");
            }
        }
        if (!session.Authenticated)
        {
            return Error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
        }
        if (name is not null)
        {
            session.Name = name.Length == 0 ? null : name;
        }
        session.Protocol = protocol;
        return ValueTask.FromResult(Reply.Map(
            Reply.Bulk("server"), Reply.Bulk("redis"),
            Reply.Bulk("version"), Reply.Bulk(RedisVersion),
            Reply.Bulk("proto"), Reply.Integer(protocol),
            Reply.Bulk("id"), Reply.Integer(session.Id),
            Reply.Bulk("mode"), Reply.Bulk(context.Services.Cluster.Enabled ? "cluster" : "standalone"),
            Reply.Bulk("role"), Reply.Bulk("master"),
            Reply.Bulk("modules"), Reply.EmptyArray));

        static ValueTask<Reply> Error(string text) => ValueTask.FromResult(Reply.Error(text));
    }
}
