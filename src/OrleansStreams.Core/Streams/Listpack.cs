using System.Buffers.Binary;
using System.Buffers.Text;
using OrleansStreams.Parsing;

namespace OrleansStreams.Streams;

/// <summary>
/// Redis' listpack element encoding (listpack.c), byte for byte: integers in the smallest of the
/// 7/13/16/24/32/64-bit forms, strings with a 6/12/32-bit length (a string that is a canonical
/// integer is stored as that integer), each element followed by its back-length. A listpack is a
/// 6-byte header (total bytes, element count), the elements and an 0xFF end byte.
/// </summary>
public static class Listpack
{
    /// <summary>Header (4-byte total length, 2-byte count) and end byte.</summary>
    public const int Overhead = 7;

    public const byte End = 0xFF;

    /// <summary>The bytes an integer element takes, back-length included.</summary>
    public static int IntElementSize(long v) => IntEncodingSize(v) + 1;

    /// <summary>The bytes a string element takes, back-length included (a canonical integer string is an integer element).</summary>
    public static int StringElementSize(ReadOnlySpan<byte> s)
    {
        if (TryParseInt64(s, out var v))
        {
            return IntElementSize(v);
        }
        var encoded = StringHeaderSize(s.Length) + s.Length;
        return encoded + BacklenSize(encoded);
    }

