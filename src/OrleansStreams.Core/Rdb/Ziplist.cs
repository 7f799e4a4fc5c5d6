using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>
/// Reads Redis' ziplist (src/ziplist.c), the small-collection encoding of Redis before 7.0 (hashes, list quicklist
/// nodes): zlbytes u32, zltail u32, zllen u16, entries (previous length, encoding, data), 0xFF.
/// </summary>
public static class Ziplist
{
    public static List<byte[]> Read(ReadOnlySpan<byte> zl)
    {
        if (zl.Length < 11 || BinaryPrimitives.ReadUInt32LittleEndian(zl) != zl.Length || zl[^1] != 0xff)
        {
            throw new RdbFormatException("Ziplist header or end is wrong.");
        }
        var declared = BinaryPrimitives.ReadUInt16LittleEndian(zl[8..]);
        var items = new List<byte[]>();
        var p = 10;
        var previousLength = 0;
        while (zl[p] != 0xff)
        {
            var start = p;
            long prevlen = zl[p] switch
            {
                < 254 => zl[p],
                254 => BinaryPrimitives.ReadUInt32LittleEndian(Take(zl, p + 1, 4)),
                _ => -1,
            };
            p += zl[p] < 254 ? 1 : 5;
            if (prevlen != previousLength)
            {
                throw new RdbFormatException("Ziplist previous-entry length is wrong.");
            }
            items.Add(ReadEntry(zl, ref p));
            previousLength = p - start;
            if (p >= zl.Length)
            {
                throw new RdbFormatException("Ziplist entry runs past its end.");
            }
        }
        if (p != zl.Length - 1 || (declared != ushort.MaxValue && declared != items.Count))
        {
            throw new RdbFormatException("Ziplist element count is wrong.");
        }
        return items;
    }

    private static byte[] ReadEntry(ReadOnlySpan<byte> zl, ref int p)
    {
        var b = Take(zl, p, 1)[0];
        switch (b >> 6)
        {
            case 0:
                return String(zl, ref p, 1, b & 0x3f);
            case 1:
                return String(zl, ref p, 2, ((b & 0x3f) << 8) | Take(zl, p + 1, 1)[0]);
            case 2:
                return String(zl, ref p, 5, checked((int)BinaryPrimitives.ReadUInt32BigEndian(Take(zl, p + 1, 4))));
        }
        long value;
        var size = 0;
        switch (b)
        {
            case 0xc0:
                value = BinaryPrimitives.ReadInt16LittleEndian(Take(zl, p + 1, size = 2));
                break;
            case 0xd0:
                value = BinaryPrimitives.ReadInt32LittleEndian(Take(zl, p + 1, size = 4));
                break;
            case 0xe0:
                value = BinaryPrimitives.ReadInt64LittleEndian(Take(zl, p + 1, size = 8));
                break;
            case 0xf0:
                var raw = Take(zl, p + 1, size = 3);
                value = ((raw[0] | (raw[1] << 8) | (raw[2] << 16)) << 8) >> 8;
                break;
            case 0xfe:
                value = (sbyte)Take(zl, p + 1, size = 1)[0];
                break;
            case >= 0xf1 and <= 0xfd:
                value = (b & 0x0f) - 1;
                break;
            default:
                throw new RdbFormatException("Unknown ziplist encoding.");
        }
        p += 1 + size;
        return RdbIntegers.ToBytes(value);
    }

    private static byte[] String(ReadOnlySpan<byte> zl, ref int p, int header, int length)
    {
        var value = Take(zl, p + header, length).ToArray();
        p += header + length;
        return value;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> zl, int at, int count) =>
        count >= 0 && at + count <= zl.Length - 1 ? zl.Slice(at, count) : throw new RdbFormatException("Ziplist entry runs past its end.");
}
