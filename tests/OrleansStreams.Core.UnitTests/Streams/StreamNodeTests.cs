using System.Text;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Streams;

/// <summary>Nodes are Redis listpacks: their encoding, their size, and where appends start a new one.</summary>
public sealed class StreamNodeTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static StreamEntry E(ulong ms, params string[] fields) => new(new StreamEntryId(ms, 0), [.. fields.Select(B)]);

    [Theory]
    [InlineData(0, new byte[] { 0x00, 0x01 })]
    [InlineData(127, new byte[] { 0x7F, 0x01 })]
    [InlineData(128, new byte[] { 0xC0, 0x80, 0x02 })]
    [InlineData(-1, new byte[] { 0xDF, 0xFF, 0x02 })]
    [InlineData(4095, new byte[] { 0xCF, 0xFF, 0x02 })]
    [InlineData(-4096, new byte[] { 0xD0, 0x00, 0x02 })]
    [InlineData(4096, new byte[] { 0xF1, 0x00, 0x10, 0x03 })]
    [InlineData(-32768, new byte[] { 0xF1, 0x00, 0x80, 0x03 })]
    [InlineData(32768, new byte[] { 0xF2, 0x00, 0x80, 0x00, 0x04 })]
    [InlineData(-8388609, new byte[] { 0xF3, 0xFF, 0xFF, 0x7F, 0xFF, 0x05 })]
    [InlineData(long.MaxValue, new byte[] { 0xF4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x09 })]
    public void Integers_take_listpack_encodings_and_read_back(long value, byte[] expected)
    {
        var buffer = new byte[16];
        var written = Listpack.WriteInt(buffer, value);
        Assert.Equal(expected, buffer[..written]);
        Assert.Equal(expected.Length, Listpack.IntElementSize(value));
        var pos = 0;
        Assert.Equal(value, Listpack.ReadInt(buffer, ref pos));
        Assert.Equal(written, pos);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-12", true)]
    [InlineData("9223372036854775807", true)]
    [InlineData("-9223372036854775808", true)]
    [InlineData("9223372036854775808", false)]
    [InlineData("007", false)]
    [InlineData("-0", false)]
    [InlineData("+1", false)]
    [InlineData("1 ", false)]
    [InlineData("", false)]
    public void Only_canonical_integer_strings_are_stored_as_integers_and_read_back_as_written(string text, bool integer)
    {
        Assert.Equal(integer, Listpack.TryParseInt64(B(text), out _));
        var buffer = new byte[64];
        var written = Listpack.WriteString(buffer, B(text));
        Assert.Equal(written, Listpack.StringElementSize(B(text)));
        var pos = 0;
        Assert.Equal(text, Encoding.UTF8.GetString(Listpack.ReadBytes(buffer, ref pos)));
        Assert.Equal(written, pos);
    }

    [Theory]
    [InlineData(63, 1 + 63 + 1)]
    [InlineData(64, 2 + 64 + 1)]
    [InlineData(125, 2 + 125 + 1)]
    [InlineData(126, 2 + 126 + 2)]
    [InlineData(200, 2 + 200 + 2)]
    [InlineData(4096, 5 + 4096 + 2)]
    public void Strings_take_6_12_or_32_bit_lengths_and_a_back_length_of_their_size(int length, int size)
    {
        var text = new string('x', length);
        Assert.Equal(size, Listpack.StringElementSize(B(text)));
        var buffer = new byte[size];
        Assert.Equal(size, Listpack.WriteString(buffer, B(text)));
        var pos = 0;
        Assert.Equal(text, Encoding.UTF8.GetString(Listpack.ReadBytes(buffer, ref pos)));
    }

    [Fact]
    public void A_node_is_the_listpack_redis_builds_for_the_same_appends()
    {
        // XADD s 5-0 f v; XADD s 6-0 f 12; XADD s 7-0 g x; XDEL s 6-0 — bytes as redis-server 7.0 lays them out.
        var node = new StreamNode();
        node.Add(E(5, "f", "v"));
        node.Add(new StreamEntry(new StreamEntryId(6, 0), [B("f"), B("12")]));
        node.Add(E(7, "g", "x"));
        Assert.True(node.Delete(new StreamEntryId(6, 0)));
        byte[] expected =
        [
            .. new byte[] { 0, 0, 0, 0, 0, 0 }, // header, filled below
            0x02, 0x01, // live 2
            0x01, 0x01, // deleted 1
            0x01, 0x01, // master: 1 field
            0x81, (byte)'f', 0x02, // "f"
            0x00, 0x01, // master terminator
            0x02, 0x01, 0x00, 0x01, 0x00, 0x01, 0x81, (byte)'v', 0x02, 0x04, 0x01, // SAMEFIELDS, +0 ms, +0 seq, "v", lp-count 4
            0x03, 0x01, 0x01, 0x01, 0x00, 0x01, 0x0C, 0x01, 0x04, 0x01, // SAMEFIELDS|DELETED, +1 ms, 12, lp-count 4
            0x00, 0x01, 0x02, 0x01, 0x00, 0x01, 0x01, 0x01, 0x81, (byte)'g', 0x02, 0x81, (byte)'x', 0x02, 0x06, 0x01, // fields differ: 1 field, "g", "x", lp-count 6
            0xFF,
        ];
        var elements = 2 + 3 + 5 + 5 + 7;
        BitConverter.TryWriteBytes(expected.AsSpan(0, 4), expected.Length);
        BitConverter.TryWriteBytes(expected.AsSpan(4, 2), (ushort)elements);
        Assert.Equal(expected, node.ToListpack());
        Assert.Equal(expected.Length, node.Bytes);
        Assert.Equal(2, node.LiveCount);
        Assert.Equal(3, node.SlotCount);
        Assert.Equal(["g", "x"], node.EntryAt(2)!.Fields.Select(Encoding.UTF8.GetString));
        Assert.Null(node.EntryAt(1));
    }

    [Fact]
    public void A_stored_node_reads_back_with_its_deleted_slots_and_size()
    {
        var node = new StreamNode();
        for (ulong ms = 1; ms <= 30; ms++)
        {
            node.Add(ms % 3 == 0 ? E(ms, "other", new string('y', (int)ms * 7)) : E(ms, "f", (ms * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        node.TrimFront(id => id.Ms <= 4);
        node.Delete(new StreamEntryId(20, 0));
        var copy = StreamNode.FromStored(node.FirstSlotId, node.Body.ToArray());
        Assert.Equal(node.ToListpack(), copy.ToListpack());
        Assert.Equal((node.SlotCount, node.LiveCount, node.LastSlotId), (copy.SlotCount, copy.LiveCount, copy.LastSlotId));
        Assert.Equal(node.LiveEntries().Select(e => e.Id), copy.LiveEntries().Select(e => e.Id));
        Assert.Equal(new StreamEntryId(21, 0), copy.IdAt(copy.LowerBound(new StreamEntryId(20, 0)) + 1));
    }

    [Fact]
    public void Appends_start_a_node_by_entry_count_or_by_listpack_bytes_and_replay_the_same_after_limits_change()
    {
        var log = new StreamLog(new StreamLogOptions { NodesPerSegment = 3 });
        var snapshot = log.EncodeSnapshot(0);
        var limits = new StreamNodeLimits(3, 4096);
        for (ulong ms = 1; ms <= 7; ms++)
        {
            log.Append(E(ms, "f", "v"), limits);
        }
        Assert.Equal(3, log.NodeCount);
        // A node of 1,000 bytes: the next 3,500-byte value reaches 4,096 and starts a node, as Redis checks lp_bytes + value bytes.
        log.Append(E(8, "f", new string('a', 1000)), new StreamNodeLimits(0, 4096));
        log.Append(E(9, "f", new string('b', 3500)), new StreamNodeLimits(0, 4096));
        Assert.Equal(4, log.NodeCount);
        log.Append(E(10, "f", "v"), new StreamNodeLimits(0, 0));
        Assert.Equal(4, log.NodeCount);

        var replayed = StreamLog.DecodeSnapshot(snapshot, new StreamLogOptions { NodesPerSegment = 3 }, out _);
        foreach (var m in StreamLog.DecodeMutations(StreamLog.EncodeMutations(log.DrainMutations(), 1), out _))
        {
            replayed.Apply(m);
        }
        Assert.Equal(log.NodeCount, replayed.NodeCount);
        Assert.Equal(log.Length, replayed.Length);
        // Approximate trims cut at the same node boundaries.
        Assert.Equal(log.Trim(StreamTrim.ToMaxLength(4, approx: true)), replayed.Trim(StreamTrim.ToMaxLength(4, approx: true)));
        Assert.Equal(log.Length, replayed.Length);
    }
}
