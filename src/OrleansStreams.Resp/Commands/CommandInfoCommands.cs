using System.Text;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>COMMAND and its subcommands, answered from RespCommandsInfo.json: https://redis.io/docs/latest/commands/command/</summary>
public static class CommandInfoCommands
{
    public static void Register(CommandRegistry registry) => registry.Local("COMMAND", Command);

    private static ValueTask<Reply> Command(CommandContext context, byte[][] args)
    {
        var table = CommandTable.Default;
        if (args.Length == 1)
        {
            return ValueTask.FromResult(table.AllInfoReply());
        }
        var sub = args[1];
        Reply reply;
        if (ArgParser.Is(sub, "COUNT") && args.Length == 2)
        {
            reply = table.CountReply();
        }
        else if (ArgParser.Is(sub, "INFO"))
        {
            reply = args.Length == 2 ? table.AllInfoReply() : table.InfoReply(args[2..]);
        }
        else if (ArgParser.Is(sub, "DOCS"))
        {
            reply = args.Length == 2 ? table.DocsReply(table.Commands.Select(c => Encoding.UTF8.GetBytes(c.Name)).ToList()) : table.DocsReply(args[2..]);
        }
        else if (ArgParser.Is(sub, "LIST") && args.Length == 2)
        {
            reply = table.ListReply();
        }
        else if (ArgParser.Is(sub, "HELP") && args.Length == 2)
        {
            reply = Reply.Array(Help.Select(Reply.Simple));
        }
        else if (ArgParser.Is(sub, "COUNT") || ArgParser.Is(sub, "LIST") || ArgParser.Is(sub, "HELP"))
        {
            reply = Reply.Error(RedisErrors.WrongArity("command|" + Encoding.UTF8.GetString(sub).ToLowerInvariant()));
        }
        else
        {
            reply = Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(sub), "COMMAND"));
        }
        return ValueTask.FromResult(reply);
    }

    private static readonly string[] Help =
    [
        "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "(no subcommand)", "    Return details about all Redis commands.",
        "COUNT", "    Return the total number of commands in this Redis server.",
        "LIST", "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>", "    Return the keys and the access flags from a full Redis command.",
        "HELP", "    Prints this help.",
    ];
}
