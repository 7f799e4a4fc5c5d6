namespace OrleansStreams.Rdb;

/// <summary>
/// A value's type byte and serialized object, as Redis 7.0 writes them for the encodings its small values have
/// (rdbSaveObjectType + rdbSaveObject): strings (0), quicklists of listpacks (18), intsets (11) or plain sets (2),
/// listpack hashes (16) or plain hashes (4), streams (19).
/// </summary>
public static partial class RdbObjectCodec
{
    /// <summary>list-max-listpack-size -2: a quicklist node takes an element while its listpack stays within 8 KB.</summary>
    private const int QuicklistNodeBytes = 8192;

    /// <summary>SIZE_ESTIMATE_OVERHEAD of quicklist.c: the bytes an element is assumed to add besides its own.</summary>
    private const int QuicklistElementOverhead = 8;

    public static void Write(RdbWriter w, RdbValue value)
    {
        switch (value)
        {
            case RdbString s:
                w.WriteByte(RdbFormat.TypeString).WriteString(s.Value);
                break;
            case RdbList list:
                w.WriteByte(RdbFormat.TypeListQuicklist2);
                WriteQuicklist(w, list.Items);
                break;
            case RdbSet { IntSet: true } set:
                w.WriteByte(RdbFormat.TypeSetIntset);
                w.WriteString(Intset.Write([.. set.Members.Select(m => RdbIntegers.TryParseCanonical(m, out var v) ? v : throw new ArgumentException("An intset member that is not an integer.", nameof(value)))]));
                break;
            case RdbSet set:
                w.WriteByte(RdbFormat.TypeSet).WriteLength((ulong)set.Members.Count);
                foreach (var member in set.Members)
                {
                    w.WriteString(member);
                }
                break;
            case RdbHash { Compact: true } hash:
                var lp = new ListpackWriter();
                foreach (var (field, v) in hash.Entries)
                {
                    lp.Add(field).Add(v);
                }
                w.WriteByte(RdbFormat.TypeHashListpack).WriteString(lp.ToArray());
                break;
            case RdbHash hash:
                w.WriteByte(RdbFormat.TypeHash).WriteLength((ulong)hash.Entries.Count);
                foreach (var (field, v) in hash.Entries)
                {
                    w.WriteString(field).WriteString(v);
                }
                break;
            case RdbStream stream:
                w.WriteByte(RdbFormat.TypeStreamListpacks2);
                RdbStreamCodec.Write(w, stream);
                break;
            default:
                throw new ArgumentException($"Unknown value {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>
    /// The quicklist RPUSH would build (quicklist.c's _quicklistNodeAllowInsert with fill -2): node count, then per node
    /// its container (packed) and listpack.
    /// </summary>
    private static void WriteQuicklist(RdbWriter w, IReadOnlyList<byte[]> items)
    {
        var nodes = new List<ListpackWriter>();
        foreach (var item in items)
        {
            if (nodes.Count == 0 || nodes[^1].Bytes + item.Length + QuicklistElementOverhead > QuicklistNodeBytes)
            {
                nodes.Add(new ListpackWriter());
            }
            nodes[^1].Add(item);
        }
        w.WriteLength((ulong)nodes.Count);
        foreach (var node in nodes)
        {
            w.WriteLength(RdbFormat.QuicklistPacked).WriteString(node.ToArray());
        }
    }
}
