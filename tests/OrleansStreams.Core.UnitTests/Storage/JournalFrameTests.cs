using System.Text;
using OrleansStreams.Storage;

namespace OrleansStreams.Core.UnitTests.Storage;

public sealed class JournalFrameTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_value() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Frames_round_trip_with_their_sequence_numbers()
    {
        var data = Frames((7, "alpha"), (8, ""), (9, new string('x', 300)));

        var records = JournalFrame.ReadValidPrefix(data, out var valid);

        Assert.Equal(data.Length, valid);
        Assert.Equal([7L, 8L, 9L], records.Select(r => r.Sequence));
        Assert.Equal(["alpha", "", new string('x', 300)], records.Select(r => Encoding.UTF8.GetString(r.Payload.Span)));
    }

    [Fact]
    public void A_frame_cut_at_every_byte_offset_is_incomplete_and_the_prefix_before_it_stays()
    {
        var first = Frames((1, "first"));
        var data = Frames((1, "first"), (2, "second record"));
        for (var end = first.Length; end < data.Length; end++)
        {
            var records = JournalFrame.ReadValidPrefix(data.AsMemory(0, end), out var valid);
            Assert.Equal(first.Length, valid);
            Assert.Single(records);
            Assert.Equal(FrameStatus.Incomplete, JournalFrame.TryRead(data.AsSpan(first.Length, end - first.Length), out _, out _));
        }
    }

    [Fact]
    public void Any_flipped_bit_makes_the_frame_invalid()
    {
        var data = Frames((5, "payload"));
        for (var i = 0; i < data.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])data.Clone();
                damaged[i] ^= (byte)(1 << bit);
                Assert.NotEqual(FrameStatus.Valid, JournalFrame.TryRead(damaged, out _, out _));
            }
        }
    }

    [Fact]
    public void Snapshot_frame_round_trips_and_rejects_damage()
    {
        var snapshot = SnapshotFrame.Encode(42, 3, "state"u8);
        var payload = SnapshotFrame.Decode(snapshot, out var covered, out var generation);
        Assert.Equal((42L, 3L, "state"), (covered, generation, Encoding.UTF8.GetString(payload.Span)));

        snapshot[^1] ^= 1;
        Assert.Throws<InvalidDataException>(() => SnapshotFrame.Decode(snapshot, out _, out _));
    }

    private static byte[] Frames(params (long Sequence, string Payload)[] records)
    {
        var frames = records.Select(r => JournalFrame.Encode(r.Sequence, Encoding.UTF8.GetBytes(r.Payload))).ToList();
        return frames.SelectMany(f => f).ToArray();
    }
}
