using System.Buffers.Binary;

namespace OrleansStreams.Storage;

/// <summary>
/// The header every snapshot is stored with, little-endian:
/// <c>["OSSN"][u32 CRC-32C of everything after it][i64 covered sequence][i64 first journal generation][payload]</c>.
/// Journal records with a sequence at or below the covered one are already in the snapshot; records
/// after it live in journal generations from the first one on.
/// </summary>
public static class SnapshotFrame
{
    public const int HeaderSize = 24;

    private const uint Magic = 0x4E53534F; // "OSSN"

    public static byte[] Encode(long coveredSequence, long firstGeneration, ReadOnlySpan<byte> payload)
    {
        var data = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(data, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), coveredSequence);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(16), firstGeneration);
        payload.CopyTo(data.AsSpan(HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), Crc32C.Compute(data.AsSpan(8)));
        return data;
    }

    /// <summary>Reads a stored snapshot; a damaged one is an error, never silently ignored (it is written atomically).</summary>
    public static ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> data, out long coveredSequence, out long firstGeneration)
    {
        var span = data.Span;
        if (span.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) != Crc32C.Compute(span[8..]))
        {
            throw new InvalidDataException("The stored snapshot is damaged (bad header or checksum).");
        }
        coveredSequence = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        firstGeneration = BinaryPrimitives.ReadInt64LittleEndian(span[16..]);
        return data[HeaderSize..];
    }
}
