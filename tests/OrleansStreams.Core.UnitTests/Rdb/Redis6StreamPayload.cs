using System.Buffers.Binary;
using OrleansStreams.Rdb;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Rdb;

/// <summary>
/// Writes a stream as Redis 5 and 6 did (RDB_TYPE_STREAM_LISTPACKS, RDB version 9): the nodes, length and last ID, and
/// groups without entries-read; no first ID, max-deleted ID or entries-added.
/// </summary>
internal static class Redis6StreamPayload
{
    public static byte[] Create(RdbStream stream)
    {
        var w = new RdbWriter().WriteByte(RdbFormat.TypeStreamListpacks).WriteLength((ulong)stream.Nodes.Count);
        foreach (var node in stream.Nodes)
        {
            w.WriteString(RawId(node.MasterId)).WriteString(RdbStreamCodec.EncodeNode(node));
        }
        w.WriteLength(stream.Length).WriteLength(stream.LastId.Ms).WriteLength(stream.LastId.Seq);
        w.WriteLength((ulong)stream.Groups.Count);
        foreach (var group in stream.Groups)
        {
            w.WriteString(group.Name).WriteLength(group.LastDeliveredId.Ms).WriteLength(group.LastDeliveredId.Seq);
            w.WriteLength((ulong)group.Pending.Count);
            foreach (var nack in group.Pending)
            {
                w.WriteRaw(RawId(nack.Id)).WriteMilliseconds(nack.DeliveryTimeMs).WriteLength(nack.DeliveryCount);
            }
            w.WriteLength((ulong)group.Consumers.Count);
            foreach (var consumer in group.Consumers)
            {
                w.WriteString(consumer.Name).WriteMilliseconds(consumer.SeenTimeMs).WriteLength((ulong)consumer.Pending.Count);
                foreach (var id in consumer.Pending)
                {
                    w.WriteRaw(RawId(id));
                }
            }
        }
        var body = w.WriteByte(9).WriteByte(0).ToArray();
        var payload = new byte[body.Length + 8];
        body.CopyTo(payload, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(body.Length), Crc64.Compute(body));
        return payload;
    }

    private static byte[] RawId(StreamEntryId id)
    {
        var raw = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(raw, id.Ms);
        BinaryPrimitives.WriteUInt64BigEndian(raw.AsSpan(8), id.Seq);
        return raw;
    }
}
