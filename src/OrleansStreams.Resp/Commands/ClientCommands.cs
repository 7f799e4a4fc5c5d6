using System.Globalization;
using System.Text;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Commands;

/// <summary>CLIENT and its subcommands: https://redis.io/docs/latest/commands/client/</summary>
public static class ClientCommands
{
    public const string InvalidName = "ERR Client names cannot contain spaces, newlines or special characters.";

    public static bool ValidName(string name) => name.All(c => c > ' ' && c <= '~');

    public static ValueTask<Reply> Client(CommandContext context, byte[][] args)
    {
        var session = context.Session;
        var sub = Encoding.UTF8.GetString(args[1]).ToUpperInvariant();
        Reply reply = (sub, args.Length) switch
        {
            ("ID", 2) => Reply.Integer(session.Id),
            ("GETNAME", 2) => Reply.Bulk(session.Name),
            ("SETNAME", 3) => SetName(session, Encoding.UTF8.GetString(args[2])),
            ("SETINFO", 4) => SetInfo(session, args),
            ("INFO", 2) => Reply.Verbatim(Describe(session) + "\n"),
            ("LIST", _) => List(context, args),
            ("KILL", >= 3) => Kill(context, args),
            ("NO-EVICT", 3) or ("NO-TOUCH", 3) => Reply.Ok,
            ("REPLY", 3) => Reply.Ok,
            ("HELP", 2) => Reply.Array(Help.Select(Reply.Simple)),
            ("ID" or "GETNAME" or "SETNAME" or "SETINFO" or "INFO" or "NO-EVICT" or "NO-TOUCH" or "REPLY" or "HELP" or "KILL", _) =>
                Reply.Error(RedisErrors.WrongArity("client|" + sub.ToLowerInvariant())),
            _ => Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(args[1]), "CLIENT")),
        };
        return ValueTask.FromResult(reply);
    }

    private static Reply SetName(ClientSession session, string name)
    {
        if (!ValidName(name))
        {
            return Reply.Error(InvalidName);
        }
        session.Name = name.Length == 0 ? null : name;
        return Reply.Ok;
    }

    private static Reply SetInfo(ClientSession session, byte[][] args)
    {
        var value = Encoding.UTF8.GetString(args[3]);
        if (ArgParser.Is(args[2], "LIB-NAME"))
        {
            if (!ValidName(value))
            {
                return Reply.Error("ERR lib-name cannot contain spaces, newlines or special characters.");
            }
            session.LibName = value;
            return Reply.Ok;
        }
        if (ArgParser.Is(args[2], "LIB-VER"))
        {
            if (!ValidName(value))
            {
                return Reply.Error("ERR lib-ver cannot contain spaces, newlines or special characters.");
            }
            session.LibVersion = value;
            return Reply.Ok;
        }
        return Reply.Error($"ERR Unrecognized option '{Encoding.UTF8.GetString(args[2])}'");
    }

    private static Reply List(CommandContext context, byte[][] args)
    {
        IEnumerable<ClientSession> clients = context.Services.Clients.All;
        if (args.Length == 4 && ArgParser.Is(args[2], "TYPE"))
        {
            var type = Encoding.UTF8.GetString(args[3]).ToLowerInvariant();
            if (type is not ("normal" or "pubsub" or "master" or "replica" or "slave"))
            {
                return Reply.Error($"ERR Unknown client type '{Encoding.UTF8.GetString(args[3])}'");
            }
            clients = clients.Where(c => type == "pubsub" ? c.SubscriptionCount > 0 : type == "normal" && c.SubscriptionCount == 0);
        }
        else if (args.Length >= 4 && ArgParser.Is(args[2], "ID"))
        {
            var ids = new HashSet<long>();
            foreach (var a in args[3..])
            {
                if (!ArgParser.TryParseInt64(a, out var id) || id <= 0)
                {
                    return Reply.Error("ERR Invalid client ID");
                }
                ids.Add(id);
            }
            clients = clients.Where(c => ids.Contains(c.Id));
        }
        else if (args.Length != 2)
        {
            return Reply.Error(RedisErrors.Syntax);
        }
        var text = new StringBuilder();
        foreach (var c in clients)
        {
            text.Append(Describe(c)).Append('\n');
        }
        return Reply.Verbatim(text.ToString());
    }

    private static Reply Kill(CommandContext context, byte[][] args)
    {
        var clients = context.Services.Clients.All.ToList();
        if (args.Length == 3)
        {
            // Old form: CLIENT KILL addr:port
            var addr = Encoding.UTF8.GetString(args[2]);
            var target = clients.FirstOrDefault(c => c.Address == addr);
            if (target is null)
            {
                return Reply.Error("ERR No such client");
            }
            Close(target);
            return Reply.Ok;
        }
        IEnumerable<ClientSession> matches = clients;
        var skipMe = true;
        for (var i = 2; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return Reply.Error(RedisErrors.Syntax);
            }
            var value = Encoding.UTF8.GetString(args[i + 1]);
            var filter = Encoding.UTF8.GetString(args[i]).ToUpperInvariant();
            switch (filter)
            {
                case "ID":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        return Reply.Error("ERR client-id should be greater than 0");
                    }
                    matches = matches.Where(c => c.Id == id);
                    break;
                case "ADDR":
                    matches = matches.Where(c => c.Address == value);
                    break;
                case "LADDR":
                    matches = matches.Where(c => c.LocalAddress == value);
                    break;
                case "USER":
                    matches = matches.Where(_ => value == "default");
                    break;
                case "TYPE":
                    matches = matches.Where(c => value.Equals("pubsub", StringComparison.OrdinalIgnoreCase) ? c.SubscriptionCount > 0 : c.SubscriptionCount == 0);
                    break;
                case "SKIPME":
                    skipMe = !value.Equals("no", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    return Reply.Error(RedisErrors.Syntax);
            }
        }
        var killed = 0;
        foreach (var c in matches.ToList())
        {
            if (skipMe && c == context.Session)
            {
                continue;
            }
            Close(c);
            killed++;
        }
        return Reply.Integer(killed);
    }

    private static void Close(ClientSession session)
    {
        session.CloseRequested = true;
        session.Connection.Abort(new Microsoft.AspNetCore.Connections.ConnectionAbortedException("CLIENT KILL"));
    }

    /// <summary>One CLIENT LIST line, with Redis' fields (memory fields are not tracked and read 0).</summary>
    public static string Describe(ClientSession c)
    {
        var flags = c.Transaction is not null ? "x" : c.SubscriptionCount > 0 ? "P" : c.Blocked ? "b" : "N";
        return string.Create(CultureInfo.InvariantCulture,
            $"id={c.Id} addr={c.Address} laddr={c.LocalAddress} fd=-1 name={c.Name} age={(long)c.Age.TotalSeconds} idle={(long)c.Idle.TotalSeconds} flags={flags} db={c.Db} sub={c.Channels.Count} psub={c.Patterns.Count} ssub=0 multi={(c.Transaction?.Count ?? -1)} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd={c.LastCommand} user=default redir=-1 resp={c.Protocol} lib-name={c.LibName} lib-ver={c.LibVersion}");
    }

    private static readonly string[] Help =
    [
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
        "LIST [options ...]", "    Return information about client connections.",
        "SETNAME <name>", "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>", "    Set client meta attr. Options are LIB-NAME and LIB-VER.",
        "HELP", "    Prints this help.",
    ];
}
