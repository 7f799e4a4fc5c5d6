namespace OrleansStreams.Keyspace;

/// <summary>
/// The snapshot format: "OSKS", a version byte, the key count, then per key (in ordinal key order): type byte,
/// key, absolute expiry (-1: none), and the value; lengths and counts are 7-bit encoded. Streams store no value.
/// Hashes and sets store their encoding flag so that reply order and HSCAN paging survive a reload.
/// </summary>
internal static class KeyspaceSnapshot
{
    private const byte Version = 1;
    private static readonly byte[] Magic = "OSKS"u8.ToArray();

    public static byte[] Save(Dictionary<byte[], KeyspaceEntry> keys, long? skipExpiredAtMs)
    {
        var live = keys.Where(kv => skipExpiredAtMs is not { } now || !kv.Value.IsExpired(now))
            .OrderBy(kv => kv.Key, ByteArrayComparer.Instance)
            .ToList();
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Version);
        w.Write7BitEncodedInt(live.Count);
        foreach (var (key, entry) in live)
        {
            w.Write((byte)entry.Type);
            WriteBytes(w, key);
            w.Write(entry.ExpireAtMs);
            WriteValue(w, entry);
        }
        w.Flush();
        return stream.ToArray();
    }

    public static List<(byte[] Key, KeyspaceEntry Entry)> Load(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        using var r = new BinaryReader(stream);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadByte() != Version)
        {
            throw new InvalidDataException("Not a keyspace snapshot of version " + Version + ".");
        }
        var count = r.Read7BitEncodedInt();
        var entries = new List<(byte[], KeyspaceEntry)>(count);
        for (var i = 0; i < count; i++)
        {
            var type = (KeyType)r.ReadByte();
            var key = ReadBytes(r);
            var expireAt = r.ReadInt64();
            entries.Add((key, new KeyspaceEntry(type, ReadValue(r, type)) { ExpireAtMs = expireAt }));
        }
        return entries;
    }

    private static void WriteValue(BinaryWriter w, KeyspaceEntry entry)
    {
        switch (entry.Type)
        {
            case KeyType.String:
                WriteBytes(w, entry.String);
                break;
            case KeyType.Hash:
                w.Write(entry.Hash.IsCompact);
                w.Write7BitEncodedInt(entry.Hash.Count);
                foreach (var (field, value) in entry.Hash.Fields)
                {
                    WriteBytes(w, field);
                    WriteBytes(w, value);
                }
                break;
            case KeyType.List:
                w.Write7BitEncodedInt(entry.List.Count);
                for (var i = 0; i < entry.List.Count; i++)
                {
                    WriteBytes(w, entry.List[i]);
                }
                break;
            case KeyType.Set:
                w.Write(entry.Set.IsIntSet);
                w.Write7BitEncodedInt(entry.Set.Count);
                foreach (var member in entry.Set.Members.Keys)
                {
                    WriteBytes(w, member);
                }
                break;
            case KeyType.Stream:
                break;
        }
    }

    private static object? ReadValue(BinaryReader r, KeyType type)
    {
        switch (type)
        {
            case KeyType.String:
                return ReadBytes(r);
            case KeyType.Hash:
                var hash = new HashValue { IsCompact = r.ReadBoolean() };
                for (var n = r.Read7BitEncodedInt(); n > 0; n--)
                {
                    hash.Fields.Add(ReadBytes(r), ReadBytes(r));
                }
                return hash;
            case KeyType.List:
                var list = new ListValue();
                for (var n = r.Read7BitEncodedInt(); n > 0; n--)
                {
                    list.PushLast(ReadBytes(r));
                }
                return list;
            case KeyType.Set:
                var set = new SetValue { IsIntSet = r.ReadBoolean() };
                for (var n = r.Read7BitEncodedInt(); n > 0; n--)
                {
                    set.Members.Add(ReadBytes(r), true);
                }
                return set;
            case KeyType.Stream:
                return null;
            default:
                throw new InvalidDataException($"Unknown key type {(byte)type} in keyspace snapshot.");
        }
    }

    private static void WriteBytes(BinaryWriter w, byte[] bytes)
    {
        w.Write7BitEncodedInt(bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        var bytes = r.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }
}
