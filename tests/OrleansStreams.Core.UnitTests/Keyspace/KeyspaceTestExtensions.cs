using System.Text;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;

namespace OrleansStreams.Core.UnitTests.Keyspace;

/// <summary>Shorthands: run a space-separated command and read replies as text.</summary>
internal static class KeyspaceTestExtensions
{
    public const long T0 = 1_700_000_000_000;

    public static Reply Run(this KeyspaceDatabase db, string command, long nowMs = T0) =>
        db.Execute(Args(command), nowMs);

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
