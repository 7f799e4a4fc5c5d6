using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>
/// Reads the RDB primitives of src/rdb.c (rdbLoadLen, rdbGenericLoadStringObject with integer and LZF
/// encodings, rdbLoadMillisecondTime) from a buffer; anything truncated or malformed is an <see cref="RdbFormatException"/>.
/// </summary>
public sealed class RdbReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    public int Position => _position;

    public byte ReadByte()
    {
        Need(1);
        return data.Span[_position++];
    }

    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        Need(count);
        var span = data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>rdbLoadLen; an encoded-value byte in a length's place is read as its 6-bit payload, as Redis does.</summary>
    public ulong ReadLength() => ReadLength(out _);

    public ulong ReadLength(out bool encoded)
    {
        var first = ReadByte();
        encoded = false;
        switch (first >> 6)
        {
            case 0:
                return (ulong)(first & 0x3f);
            case 1:
                return ((ulong)(first & 0x3f) << 8) | ReadByte();
            case 3:
                encoded = true;
                return (ulong)(first & 0x3f);
        }
        return first switch
        {
            RdbFormat.Length32 => BinaryPrimitives.ReadUInt32BigEndian(ReadRaw(4)),
            RdbFormat.Length64 => BinaryPrimitives.ReadUInt64BigEndian(ReadRaw(8)),
            _ => throw new RdbFormatException($"Unknown length encoding {first}."),
        };
    }

    /// <summary>A count of things that each take at least one byte: more than the bytes left is corrupt.</summary>
    public int ReadCount()
    {
        var count = ReadLength();
        return count <= (ulong)(data.Length - _position) ? (int)count : throw new RdbFormatException("A count larger than the payload.");
    }

    /// <summary>rdbGenericLoadStringObject.</summary>
    public byte[] ReadString()
    {
        var length = ReadLength(out var encoded);
        if (!encoded)
        {
            return ReadRaw(CheckedLength(length)).ToArray();
        }
        switch (length)
        {
            case 0:
                return RdbIntegers.ToBytes((sbyte)ReadByte());
            case 1:
                return RdbIntegers.ToBytes(BinaryPrimitives.ReadInt16LittleEndian(ReadRaw(2)));
            case 2:
                return RdbIntegers.ToBytes(BinaryPrimitives.ReadInt32LittleEndian(ReadRaw(4)));
            case 3:
                var compressedLength = CheckedLength(ReadLength());
                var plainLength = ReadLength();
                // A string of a DUMP payload is far below 2 GB; a larger claimed length is corrupt.
                if (plainLength > int.MaxValue / 2)
                {
                    throw new RdbFormatException("LZF string too long.");
                }
                return Lzf.Decompress(ReadRaw(compressedLength), (int)plainLength)
                    ?? throw new RdbFormatException("Invalid LZF compressed string.");
            default:
                throw new RdbFormatException($"Unknown RDB string encoding type {length}.");
        }
    }

    /// <summary>rdbLoadMillisecondTime: 8 bytes little endian.</summary>
    public long ReadMilliseconds() => BinaryPrimitives.ReadInt64LittleEndian(ReadRaw(8));

    private int CheckedLength(ulong length) =>
        length <= (ulong)(data.Length - _position) ? (int)length : throw new RdbFormatException("A string past the end of the payload.");

    private void Need(int count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw new RdbFormatException("Unexpected end of the payload.");
        }
    }
}
