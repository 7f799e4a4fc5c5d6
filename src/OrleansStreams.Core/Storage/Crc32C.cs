using System.Buffers.Binary;
using System.Numerics;

namespace OrleansStreams.Storage;

/// <summary>CRC-32C (Castagnoli) over a span, on the hardware instruction where there is one (<see cref="BitOperations.Crc32C(uint, ulong)"/>).</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(uint.MaxValue, data);

    /// <summary>Continues a running (not yet inverted) CRC; start with <see cref="uint.MaxValue"/> and invert the result.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return crc;
    }
}