    /// <summary>Writes an integer element at the start of <paramref name="buffer"/>; returns the bytes written.</summary>
    public static int WriteInt(Span<byte> buffer, long v)
    {
        var n = IntEncodingSize(v);
        switch (n)
        {
            case 1:
                buffer[0] = (byte)v;
                break;
            case 2:
                var u13 = v < 0 ? (1L << 13) + v : v;
                buffer[0] = (byte)((u13 >> 8) | 0xC0);
                buffer[1] = (byte)u13;
                break;
            case 3:
                buffer[0] = 0xF1;
                BinaryPrimitives.WriteInt16LittleEndian(buffer[1..], (short)v);
                break;
            case 4:
                buffer[0] = 0xF2;
                buffer[1] = (byte)v;
                buffer[2] = (byte)(v >> 8);
                buffer[3] = (byte)(v >> 16);
                break;
            case 5:
                buffer[0] = 0xF3;
                BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], (int)v);
                break;
            default:
                buffer[0] = 0xF4;
                BinaryPrimitives.WriteInt64LittleEndian(buffer[1..], v);
                break;
        }
        return n + WriteBacklen(buffer[n..], n);
    }

    /// <summary>Writes a string element (an integer element when the string is a canonical integer); returns the bytes written.</summary>
    public static int WriteString(Span<byte> buffer, ReadOnlySpan<byte> s)
    {
        if (TryParseInt64(s, out var v))
        {
            return WriteInt(buffer, v);
        }
        var len = s.Length;
        int h;
        if (len < 64)
        {
            buffer[0] = (byte)(0x80 | len);
            h = 1;
        }
        else if (len < 4096)
        {
            buffer[0] = (byte)(0xE0 | (len >> 8));
            buffer[1] = (byte)len;
            h = 2;
        }
        else
        {
            buffer[0] = 0xF0;
            BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], len);
            h = 5;
        }
        s.CopyTo(buffer[h..]);
        return h + len + WriteBacklen(buffer[(h + len)..], h + len);
    }

    /// <summary>Reads the integer element at <paramref name="pos"/> and moves past it.</summary>
    public static long ReadInt(ReadOnlySpan<byte> lp, ref int pos)
    {
        if (!TryReadInt(lp, ref pos, out var v))
        {
            throw new InvalidDataException("Listpack element is not an integer.");
        }
        return v;
    }

    /// <summary>Reads the element at <paramref name="pos"/> as bytes (an integer as its decimal text) and moves past it.</summary>
    public static byte[] ReadBytes(ReadOnlySpan<byte> lp, ref int pos)
    {
        var start = pos;
        if (TryReadInt(lp, ref pos, out var v))
        {
            Span<byte> text = stackalloc byte[20];
            Utf8Formatter.TryFormat(v, text, out var written);
            return text[..written].ToArray();
        }
        pos = start;
        var (offset, length) = StringBounds(lp, pos);
        var bytes = lp.Slice(pos + offset, length).ToArray();
        pos += offset + length;
        pos += BacklenSize(offset + length);
        return bytes;
    }

    /// <summary>Moves past the element at <paramref name="pos"/>.</summary>
    public static void Skip(ReadOnlySpan<byte> lp, ref int pos)
    {
        var start = pos;
        if (TryReadInt(lp, ref pos, out _))
        {
            return;
        }
        pos = start;
        var (offset, length) = StringBounds(lp, pos);
        pos += offset + length + BacklenSize(offset + length);
    }

    /// <summary>lpStringToInt64, which is string2ll: a canonical decimal int64 (no sign but '-', no leading zeros, at most 20 characters).</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value) => ArgParser.TryParseInt64(s, out value);

    /// <summary>Writes the 6-byte header of a listpack of <paramref name="totalBytes"/> bytes and <paramref name="count"/> elements (65535: unknown).</summary>
    public static void WriteHeader(Span<byte> buffer, int totalBytes, int count)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)totalBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], (ushort)Math.Min(count, 65535));
    }

    private static bool TryReadInt(ReadOnlySpan<byte> lp, ref int pos, out long v)
    {
        var b = lp[pos];
        int n;
        if ((b & 0x80) == 0)
        {
            v = b;
            n = 1;
        }
        else if ((b & 0xE0) == 0xC0)
        {
            var u = ((b & 0x1F) << 8) | lp[pos + 1];
            v = u >= 1 << 12 ? u - (1 << 13) : u;
            n = 2;
        }
        else if (b == 0xF1)
        {
            v = BinaryPrimitives.ReadInt16LittleEndian(lp[(pos + 1)..]);
            n = 3;
        }
        else if (b == 0xF2)
        {
            var u = lp[pos + 1] | (lp[pos + 2] << 8) | (lp[pos + 3] << 16);
            v = (u << 8) >> 8;
            n = 4;
        }
        else if (b == 0xF3)
        {
            v = BinaryPrimitives.ReadInt32LittleEndian(lp[(pos + 1)..]);
            n = 5;
        }
        else if (b == 0xF4)
        {
            v = BinaryPrimitives.ReadInt64LittleEndian(lp[(pos + 1)..]);
            n = 9;
        }
        else
        {
            v = 0;
            return false;
        }
        pos += n + 1;
        return true;
    }

    /// <summary>A string element's header size and data length.</summary>
    private static (int Offset, int Length) StringBounds(ReadOnlySpan<byte> lp, int pos)
    {
        var b = lp[pos];
        if ((b & 0xC0) == 0x80)
        {
            return (1, b & 0x3F);
        }
        if ((b & 0xF0) == 0xE0)
        {
            return (2, ((b & 0x0F) << 8) | lp[pos + 1]);
        }
        if (b == 0xF0)
        {
            return (5, BinaryPrimitives.ReadInt32LittleEndian(lp[(pos + 1)..]));
        }
        throw new InvalidDataException($"Bad listpack encoding byte 0x{b:X2}.");
    }

    private static int IntEncodingSize(long v) => v switch
    {
        >= 0 and <= 127 => 1,
        >= -4096 and <= 4095 => 2,
        >= short.MinValue and <= short.MaxValue => 3,
        >= -8388608 and <= 8388607 => 4,
        >= int.MinValue and <= int.MaxValue => 5,
        _ => 9,
    };

    private static int StringHeaderSize(int length) => length < 64 ? 1 : length < 4096 ? 2 : 5;

    private static int BacklenSize(long l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;

    /// <summary>lpEncodeBacklen: the element's length <paramref name="l"/>, 7 bits a byte, read from its last byte backwards; returns its size.</summary>
    internal static int WriteBacklen(Span<byte> buffer, long l)
    {
        switch (BacklenSize(l))
        {
            case 1:
                buffer[0] = (byte)l;
                return 1;
            case 2:
                buffer[0] = (byte)(l >> 7);
                buffer[1] = (byte)((l & 127) | 128);
                return 2;
            case 3:
                buffer[0] = (byte)(l >> 14);
                buffer[1] = (byte)(((l >> 7) & 127) | 128);
                buffer[2] = (byte)((l & 127) | 128);
                return 3;
            case 4:
                buffer[0] = (byte)(l >> 21);
                buffer[1] = (byte)(((l >> 14) & 127) | 128);
                buffer[2] = (byte)(((l >> 7) & 127) | 128);
                buffer[3] = (byte)((l & 127) | 128);
                return 4;
            default:
                buffer[0] = (byte)(l >> 28);
                buffer[1] = (byte)(((l >> 21) & 127) | 128);
                buffer[2] = (byte)(((l >> 14) & 127) | 128);
                buffer[3] = (byte)(((l >> 7) & 127) | 128);
                buffer[4] = (byte)((l & 127) | 128);
                return 5;
        }
    }
}
