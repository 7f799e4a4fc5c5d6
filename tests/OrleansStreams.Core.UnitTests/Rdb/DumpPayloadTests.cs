using System.Text;
using OrleansStreams.Rdb;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Rdb;

public sealed class DumpPayloadTests
{
    public static TheoryData<string> Keys() => [.. RedisDumps.Hex.Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Redis_payload_reads_and_writes_back_byte_for_byte(string key)
    {
        var payload = RedisDumps.Bytes(key);

        Assert.True(DumpPayload.Verify(payload));
        var value = DumpPayload.Read(payload);

        Assert.Equal(Convert.ToHexString(payload), Convert.ToHexString(DumpPayload.Create(value)));
    }

    [Fact]
    public void Crc64_is_redis_jones_polynomial() =>
        Assert.Equal(0xe9c6d914c4b8d9caUL, Crc64.Compute("123456789"u8));

    [Fact]
    public void A_changed_byte_fails_the_checksum()
    {
        var payload = RedisDumps.Bytes("str:text");
        payload[3] ^= 1;

        Assert.False(DumpPayload.Verify(payload));
    }

    [Fact]
    public void A_newer_rdb_version_fails_verification_even_with_a_right_checksum()
    {
        var payload = RedisDumps.Bytes("str:neg");
        payload[^10] = 11;
        WriteChecksum(payload);

        Assert.False(DumpPayload.Verify(payload));
    }

    [Fact]
    public void Payload_shorter_than_its_footer_fails_verification() => Assert.False(DumpPayload.Verify(new byte[9]));

    [Fact]
    public void Stream_payload_has_nodes_deleted_slots_counters_and_groups()
    {
        var stream = Assert.IsType<RdbStream>(DumpPayload.Read(RedisDumps.Bytes("stream")));

        Assert.Equal(2, stream.Nodes.Count);
        Assert.Equal(new StreamEntryId(2000, 0), stream.LastId);
        Assert.Equal(151UL, stream.EntriesAdded);
        Assert.Equal(new StreamEntryId(1001, 2), stream.MaxDeletedId);
        Assert.Equal((ulong)stream.Nodes.Sum(n => n.Slots.Count(s => !s.Deleted)), stream.Length);
        Assert.Contains(stream.Nodes[0].Slots, s => s.Deleted && s.Fields.Length == 4);
        Assert.Equal(["g1", "g2"], stream.Groups.Select(g => Encoding.ASCII.GetString(g.Name)));
        var g1 = stream.Groups[0];
        Assert.Equal(5, g1.Pending.Count);
        Assert.Equal(["alice", "bob"], g1.Consumers.Select(c => Encoding.ASCII.GetString(c.Name)));
        Assert.Equal(3, g1.Consumers[0].Pending.Count);
    }

    [Fact]
    public void Truncated_payload_object_is_a_format_error()
    {
        var body = RedisDumps.Bytes("stream")[..^10];

        Assert.Throws<RdbFormatException>(() => DumpPayload.Read(Reframe(body[..(body.Length / 2)])));
    }

    /// <summary>A payload of <paramref name="body"/> (type and object) with a right footer.</summary>
    internal static byte[] Reframe(byte[] body)
    {
        var payload = new byte[body.Length + 10];
        body.CopyTo(payload, 0);
        payload[body.Length] = 10;
        WriteChecksum(payload);
        return payload;
    }

    private static void WriteChecksum(byte[] payload) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(payload.Length - 8), Crc64.Compute(payload.AsSpan(0, payload.Length - 8)));
}
