using System.Buffers.Binary;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Keyspace;
using OrleansStreams.Streams;

namespace OrleansStreams.Rdb;

/// <summary>
/// Streams in RDB form, as Redis 7.0's rdbSaveObject / rdbLoadObject (src/rdb.c) and the node layout of
/// src/t_stream.c: per node the master ID (16 bytes big endian) and the listpack, then length, last ID, first ID,
/// max-deleted ID, entries-added, and the consumer groups with their pending entries and consumers.
/// </summary>
public static class RdbStreamCodec
{
    /// <summary>RDB_TYPE_STREAM_LISTPACKS_2's body.</summary>
    public static void Write(RdbWriter w, RdbStream stream)
    {
        w.WriteLength((ulong)stream.Nodes.Count);
        Span<byte> key = stackalloc byte[16];
        foreach (var node in stream.Nodes)
        {
            WriteRawId(key, node.MasterId);
            w.WriteString(key);
            w.WriteString(EncodeNode(node));
        }
        w.WriteLength(stream.Length);
        WriteId(w, stream.LastId);
        WriteId(w, stream.FirstId);
        WriteId(w, stream.MaxDeletedId);
        w.WriteLength(stream.EntriesAdded);
        w.WriteLength((ulong)stream.Groups.Count);
        foreach (var group in stream.Groups.OrderBy(g => g.Name, ByteArrayComparer.Instance))
        {
            w.WriteString(group.Name);
            WriteId(w, group.LastDeliveredId);
            w.WriteLength((ulong)group.EntriesRead);
            w.WriteLength((ulong)group.Pending.Count);
            foreach (var nack in group.Pending.OrderBy(p => p.Id))
            {
                WriteRawId(key, nack.Id);
                w.WriteRaw(key);
                w.WriteMilliseconds(nack.DeliveryTimeMs);
                w.WriteLength(nack.DeliveryCount);
            }
            w.WriteLength((ulong)group.Consumers.Count);
            foreach (var consumer in group.Consumers.OrderBy(c => c.Name, ByteArrayComparer.Instance))
            {
                w.WriteString(consumer.Name);
                w.WriteMilliseconds(consumer.SeenTimeMs);
                w.WriteLength((ulong)consumer.Pending.Count);
                foreach (var id in consumer.Pending.Order())
                {
                    WriteRawId(key, id);
                    w.WriteRaw(key);
                }
            }
        }
    }

    /// <summary>
    /// Reads a stream of type 15 (Redis 5/6) or 19 (7.0). For type 15 the fields it lacks are computed as Redis 7.0's
    /// rdbLoadObject does: entries-added = length, max-deleted = 0-0, first ID = the first live entry's (the maximum ID
    /// when none), and each group's entries-read estimated from the stream (streamEstimateDistanceFromFirstEverEntry).
    /// </summary>
    public static RdbStream Read(RdbReader r, byte type)
    {
        var nodeCount = r.ReadCount();
        var nodes = new List<RdbStreamNode>(nodeCount);
        StreamEntryId? previous = null;
        for (var n = 0; n < nodeCount; n++)
        {
            var key = r.ReadString();
            if (key.Length != 16)
            {
                throw new RdbFormatException("Stream node key entry is not the size of a stream ID.");
            }
            var node = DecodeNode(ReadRawId(key), r.ReadString());
            foreach (var slot in node.Slots)
            {
                if (previous is { } p && slot.Id <= p)
                {
                    throw new RdbFormatException("Stream entries out of order.");
                }
                previous = slot.Id;
            }
            nodes.Add(node);
        }
        var length = r.ReadLength();
        var lastId = ReadId(r);
        var live = nodes.SelectMany(node => node.Slots).Where(s => !s.Deleted).ToList();
        StreamEntryId firstId, maxDeleted;
        ulong entriesAdded;
        if (type == RdbFormat.TypeStreamListpacks2)
        {
            firstId = ReadId(r);
            maxDeleted = ReadId(r);
            entriesAdded = r.ReadLength();
        }
        else
        {
            firstId = live.Count > 0 ? live[0].Id : StreamEntryId.Max;
            maxDeleted = StreamEntryId.Min;
            entriesAdded = length;
        }
        if (length != 0 && nodes.Count == 0)
        {
            throw new RdbFormatException("Stream length inconsistent with rax entries.");
        }
        var stats = new StreamStats(entriesAdded, (long)length, firstId, lastId, maxDeleted);
        var groupCount = r.ReadCount();
        var groups = new List<RdbStreamGroup>(groupCount);
        for (var g = 0; g < groupCount; g++)
        {
            groups.Add(ReadGroup(r, type, stats, groups));
        }
        return new RdbStream(nodes, length, lastId, firstId, maxDeleted, entriesAdded, groups);
    }

