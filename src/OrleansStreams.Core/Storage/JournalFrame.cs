using System.Buffers.Binary;

namespace OrleansStreams.Storage;

/// <summary>One journal record as stored: its sequence number and its payload.</summary>
public readonly record struct JournalRecord(long Sequence, ReadOnlyMemory<byte> Payload);

/// <summary>How reading a frame at a position ended.</summary>
public enum FrameStatus
{
    Valid,

    /// <summary>The data ends inside the frame (a torn write).</summary>
    Incomplete,

    /// <summary>The header or the checksum is wrong.</summary>
    Corrupt,
}

/// <summary>
/// The journal's record frame (docs/decisions/0008-journaled-state.md), little-endian:
/// <c>[u32 payload length][u32 CRC-32C of the length, sequence and payload][i64 sequence][payload]</c>.
/// A reader keeps the longest prefix of whole, valid frames; everything after the first bad byte is cut.
/// </summary>
public static class JournalFrame
{
    public const int HeaderSize = 16;

    /// <summary>Larger lengths are damage, not data (a record holds one group commit's changes of one grain).</summary>
    public const int MaxPayload = 1 << 30;

    public static int Size(int payloadLength) => HeaderSize + payloadLength;

    /// <summary>Writes one frame at the start of <paramref name="destination"/>; returns its size.</summary>
    public static int Write(Span<byte> destination, long sequence, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], sequence);
        payload.CopyTo(destination[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(destination, payload.Length));
        return HeaderSize + payload.Length;
    }

    public static byte[] Encode(long sequence, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[Size(payload.Length)];
        Write(frame, sequence, payload);
        return frame;
    }

    /// <summary>Reads the frame at the start of <paramref name="data"/>.</summary>
    public static FrameStatus TryRead(ReadOnlySpan<byte> data, out long sequence, out int payloadLength)
    {
        sequence = 0;
        payloadLength = 0;
        if (data.Length < HeaderSize)
        {
            return FrameStatus.Incomplete;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length > MaxPayload)
        {
            return FrameStatus.Corrupt;
        }
        if (data.Length < HeaderSize + (long)length)
        {
            return FrameStatus.Incomplete;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != Checksum(data, (int)length))
        {
            return FrameStatus.Corrupt;
        }
        sequence = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
        payloadLength = (int)length;
        return FrameStatus.Valid;
    }

    /// <summary>
    /// The whole, valid frames at the start of <paramref name="data"/> (payloads slice it, no copy) and
    /// the byte length they span: the journal is cut back to that length before anything is appended.
    /// </summary>
    public static List<JournalRecord> ReadValidPrefix(ReadOnlyMemory<byte> data, out int validLength)
    {
        var records = new List<JournalRecord>();
        var pos = 0;
        while (TryRead(data.Span[pos..], out var sequence, out var length) == FrameStatus.Valid)
        {
            records.Add(new JournalRecord(sequence, data.Slice(pos + HeaderSize, length)));
            pos += HeaderSize + length;
        }
        validLength = pos;
        return records;
    }

    private static uint Checksum(ReadOnlySpan<byte> frame, int payloadLength)
    {
        var crc = Crc32C.Append(uint.MaxValue, frame[..4]);
        crc = Crc32C.Append(crc, frame.Slice(8, 8 + payloadLength));
        return ~crc;
    }
}
