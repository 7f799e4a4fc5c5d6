namespace OrleansStreams.Keyspace;

/// <summary>List commands that move an element between lists.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// Redis' lmoveGenericCommand (<see href="https://redis.io/commands/lmove/"/>, RPOPLPUSH): the destination's type is
    /// checked before anything moves; source and destination may be the same list (a rotation), which then never
    /// becomes empty.
    /// </summary>
    internal KeyspaceResult Move(byte[] source, byte[] destination, bool fromHead, bool toHead, long nowMs)
    {
        var from = Lookup(source, nowMs, KeyType.List, out var error);
        if (error is not null || from is null)
        {
            return error ?? KeyspaceResult.Nothing;
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
        return new KeyspaceResult.Value(value);
    }
}
