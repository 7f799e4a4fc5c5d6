using System.Text;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>
/// Shorthands: run a space-separated command through the gateway's path — command table (arity), parser, typed
/// operation on the database, formatter — and read replies as text.
/// </summary>
internal static class KeyspaceTestExtensions
{
    public const long T0 = 1_700_000_000_000;

    public static Reply Run(this KeyspaceDatabase db, string command, long nowMs = T0) =>
        db.RunCommand(Args(command), nowMs);

    /// <summary>Runs one command as the gateway does; argument errors never reach the database.</summary>
    public static Reply RunCommand(this KeyspaceDatabase db, byte[][] args, long nowMs)
    {
        if (Parse(args, out var call) is { } rejected)
        {
            return rejected;
        }
        return KeyspaceReplies.Format(call, db.Execute(call.Operation!, nowMs));
    }

    /// <summary>The typed operation a command becomes, or null for a command the keyspace does not run or an argument error.</summary>
    public static KeyspaceOperation? Operation(byte[][] args) => Parse(args, out var call) is null ? call.Operation : null;

    /// <summary>Whether the command is a keyspace write (journaled); false for other commands and argument errors.</summary>
    public static bool IsWrite(string command) => Operation(Args(command)) is { } op && KeyspaceDatabase.IsWrite(op);

    private static Reply? Parse(byte[][] args, out KeyspaceCall call)
    {
        call = default;
        if (!KeyspaceCommandParser.Handles(args[0]) || !CommandTable.Default.TryGet(args[0], out var info))
        {
            return Reply.Error(RedisErrors.UnknownCommand(Encoding.UTF8.GetString(args[0]), args.Skip(1).Select(a => Encoding.UTF8.GetString(a))));
        }
        if (!CommandTable.Default.CheckArity(info, args.Length))
        {
            return Reply.Error(RedisErrors.WrongArity(Encoding.UTF8.GetString(args[0])));
        }
        call = KeyspaceCommandParser.Parse(args);
        return call.Operation is null ? call.Error : null;
    }

    public static byte[][] Args(string command) =>
        command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>The reply as RESP2 text, e.g. ":1\r\n", which makes assertions read like the wire.</summary>
    public static string Resp(this Reply reply) => Encoding.UTF8.GetString(Resp2.Encode(reply));

    public static string Resp(this KeyspaceDatabase db, string command, long nowMs = T0) => db.Run(command, nowMs).Resp();

    public static string Bulk(string value) => $"${Encoding.UTF8.GetByteCount(value)}\r\n{value}\r\n";

    public static string Array(params string[] bulks) => $"*{bulks.Length}\r\n" + string.Concat(bulks.Select(Bulk));

    public static string Int(long value) => $":{value}\r\n";

    public static string Error(string message) => $"-{message}\r\n";

    public const string Ok = "+OK\r\n";
    public const string Nil = "$-1\r\n";
    public const string NilArray = "*-1\r\n";
}
