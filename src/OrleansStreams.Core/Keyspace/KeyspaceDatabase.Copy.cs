namespace OrleansStreams.Keyspace;

/// <summary>COPY: <see href="https://redis.io/commands/?group=generic"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// <see href="https://redis.io/commands/copy/"/> within this database, with the TTL. Two refusals of this
    /// server's own: the DB option (a database does not know its index; the gateway refuses it) and a stream source
    /// (its entries live in a stream grain, which COPY cannot reach). Source and destination differ (checked by the gateway).
    /// </summary>
    internal KeyspaceResult Copy(byte[] from, byte[] to, bool replace, long nowMs)
    {
        var source = Lookup(from, nowMs);
        if (source is null)
        {
            return KeyspaceResult.Zero;
        }
        if (source.Type == KeyType.Stream)
        {
            return new KeyspaceResult.Failed(KeyspaceError.CopyStreamUnsupported);
        }
        if (Lookup(to, nowMs) is not null && !replace)
        {
            return KeyspaceResult.Zero;
        }
        var copy = Store(to, source.Type, CloneValue(source));
        SetExpiry(to, copy, source.ExpireAtMs);
        return KeyspaceResult.One;
    }

    /// <summary>A deep copy of a value; strings are shared, as values are never mutated in place.</summary>
    private static object? CloneValue(KeyspaceEntry entry)
    {
        switch (entry.Type)
        {
            case KeyType.Hash:
                var hash = new HashValue { IsCompact = entry.Hash.IsCompact };
                foreach (var (field, value) in entry.Hash.Fields)
                {
                    hash.Fields.Add(field, value);
                }
                return hash;
            case KeyType.List:
                var list = new ListValue();
                list.Reset(entry.List.Items());
                return list;
            case KeyType.Set:
                var set = new SetValue { IsIntSet = entry.Set.IsIntSet };
                foreach (var member in entry.Set.Members.Keys)
                {
                    set.Members.Add(member, true);
                }
                return set;
            default:
                return entry.Value;
        }
    }
}
