using OrleansStreams.Parsing;
using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>COPY and TOUCH: <see href="https://redis.io/commands/?group=generic"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// <see href="https://redis.io/commands/copy/"/> within this database, with the TTL. Two refusals of this
    /// server's own: the DB option (a database does not know its index) and a stream source (its entries live
    /// in a stream grain, which COPY cannot reach).
    /// </summary>
    internal Reply Copy(ReadOnlySpan<byte[]> args, long nowMs)
    {
        var replace = false;
        for (var j = 3; j < args.Length; j++)
        {
            if (ArgParser.Is(args[j], "REPLACE"))
            {
                replace = true;
            }
            else if (ArgParser.Is(args[j], "DB") && j + 1 < args.Length)
            {
                return ArgParser.TryParseInt64(args[j + 1], out var db) && db is >= int.MinValue and <= int.MaxValue
                    ? Reply.Error(RedisErrors.CopyDbUnsupported)
                    : NotIntegerError;
            }
            else
            {
                return SyntaxError;
            }
        }
        var (from, to) = (args[1], args[2]);
        if (ByteArrayComparer.Instance.Equals(from, to))
        {
            return Reply.Error(RedisErrors.SameObject);
        }
        var source = Lookup(from, nowMs);
        if (source is null)
        {
            return Reply.Zero;
        }
        if (source.Type == KeyType.Stream)
        {
            return Reply.Error(RedisErrors.CopyStreamUnsupported);
        }
        if (Lookup(to, nowMs) is not null && !replace)
        {
            return Reply.Zero;
        }
        var copy = Store(to, source.Type, CloneValue(source));
        SetExpiry(to, copy, source.ExpireAtMs);
        return Reply.One;
    }

    /// <summary><see href="https://redis.io/commands/touch/"/>: counts the keys that exist (this server keeps no LRU clock).</summary>
    internal Reply Touch(ReadOnlySpan<byte[]> args, long nowMs) => Exists(args, nowMs);

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
