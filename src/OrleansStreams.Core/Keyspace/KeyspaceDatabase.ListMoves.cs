using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>List commands that push only onto existing lists or move an element between lists.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary><see href="https://redis.io/commands/lpushx/"/> and <see href="https://redis.io/commands/rpushx/"/>: 0 and no key when missing.</summary>
    internal Reply PushExisting(ReadOnlySpan<byte[]> args, long nowMs, bool head)
    {
        var entry = Lookup(args[1], nowMs, KeyType.List, out var error);
        if (error is not null || entry is null)
        {
            return error ?? Reply.Zero;
        }
        return Push(args, nowMs, head);
    }

    /// <summary><see href="https://redis.io/commands/lmove/"/>: LEFT / RIGHT are checked before the keys.</summary>
    internal Reply LMove(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var from = ListEnd(args[3]);
        var to = ListEnd(args[4]);
        if (from is null || to is null)
        {
            return SyntaxError;
        }
        return Move(args[1], args[2], from.Value, to.Value, nowMs);
    }

    /// <summary><see href="https://redis.io/commands/rpoplpush/"/>: LMOVE source destination RIGHT LEFT.</summary>
    internal Reply RPopLPush(ReadOnlySpan<byte[]> args, long nowMs) => Move(args[1], args[2], fromHead: false, toHead: true, nowMs);

    /// <summary>
    /// Redis' lmoveGenericCommand: the destination's type is checked before anything moves; source and destination
    /// may be the same list (a rotation), which then never becomes empty.
    /// </summary>
    private Reply Move(byte[] source, byte[] destination, bool fromHead, bool toHead, long nowMs)
    {
        var from = Lookup(source, nowMs, KeyType.List, out var error);
        if (error is not null || from is null)
        {
            return error ?? Reply.NullBulk;
        }
        var to = Lookup(destination, nowMs, KeyType.List, out error);
        if (error is not null)
        {
            return error;
        }
        var value = fromHead ? from.List.PopFirst() : from.List.PopLast();
        var target = (to ?? Store(destination, KeyType.List, new ListValue())).List;
        if (toHead)
        {
            target.PushFirst(value);
        }
        else
        {
            target.PushLast(value);
        }
        DeleteIfEmpty(source, from, from.List.Count);
        return Reply.Bulk(value);
    }

    /// <summary>LEFT (head) or RIGHT (tail) in any case; null for anything else.</summary>
    private static bool? ListEnd(byte[] arg) => ArgParser.Is(arg, "LEFT") ? true : ArgParser.Is(arg, "RIGHT") ? false : null;
}
