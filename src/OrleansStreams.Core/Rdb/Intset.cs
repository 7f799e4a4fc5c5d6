using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>Redis' intset (src/intset.c): encoding (2, 4 or 8 bytes per value) u32, length u32, values ascending, all little endian.</summary>
public static class Intset
{
    /// <summary>The intset of <paramref name="values"/> in the narrowest encoding that holds them all.</summary>
    public static byte[] Write(IReadOnlyCollection<long> values)
    {
        var width = values.All(v => v is >= short.MinValue and <= short.MaxValue) ? 2
            : values.All(v => v is >= int.MinValue and <= int.MaxValue) ? 4 : 8;
        var blob = new byte[8 + width * values.Count];
        BinaryPrimitives.WriteUInt32LittleEndian(blob, (uint)width);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(4), (uint)values.Count);
        var at = 8;
        foreach (var v in values.Order())
        {
            for (var i = 0; i < width; i++)
            {
                blob[at++] = (byte)(v >> (8 * i));
            }
        }
        return blob;
    }

    public static List<long> Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 8)
        {
            throw new RdbFormatException("Intset too short.");
        }
        var width = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(blob[4..]);
        if (width is not (2 or 4 or 8) || 8 + (ulong)width * count != (ulong)blob.Length)
        {
            throw new RdbFormatException("Intset size is wrong.");
        }
        var values = new List<long>((int)count);
        for (var at = 8; at < blob.Length; at += (int)width)
        {
            var v = width switch
            {
                2 => BinaryPrimitives.ReadInt16LittleEndian(blob[at..]),
                4 => BinaryPrimitives.ReadInt32LittleEndian(blob[at..]),
                _ => BinaryPrimitives.ReadInt64LittleEndian(blob[at..]),
            };
            if (values.Count > 0 && v <= values[^1])
            {
                throw new RdbFormatException("Intset values out of order.");
            }
            values.Add(v);
        }
        return values;
    }
}
