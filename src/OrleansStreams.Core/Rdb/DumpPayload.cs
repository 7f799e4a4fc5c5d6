using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>
/// DUMP payloads as Redis' createDumpPayload / verifyDumpPayload (src/cluster.c) frame them: the type byte and
/// serialized object, the RDB version (2 bytes little endian; Redis 7.0 writes 10), and the CRC-64 of everything
/// before it (8 bytes little endian).
/// </summary>
public static class DumpPayload
{
    private const int FooterSize = 10;

    public static byte[] Create(RdbValue value)
    {
        var w = new RdbWriter();
        RdbObjectCodec.Write(w, value);
        w.WriteByte((byte)RdbFormat.Version).WriteByte(RdbFormat.Version >> 8);
        var body = w.ToArray();
        var payload = new byte[body.Length + 8];
        body.CopyTo(payload, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(body.Length), Crc64.Compute(body));
        return payload;
    }

    /// <summary>verifyDumpPayload: at least the footer, an RDB version this server reads (at most 10), and the checksum.</summary>
    public static bool Verify(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FooterSize)
        {
            return false;
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(payload[^FooterSize..]);
        return version <= RdbFormat.Version
            && BinaryPrimitives.ReadUInt64LittleEndian(payload[^8..]) == Crc64.Compute(payload[..^8]);
    }

    /// <summary>
    /// The value of a verified payload; <see cref="RdbFormatException"/> when it cannot be read (RESTORE's
    /// <c>Bad data format</c>). Bytes between the object and the footer are ignored, as Redis ignores them.
    /// </summary>
    public static RdbValue Read(ReadOnlyMemory<byte> payload) => RdbObjectCodec.Read(new RdbReader(payload[..^FooterSize]));
}
