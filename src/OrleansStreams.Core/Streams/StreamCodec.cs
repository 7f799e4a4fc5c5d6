using System.Text;

namespace OrleansStreams.Streams;

/// <summary>The binary forms of stream data in storage: entries, nodes and journal records.</summary>
internal static class StreamCodec
{
    public static void WriteId(BinaryWriter w, StreamEntryId id)
    {
        w.Write(id.Ms);
        w.Write(id.Seq);
    }

    public static StreamEntryId ReadId(BinaryReader r) => new(r.ReadUInt64(), r.ReadUInt64());

    public static void WriteEntry(BinaryWriter w, StreamEntry e)
    {
        WriteId(w, e.Id);
        w.Write7BitEncodedInt(e.Fields.Length);
        foreach (var f in e.Fields)
        {
            w.Write7BitEncodedInt(f.Length);
            w.Write(f);
        }
    }

    public static StreamEntry ReadEntry(BinaryReader r)
    {
        var id = ReadId(r);
        var fields = new byte[r.Read7BitEncodedInt()][];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = r.ReadBytes(r.Read7BitEncodedInt());
        }
        return new StreamEntry(id, fields);
    }

    /// <summary>
    /// The nodes of a segment: each node's master ID and listpack body (format 4). Format 3 (before
    /// nodes were listpacks) listed every slot as an entry or a deleted ID; it is still read.
    /// </summary>
    public static void WriteNodes(BinaryWriter w, List<StreamNode> nodes)
    {
        w.Write7BitEncodedInt(nodes.Count);
        foreach (var node in nodes)
        {
            WriteId(w, node.FirstSlotId);
            var body = node.Body;
            w.Write7BitEncodedInt(body.Length);
            w.Write(body);
        }
    }

    public const int NodeFormat = 4;

    public static List<StreamNode> ReadNodes(BinaryReader r, int format)
    {
        var count = r.Read7BitEncodedInt();
        var nodes = new List<StreamNode>(count);
        for (var n = 0; n < count; n++)
        {
            if (format >= NodeFormat)
            {
                var master = ReadId(r);
                nodes.Add(StreamNode.FromStored(master, r.ReadBytes(r.Read7BitEncodedInt())));
                continue;
            }
            var node = new StreamNode();
            var slots = r.Read7BitEncodedInt();
            for (var s = 0; s < slots; s++)
            {
                if (r.ReadBoolean())
                {
                    node.Add(ReadEntry(r));
                }
                else
                {
                    node.AddDeleted(ReadId(r));
                }
            }
            node.Compact();
            nodes.Add(node);
        }
        return nodes;
    }

    public static void WriteMutation(BinaryWriter w, StreamMutation m)
    {
        switch (m)
        {
            case StreamMutation.Append a:
                // 7: an append that records whether it starts a node (1, before node sizes could change, did not).
                w.Write((byte)7);
                w.Write(a.StartsNode ?? throw new InvalidOperationException("An append is journaled with its node decision."));
                WriteEntry(w, a.Entry);
                break;
            case StreamMutation.Delete d:
                w.Write((byte)2);
                w.Write7BitEncodedInt(d.Ids.Length);
                foreach (var id in d.Ids)
                {
                    WriteId(w, id);
                }
                break;
            case StreamMutation.Trim t:
                w.Write((byte)3);
                w.Write((byte)t.Spec.Strategy);
                w.Write(t.Spec.MaxLen);
                WriteId(w, t.Spec.MinId);
                w.Write(t.Spec.Approx);
                w.Write(t.Spec.Limit);
                break;
            case StreamMutation.SetId s:
                w.Write((byte)4);
                WriteId(w, s.LastId);
                w.Write(s.EntriesAdded.HasValue);
                w.Write(s.EntriesAdded ?? 0);
                w.Write(s.MaxDeletedId.HasValue);
                WriteId(w, s.MaxDeletedId ?? default);
                break;
            case StreamMutation.GroupAdded g:
                w.Write((byte)5);
                w.Write(g.Name);
                break;
            case StreamMutation.GroupRemoved g:
                w.Write((byte)6);
                w.Write(g.Name);
                break;
        }
    }

    public static StreamMutation ReadMutation(BinaryReader r)
    {
        switch (r.ReadByte())
        {
            case 1:
                return new StreamMutation.Append(ReadEntry(r), null);
            case 7:
                var startsNode = r.ReadBoolean();
                return new StreamMutation.Append(ReadEntry(r), startsNode);
            case 2:
                var ids = new StreamEntryId[r.Read7BitEncodedInt()];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = ReadId(r);
                }
                return new StreamMutation.Delete(ids);
            case 3:
                return new StreamMutation.Trim(new StreamTrim((TrimStrategy)r.ReadByte(), r.ReadInt64(), ReadId(r), r.ReadBoolean(), r.ReadInt64()));
            case 4:
                var last = ReadId(r);
                var hasAdded = r.ReadBoolean();
                var added = r.ReadUInt64();
                var hasMax = r.ReadBoolean();
                var max = ReadId(r);
                return new StreamMutation.SetId(last, hasAdded ? added : null, hasMax ? max : null);
            case 5:
                return new StreamMutation.GroupAdded(r.ReadString());
            case 6:
                return new StreamMutation.GroupRemoved(r.ReadString());
            default:
                throw new InvalidDataException("Unknown stream journal record.");
        }
    }

    public static BinaryWriter Writer(MemoryStream ms) => new(ms, Encoding.UTF8, leaveOpen: true);
}
