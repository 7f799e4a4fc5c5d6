using OrleansStreams.Parsing;
using OrleansStreams.Rdb;

namespace OrleansStreams.Keyspace;

/// <summary>DUMP and RESTORE in Redis 7.0's serialized format: <see href="https://redis.io/commands/dump/"/>.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// <see href="https://redis.io/commands/dump/"/>: the payload of a string, hash, list or set; null when the key is
    /// missing, and also when it holds a stream (<paramref name="isStream"/>), whose data its stream grain holds.
    /// </summary>
    public byte[]? Dump(byte[] key, long nowMs, out bool isStream)
    {
        var entry = Lookup(key, nowMs);
        isStream = entry?.Type == KeyType.Stream;
        return entry is null || isStream ? null : DumpPayload.Create(ToRdb(entry));
    }

    /// <summary>
    /// <see href="https://redis.io/commands/restore/"/>, checked in restoreCommand's order: the key (BUSYKEY without
    /// REPLACE), the TTL, the payload's version and checksum, its value. A TTL already past replaces nothing but
    /// deletes the old key (with REPLACE). A stream is reported as <see cref="StreamRestored"/>.
    /// </summary>
    internal KeyspaceResult Restore(KeyspaceOperation.Restore restore, long nowMs)
    {
        var existing = Lookup(restore.Key, nowMs);
        if (existing is not null && !restore.Replace)
        {
            return new KeyspaceResult.Failed(KeyspaceError.BusyKey);
        }
        if (!ArgParser.TryParseInt64(restore.Ttl, out var ttl))
        {
            return NotIntegerError;
        }
        if (ttl < 0)
        {
            return new KeyspaceResult.Failed(KeyspaceError.NegativeTtl);
        }
        if (!DumpPayload.Verify(restore.Payload))
        {
            return new KeyspaceResult.Failed(KeyspaceError.DumpPayloadInvalid);
        }
        KeyspaceEntry entry;
        StreamRestored? stream = null;
        try
        {
            (entry, stream) = FromRdb(restore.Key, DumpPayload.Read(restore.Payload));
        }
        catch (RdbFormatException)
        {
            return new KeyspaceResult.Failed(KeyspaceError.BadDataFormat);
        }
        if (existing is not null)
        {
            Delete(restore.Key, existing);
        }
        var expireAt = ttl == 0 ? KeyspaceEntry.NoExpiry : restore.AbsoluteTtl ? ttl : nowMs + Math.Min(ttl, long.MaxValue - nowMs);
        if (ttl != 0 && expireAt <= nowMs)
        {
            return KeyspaceResult.Ok;
        }
        _keys[restore.Key] = entry;
        SetExpiry(restore.Key, entry, expireAt);
        if (stream is not null)
        {
            _effects.Add(stream);
        }
        return KeyspaceResult.Ok;
    }

    private static RdbValue ToRdb(KeyspaceEntry entry) => entry.Type switch
    {
        KeyType.String => new RdbString(entry.String),
        KeyType.List => new RdbList([.. entry.List.Items()]),
        KeyType.Set => new RdbSet([.. entry.Set.Ordered()], entry.Set.IsIntSet),
        KeyType.Hash => new RdbHash([.. entry.Hash.Fields], entry.Hash.IsCompact),
        _ => throw new ArgumentException($"A {entry.Type} key has no payload here.", nameof(entry)),
    };

    private static (KeyspaceEntry Entry, StreamRestored? Stream) FromRdb(byte[] key, RdbValue value)
    {
        switch (value)
        {
            case RdbString s:
                return (new KeyspaceEntry(KeyType.String, s.Value), null);
            case RdbList l:
                var list = new ListValue();
                list.Reset(l.Items);
                return (new KeyspaceEntry(KeyType.List, list), null);
            case RdbSet s:
                var set = new SetValue();
                foreach (var member in s.Members)
                {
                    set.Add(member);
                }
                return (new KeyspaceEntry(KeyType.Set, set), null);
            case RdbHash h:
                var hash = new HashValue();
                foreach (var (field, v) in h.Entries)
                {
                    hash.Set(field, v);
                }
                return (new KeyspaceEntry(KeyType.Hash, hash), null);
            case RdbStream s:
                var (snapshot, groups) = RdbStreamMapping.FromRdb(s);
                return (new KeyspaceEntry(KeyType.Stream, null), new StreamRestored(key, snapshot, groups));
            default:
                throw new RdbFormatException($"A {value.GetType().Name} is not held here.");
        }
    }
}