    private static RdbStreamGroup ReadGroup(RdbReader r, byte type, StreamStats stats, List<RdbStreamGroup> earlier)
    {
        var name = r.ReadString();
        if (earlier.Any(g => g.Name.AsSpan().SequenceEqual(name)))
        {
            throw new RdbFormatException("Duplicated consumer group name.");
        }
        var lastDelivered = ReadId(r);
        var entriesRead = type == RdbFormat.TypeStreamListpacks2
            ? (long)r.ReadLength()
            : ConsumerGroup.EstimateDistanceFromFirstEverEntry(stats, lastDelivered) ?? ConsumerGroup.UnknownEntriesRead;
        var pending = new SortedDictionary<StreamEntryId, RdbPendingEntry>();
        for (var i = r.ReadCount(); i > 0; i--)
        {
            var id = ReadRawId(r.ReadRaw(16));
            var nack = new RdbPendingEntry(id, r.ReadMilliseconds(), r.ReadLength());
            if (!pending.TryAdd(id, nack))
            {
                throw new RdbFormatException("Duplicated global PEL entry loading stream consumer group.");
            }
        }
        var owned = new HashSet<StreamEntryId>();
        var consumers = new List<RdbConsumer>();
        for (var c = r.ReadCount(); c > 0; c--)
        {
            var consumerName = r.ReadString();
            if (consumers.Any(x => x.Name.AsSpan().SequenceEqual(consumerName)))
            {
                throw new RdbFormatException("Duplicate stream consumer detected.");
            }
            var seen = r.ReadMilliseconds();
            var ids = new List<StreamEntryId>();
            for (var i = r.ReadCount(); i > 0; i--)
            {
                var id = ReadRawId(r.ReadRaw(16));
                if (!pending.ContainsKey(id))
                {
                    throw new RdbFormatException("Consumer entry not found in group global PEL.");
                }
                if (!owned.Add(id))
                {
                    throw new RdbFormatException("Duplicated consumer PEL entry loading a stream consumer group.");
                }
                ids.Add(id);
            }
            consumers.Add(new RdbConsumer(consumerName, seen, ids));
        }
        // Redis checks this only with sanitize-dump-payload; a pending entry without an owner cannot be served.
        if (owned.Count != pending.Count)
        {
            throw new RdbFormatException("Stream CG PEL entry without consumer.");
        }
        return new RdbStreamGroup(name, lastDelivered, entriesRead, [.. pending.Values], consumers);
    }

    /// <summary>A node's listpack, as t_stream.c's streamAppendItem builds it slot by slot.</summary>
    public static byte[] EncodeNode(RdbStreamNode node)
    {
        var lp = new ListpackWriter();
        var deleted = node.Slots.Count(s => s.Deleted);
        lp.Add(node.Slots.Count - deleted).Add(deleted).Add(node.MasterFields.Length);
        foreach (var field in node.MasterFields)
        {
            lp.Add(field);
        }
        lp.Add(0); // master entry terminator
        foreach (var slot in node.Slots)
        {
            var fieldCount = slot.Fields.Length / 2;
            var same = SameFields(slot.Fields, node.MasterFields);
            lp.Add((slot.Deleted ? RdbFormat.StreamItemDeleted : 0) | (same ? RdbFormat.StreamItemSameFields : 0));
            lp.Add((long)(slot.Id.Ms - node.MasterId.Ms)).Add((long)(slot.Id.Seq - node.MasterId.Seq));
            if (!same)
            {
                lp.Add(fieldCount);
            }
            for (var i = 0; i < fieldCount; i++)
            {
                if (!same)
                {
                    lp.Add(slot.Fields[2 * i]);
                }
                lp.Add(slot.Fields[2 * i + 1]);
            }
            lp.Add(fieldCount + 3 + (same ? 0 : fieldCount + 1));
        }
        return lp.ToArray();
    }

