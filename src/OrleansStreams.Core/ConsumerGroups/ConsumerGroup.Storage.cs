using System.Text;

using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroup
{
    private const int FormatVersion = 1;

    /// <summary>The whole group in binary form, with the journal sequence it covers.</summary>
    public byte[] EncodeSnapshot(long journalSequence)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            w.Write(journalSequence);
            w.Write(Name);
            StreamCodec.WriteId(w, LastDeliveredId);
            w.Write(EntriesRead);
            w.Write(MaxDeliveries);
            w.Write(DeadLetterStream is not null);
            w.Write(DeadLetterStream ?? "");
            w.Write(DeadLetteredCount);
            w.Write7BitEncodedInt(_consumers.Count);
            foreach (var c in _consumers.Values)
            {
                w.Write(c.Name);
                w.Write(c.SeenTimeMs);
                w.Write(c.ActiveTimeMs);
            }
            w.Write7BitEncodedInt(_pel.Count);
            foreach (var p in Pending)
            {
                StreamCodec.WriteId(w, p.Id);
                w.Write(p.Consumer);
                w.Write(p.DeliveryTimeMs);
                w.Write(p.DeliveryCount);
            }
        }
        return ms.ToArray();
    }

    public static ConsumerGroup DecodeSnapshot(ReadOnlySpan<byte> data, out long journalSequence)
    {
        using var r = new BinaryReader(new MemoryStream(data.ToArray()), Encoding.UTF8);
        if (r.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown consumer group snapshot format.");
        }
        journalSequence = r.ReadInt64();
        var group = ForReplay(r.ReadString());
        group.Apply(new ConsumerGroupMutation.Cursor(StreamCodec.ReadId(r), r.ReadInt64()));
        var max = r.ReadInt64();
        var hasStream = r.ReadBoolean();
        var stream = r.ReadString();
        group.Apply(new ConsumerGroupMutation.DeadLetterPolicySet(max, hasStream ? stream : null));
        group.DeadLetteredCount = r.ReadInt64();
        var consumers = r.Read7BitEncodedInt();
        for (var i = 0; i < consumers; i++)
        {
            var c = new GroupConsumer(r.ReadString(), r.ReadInt64(), r.ReadInt64());
            group._consumers[c.Name] = c;
        }
        var pending = r.Read7BitEncodedInt();
        for (var i = 0; i < pending; i++)
        {
            group.Apply(new ConsumerGroupMutation.Delivered(StreamCodec.ReadId(r), r.ReadString(), r.ReadInt64(), r.ReadInt64()));
        }
        group.RecordMutations = true;
        return group;
    }

    public static byte[] EncodeMutations(IReadOnlyList<ConsumerGroupMutation> mutations, long sequence)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(sequence);
            w.Write7BitEncodedInt(mutations.Count);
            foreach (var m in mutations)
            {
                WriteMutation(w, m);
            }
        }
        return ms.ToArray();
    }

    public static List<ConsumerGroupMutation> DecodeMutations(ReadOnlySpan<byte> record, out long sequence)
    {
        using var r = new BinaryReader(new MemoryStream(record.ToArray()), Encoding.UTF8);
        sequence = r.ReadInt64();
        var list = new List<ConsumerGroupMutation>();
        for (var i = r.Read7BitEncodedInt(); i > 0; i--)
        {
            list.Add(ReadMutation(r));
        }
        return list;
    }

    private static void WriteMutation(BinaryWriter w, ConsumerGroupMutation m)
    {
        switch (m)
        {
            case ConsumerGroupMutation.Cursor c:
                w.Write((byte)1);
                StreamCodec.WriteId(w, c.LastId);
                w.Write(c.EntriesRead);
                break;
            case ConsumerGroupMutation.ConsumerCreated c:
                w.Write((byte)2);
                w.Write(c.Name);
                w.Write(c.NowMs);
                break;
            case ConsumerGroupMutation.ConsumerDeleted d:
                w.Write((byte)3);
                w.Write(d.Name);
                break;
            case ConsumerGroupMutation.ConsumerSeen s:
                w.Write((byte)4);
                w.Write(s.Name);
                w.Write(s.NowMs);
                w.Write(s.Active);
                break;
            case ConsumerGroupMutation.Delivered d:
                w.Write((byte)5);
                StreamCodec.WriteId(w, d.Id);
                w.Write(d.Consumer);
                w.Write(d.TimeMs);
                w.Write(d.Count);
                break;
            case ConsumerGroupMutation.Acked a:
                w.Write((byte)6);
                StreamCodec.WriteId(w, a.Id);
                break;
            case ConsumerGroupMutation.DeadLetterPolicySet p:
                w.Write((byte)7);
                w.Write(p.MaxDeliveries);
                w.Write(p.Stream is not null);
                w.Write(p.Stream ?? "");
                break;
            case ConsumerGroupMutation.DeadLettered d:
                w.Write((byte)8);
                w.Write(d.Count);
                break;
        }
    }

    private static ConsumerGroupMutation ReadMutation(BinaryReader r) => r.ReadByte() switch
    {
        1 => new ConsumerGroupMutation.Cursor(StreamCodec.ReadId(r), r.ReadInt64()),
        2 => new ConsumerGroupMutation.ConsumerCreated(r.ReadString(), r.ReadInt64()),
        3 => new ConsumerGroupMutation.ConsumerDeleted(r.ReadString()),
        4 => new ConsumerGroupMutation.ConsumerSeen(r.ReadString(), r.ReadInt64(), r.ReadBoolean()),
        5 => new ConsumerGroupMutation.Delivered(StreamCodec.ReadId(r), r.ReadString(), r.ReadInt64(), r.ReadInt64()),
        6 => new ConsumerGroupMutation.Acked(StreamCodec.ReadId(r)),
        7 => ReadPolicy(r),
        8 => new ConsumerGroupMutation.DeadLettered(r.ReadInt64()),
        _ => throw new InvalidDataException("Unknown consumer group journal record."),
    };

    private static ConsumerGroupMutation ReadPolicy(BinaryReader r)
    {
        var max = r.ReadInt64();
        var has = r.ReadBoolean();
        var stream = r.ReadString();
        return new ConsumerGroupMutation.DeadLetterPolicySet(max, has ? stream : null);
    }
}
