using OrleansStreams.Keyspace;

namespace OrleansStreams.Rdb;

public static partial class RdbObjectCodec
{
    /// <summary>
    /// rdbLoadObjectType + rdbLoadObject for the types this server holds, in the encodings Redis 2.6 to 7.0 write:
    /// strings; lists as plain lists (1), ziplists (10), quicklists of ziplists (14) or listpacks (18); sets as plain
    /// sets (2) or intsets (11); hashes as plain hashes (4), ziplists (13) or listpacks (16); streams (15, 19). Sorted
    /// sets, modules and the zipmap of Redis before 2.6 are not held here: a format error, as are empty collections.
    /// </summary>
    public static RdbValue Read(RdbReader r)
    {
        var type = r.ReadByte();
        return type switch
        {
            RdbFormat.TypeString => new RdbString(r.ReadString()),
            RdbFormat.TypeList => List(Strings(r, r.ReadCount())),
            RdbFormat.TypeListZiplist => List(Ziplist.Read(r.ReadString())),
            RdbFormat.TypeListQuicklist => List(Nodes(r, node => Ziplist.Read(node))),
            RdbFormat.TypeListQuicklist2 => List(Quicklist2(r)),
            RdbFormat.TypeSet => Set(Strings(r, r.ReadCount())),
            RdbFormat.TypeSetIntset => Set([.. Intset.Read(r.ReadString()).Select(RdbIntegers.ToBytes)]),
            RdbFormat.TypeHash => Hash(Strings(r, checked(2 * r.ReadCount()))),
            RdbFormat.TypeHashZiplist => Hash(Ziplist.Read(r.ReadString())),
            RdbFormat.TypeHashListpack => Hash([.. ListpackReader.Read(r.ReadString()).Select(v => v.ToBytes())]),
            RdbFormat.TypeStreamListpacks or RdbFormat.TypeStreamListpacks2 => RdbStreamCodec.Read(r, type),
            _ => throw new RdbFormatException($"RDB type {type} is not held by this server."),
        };
    }

    private static List<byte[]> Strings(RdbReader r, int count)
    {
        var items = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(r.ReadString());
        }
        return items;
    }

    private static List<byte[]> Nodes(RdbReader r, Func<byte[], List<byte[]>> read)
    {
        var items = new List<byte[]>();
        for (var n = r.ReadCount(); n > 0; n--)
        {
            items.AddRange(read(r.ReadString()));
        }
        return items;
    }

    private static List<byte[]> Quicklist2(RdbReader r)
    {
        var items = new List<byte[]>();
        for (var n = r.ReadCount(); n > 0; n--)
        {
            var container = r.ReadLength();
            var data = r.ReadString();
            switch (container)
            {
                case RdbFormat.QuicklistPlain:
                    items.Add(data);
                    break;
                case RdbFormat.QuicklistPacked:
                    items.AddRange(ListpackReader.Read(data).Select(v => v.ToBytes()));
                    break;
                default:
                    throw new RdbFormatException("Quicklist integrity check failed.");
            }
        }
        return items;
    }

    private static RdbList List(List<byte[]> items) =>
        items.Count > 0 ? new RdbList(items) : throw new RdbFormatException("Empty keys are not allowed.");

    private static RdbSet Set(List<byte[]> members)
    {
        if (members.Count == 0 || members.Distinct(ByteArrayComparer.Instance).Count() != members.Count)
        {
            throw new RdbFormatException("Empty set, or a duplicate set member.");
        }
        return new RdbSet(members, members.Count <= 512 && members.All(m => RdbIntegers.TryParseCanonical(m, out _)));
    }

    private static RdbHash Hash(List<byte[]> flat)
    {
        if (flat.Count == 0 || flat.Count % 2 != 0)
        {
            throw new RdbFormatException("Empty hash, or a field without a value.");
        }
        var entries = new List<KeyValuePair<byte[], byte[]>>(flat.Count / 2);
        for (var i = 0; i < flat.Count; i += 2)
        {
            entries.Add(new(flat[i], flat[i + 1]));
        }
        if (entries.Select(e => e.Key).Distinct(ByteArrayComparer.Instance).Count() != entries.Count)
        {
            throw new RdbFormatException("Duplicate hash fields.");
        }
        return new RdbHash(entries, entries.Count <= 128 && flat.All(b => b.Length <= 64));
    }
}