    /// <summary>Reads a node's listpack, checking its counts as Redis' deep integrity check does.</summary>
    public static RdbStreamNode DecodeNode(StreamEntryId masterId, byte[] listpack)
    {
        var values = ListpackReader.Read(listpack);
        var i = 0;
        ListpackValue Next() => i < values.Count ? values[i++] : throw new RdbFormatException("Stream listpack ends inside an entry.");
        int Count(long v) => v is >= 0 and <= int.MaxValue ? (int)v : throw new RdbFormatException("Stream listpack count out of range.");
        var live = Count(Next().ToInteger());
        var deleted = Count(Next().ToInteger());
        var master = new byte[Count(Next().ToInteger())][];
        for (var f = 0; f < master.Length; f++)
        {
            master[f] = Next().ToBytes();
        }
        if (Next().ToInteger() != 0)
        {
            throw new RdbFormatException("Stream master entry is not terminated.");
        }
        var slots = new List<RdbStreamSlot>();
        while (i < values.Count)
        {
            var flags = Next().ToInteger();
            var id = new StreamEntryId(masterId.Ms + (ulong)Next().ToInteger(), masterId.Seq + (ulong)Next().ToInteger());
            var same = (flags & RdbFormat.StreamItemSameFields) != 0;
            var fieldCount = same ? master.Length : Count(Next().ToInteger());
            var fields = new byte[2 * fieldCount][];
            for (var f = 0; f < fieldCount; f++)
            {
                fields[2 * f] = same ? master[f] : Next().ToBytes();
                fields[2 * f + 1] = Next().ToBytes();
            }
            if (Next().ToInteger() != fieldCount + 3 + (same ? 0 : fieldCount + 1))
            {
                throw new RdbFormatException("Stream entry lp-count is wrong.");
            }
            if (slots.Count > 0 && id <= slots[^1].Id)
            {
                throw new RdbFormatException("Stream entries out of order.");
            }
            slots.Add(new RdbStreamSlot(id, (flags & RdbFormat.StreamItemDeleted) != 0, fields));
        }
        if (slots.Count == 0 || slots.Count != live + deleted || slots.Count(s => s.Deleted) != deleted)
        {
            throw new RdbFormatException("Stream listpack counts are wrong.");
        }
        return new RdbStreamNode(masterId, master, slots);
    }

    private static bool SameFields(byte[][] fields, byte[][] master)
    {
        if (fields.Length != 2 * master.Length)
        {
            return false;
        }
        for (var i = 0; i < master.Length; i++)
        {
            if (!fields[2 * i].AsSpan().SequenceEqual(master[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static void WriteId(RdbWriter w, StreamEntryId id) => w.WriteLength(id.Ms).WriteLength(id.Seq);

    private static StreamEntryId ReadId(RdbReader r) => new(r.ReadLength(), r.ReadLength());

    private static void WriteRawId(Span<byte> buf, StreamEntryId id)
    {
        BinaryPrimitives.WriteUInt64BigEndian(buf, id.Ms);
        BinaryPrimitives.WriteUInt64BigEndian(buf[8..], id.Seq);
    }

    private static StreamEntryId ReadRawId(ReadOnlySpan<byte> raw) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(raw), BinaryPrimitives.ReadUInt64BigEndian(raw[8..]));
}
