using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>
/// The RDB primitives of src/rdb.c that DUMP uses: lengths (rdbSaveLen: 6, 14, 32 or 64 bits), strings
/// (rdbSaveRawString: integer-encoded up to 11 bytes, LZF-compressed above 20 bytes when that saves at least
/// four bytes, as with <c>rdbcompression yes</c>), and millisecond times (8 bytes little endian).
/// </summary>
public sealed class RdbWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public RdbWriter WriteByte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public RdbWriter WriteRaw(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            _bytes.Add(b);
        }
        return this;
    }

    /// <summary>rdbSaveLen.</summary>
    public RdbWriter WriteLength(ulong length)
    {
        Span<byte> buf = stackalloc byte[9];
        if (length < 1 << 6)
        {
            return WriteByte((byte)length);
        }
        if (length < 1 << 14)
        {
            return WriteByte((byte)((length >> 8) | 0x40)).WriteByte((byte)length);
        }
        if (length <= uint.MaxValue)
        {
            buf[0] = RdbFormat.Length32;
            BinaryPrimitives.WriteUInt32BigEndian(buf[1..], (uint)length);
            return WriteRaw(buf[..5]);
        }
        buf[0] = RdbFormat.Length64;
        BinaryPrimitives.WriteUInt64BigEndian(buf[1..], length);
        return WriteRaw(buf);
    }

    /// <summary>rdbSaveRawString.</summary>
    public RdbWriter WriteString(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 11 && RdbIntegers.TryParseCanonical(s, out var value) && TryWriteInteger(value))
        {
            return this;
        }
        // rdbSaveLzfStringObject: worth it only when at least four bytes are saved.
        if (s.Length > 20 && Lzf.Compress(s, s.Length - 4) is { } compressed)
        {
            WriteByte(RdbFormat.EncodedLzf);
            WriteLength((ulong)compressed.Length);
            WriteLength((ulong)s.Length);
            return WriteRaw(compressed);
        }
        WriteLength((ulong)s.Length);
        return WriteRaw(s);
    }

    /// <summary>rdbSaveMillisecondTime.</summary>
    public RdbWriter WriteMilliseconds(long ms)
    {
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buf, ms);
        return WriteRaw(buf);
    }

    /// <summary>rdbEncodeInteger: 8, 16 or 32 bits little endian after a 0xC0-0xC2 byte; false for larger values.</summary>
    private bool TryWriteInteger(long value)
    {
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            WriteByte(RdbFormat.EncodedInt8).WriteByte((byte)value);
        }
        else if (value is >= short.MinValue and <= short.MaxValue)
        {
            WriteByte(RdbFormat.EncodedInt16).WriteByte((byte)value).WriteByte((byte)(value >> 8));
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> buf = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(buf, (int)value);
            WriteByte(RdbFormat.EncodedInt32).WriteRaw(buf);
        }
        else
        {
            return false;
        }
        return true;
    }
}
