using System.Globalization;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

public static partial class KeyspaceReplies
{
    private static readonly Reply EmptySet = new ArrayReply([]) { IsSet = true };

    /// <summary>The reply shape of each command's successful result, as Redis 7.0 sends it.</summary>
    private static Reply Shape(Op operation, KeyspaceResult result) => result switch
    {
        KeyspaceResult.Done => Reply.Ok,
        KeyspaceResult.Nil => operation is Op.Pop { Count: not null } ? Reply.NullArray : Reply.NullBulk,
        KeyspaceResult.Integer when operation is Op.HSet { ReplyOk: true } => Reply.Ok,
        KeyspaceResult.Integer i => Reply.Integer(i.Number),
        KeyspaceResult.Value v => new BulkReply(v.Data),
        KeyspaceResult.Values v => Values(operation, v.Items),
        KeyspaceResult.Integers i => Reply.Array(i.Items.Select(Reply.Integer)),
        KeyspaceResult.ScanPage page => Reply.Array(Reply.Bulk(page.Cursor.ToString(CultureInfo.InvariantCulture)), Reply.BulkArray(page.Items)),
        KeyspaceResult.TypeName t => Reply.Simple(t.Name),
        _ => Reply.Error("ERR unexpected result " + result.GetType().Name),
    };

    /// <summary>HGETALL is a map, SMEMBERS, SINTER, SUNION, SDIFF and SPOP with a count are sets (RESP3); the rest arrays.</summary>
    private static Reply Values(Op operation, byte[]?[] items) => operation switch
    {
        Op.HGetAll => new MapReply(Bulks(items)),
        Op.SMembers or Op.SetCombine or Op.SPop => items.Length == 0 ? EmptySet : new ArrayReply(Bulks(items)) { IsSet = true },
        _ => items.Length == 0 ? Reply.EmptyArray : new ArrayReply(Bulks(items)),
    };

    private static Reply[] Bulks(byte[]?[] items)
    {
        var replies = new Reply[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            replies[i] = Reply.Bulk(items[i]);
        }
        return replies;
    }

    /// <summary>The command's name as Redis' error texts print it (only the texts that name the command need it).</summary>
    private static string CommandName(Op operation) => operation switch
    {
        Op.Set => "set",
        Op.SetEx => "setex",
        Op.GetEx => "getex",
        Op.Expire { Seconds: true, Absolute: false } => "expire",
        Op.Expire { Seconds: false, Absolute: false } => "pexpire",
        Op.Expire { Seconds: true, Absolute: true } => "expireat",
        Op.Expire => "pexpireat",
        _ => operation.GetType().Name.ToLowerInvariant(),
    };
}
