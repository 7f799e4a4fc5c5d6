using System.Buffers.Binary;

namespace OrleansStreams.Rdb;

/// <summary>
/// Redis' listpack (src/listpack.c): a 6-byte header (total bytes u32 LE, element count u16 LE, 65535 when
/// unknown), elements each in the smallest integer or string encoding followed by its back-length, and 0xFF.
/// <see cref="Add(ReadOnlySpan{byte})"/> stores a string that is a canonical 64-bit integer as that integer, as
/// lpAppend does, so the bytes are Redis' own.
/// </summary>
public sealed class ListpackWriter
{
    private const int HeaderSize = 6;
    private const byte End = 0xff;

    private readonly List<byte> _bytes = [.. new byte[HeaderSize]];
    private int _count;

    public int Count => _count;

    /// <summary>The size the listpack has so far, with its end byte (lpBytes).</summary>
    public int Bytes => _bytes.Count + 1;

    /// <summary>lpAppendInteger.</summary>
    public ListpackWriter Add(long value)
    {
        var start = _bytes.Count;
        if (value is >= 0 and <= 127)
        {
            _bytes.Add((byte)value);
        }
        else if (value is >= -4096 and <= 4095)
        {
            var v = value < 0 ? (1L << 13) + value : value;
            _bytes.Add((byte)((v >> 8) | 0xc0));
            _bytes.Add((byte)(v & 0xff));
        }
        else if (value is >= short.MinValue and <= short.MaxValue)
        {
            AddInteger(0xf1, value, 2);
        }
        else if (value is >= -8388608 and <= 8388607)
        {
            AddInteger(0xf2, value, 3);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            AddInteger(0xf3, value, 4);
        }
        else
        {
            AddInteger(0xf4, value, 8);
        }
        return Finish(start);
    }

    /// <summary>lpAppend: an integer when the bytes are one (lpStringToInt64), else a string.</summary>
    public ListpackWriter Add(ReadOnlySpan<byte> value)
    {
        if (RdbIntegers.TryParseCanonical(value, out var number))
        {
            return Add(number);
        }
        var start = _bytes.Count;
        var length = value.Length;
        if (length < 64)
        {
            _bytes.Add((byte)(0x80 | length));
        }
        else if (length < 4096)
        {
            _bytes.Add((byte)(0xe0 | (length >> 8)));
            _bytes.Add((byte)(length & 0xff));
        }
        else
        {
            _bytes.Add(0xf0);
            for (var i = 0; i < 4; i++)
            {
                _bytes.Add((byte)(length >> (8 * i)));
            }
        }
        foreach (var b in value)
        {
            _bytes.Add(b);
        }
        return Finish(start);
    }

    public byte[] ToArray()
    {
        var result = new byte[_bytes.Count + 1];
        _bytes.CopyTo(result);
        result[^1] = End;
        BinaryPrimitives.WriteUInt32LittleEndian(result, (uint)result.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(4), (ushort)Math.Min(_count, ushort.MaxValue));
        return result;
    }

    private void AddInteger(byte encoding, long value, int size)
    {
        _bytes.Add(encoding);
        for (var i = 0; i < size; i++)
        {
            _bytes.Add((byte)(value >> (8 * i)));
        }
    }

    /// <summary>Appends the element's back-length (lpEncodeBacklen) and counts it.</summary>
    private ListpackWriter Finish(int start)
    {
        Span<byte> backlen = stackalloc byte[5];
        var size = EncodeBacklen((ulong)(_bytes.Count - start), backlen);
        foreach (var b in backlen[..size])
        {
            _bytes.Add(b);
        }
        _count++;
        return this;
    }

    /// <summary>lpEncodeBacklen: the element's encoded length, 7 bits a byte, read from its last byte backwards.</summary>
    internal static int EncodeBacklen(ulong l, Span<byte> buf)
    {
        var size = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
        for (var i = 0; i < size; i++)
        {
            var bits = (byte)((l >> (7 * (size - 1 - i))) & 127);
            buf[i] = i == 0 ? (byte)(l >> (7 * (size - 1))) : (byte)(bits | 128);
        }
        return size;
    }
}

/// <summary>One listpack element: an integer, or a string.</summary>
public readonly record struct ListpackValue(long Integer, byte[]? String)
{
    public bool IsInteger => String is null;

    /// <summary>The element as Redis hands it out: a string, or the integer's decimal text.</summary>
    public byte[] ToBytes() => String ?? RdbIntegers.ToBytes(Integer);

    /// <summary>The element as lpGetInteger reads it: an integer, or a string that is one; else a format error.</summary>
    public long ToInteger() => String is null ? Integer
        : RdbIntegers.TryParseCanonical(String, out var v) ? v : throw new RdbFormatException("A listpack string where an integer belongs.");
}

/// <summary>Reads a listpack and checks it as deeply as lpValidateIntegrity(deep) does.</summary>
public static class ListpackReader
{
    public static List<ListpackValue> Read(ReadOnlySpan<byte> lp)
    {
        if (lp.Length < 7 || BinaryPrimitives.ReadUInt32LittleEndian(lp) != lp.Length || lp[^1] != 0xff)
        {
            throw new RdbFormatException("Listpack header or end is wrong.");
        }
        var declared = BinaryPrimitives.ReadUInt16LittleEndian(lp[4..]);
        var values = new List<ListpackValue>();
        var p = 6;
        Span<byte> backlen = stackalloc byte[5];
        while (p < lp.Length - 1)
        {
            var start = p;
            values.Add(ReadElement(lp, ref p));
            var size = ListpackWriter.EncodeBacklen((ulong)(p - start), backlen);
            Need(lp, p, size);
            if (!lp.Slice(p, size).SequenceEqual(backlen[..size]))
            {
                throw new RdbFormatException("Listpack back-length is wrong.");
            }
            p += size;
        }
        if (p != lp.Length - 1 || (declared != ushort.MaxValue && declared != values.Count))
        {
            throw new RdbFormatException("Listpack element count is wrong.");
        }
        return values;
    }

    private static ListpackValue ReadElement(ReadOnlySpan<byte> lp, ref int p)
    {
        var b = lp[p];
        if ((b & 0x80) == 0)
        {
            p++;
            return new ListpackValue(b, null);
        }
        if ((b & 0xc0) == 0x80)
        {
            return ReadString(lp, ref p, 1, b & 0x3f);
        }
        if ((b & 0xe0) == 0xc0)
        {
            Need(lp, p, 2);
            var v = ((b & 0x1f) << 8) | lp[p + 1];
            p += 2;
            return new ListpackValue(v >= 1 << 12 ? v - (1 << 13) : v, null);
        }
        if ((b & 0xf0) == 0xe0)
        {
            Need(lp, p, 2);
            return ReadString(lp, ref p, 2, ((b & 0x0f) << 8) | lp[p + 1]);
        }
        return b switch
        {
            0xf1 => ReadInteger(lp, ref p, 2),
            0xf2 => ReadInteger(lp, ref p, 3),
            0xf3 => ReadInteger(lp, ref p, 4),
            0xf4 => ReadInteger(lp, ref p, 8),
            0xf0 => ReadString(lp, ref p, 5, Need(lp, p, 5) ? checked((int)BinaryPrimitives.ReadUInt32LittleEndian(lp[(p + 1)..])) : 0),
            _ => throw new RdbFormatException("Unknown listpack encoding."),
        };
    }

    private static ListpackValue ReadInteger(ReadOnlySpan<byte> lp, ref int p, int size)
    {
        Need(lp, p, 1 + size);
        ulong v = 0;
        for (var i = 0; i < size; i++)
        {
            v |= (ulong)lp[p + 1 + i] << (8 * i);
        }
        p += 1 + size;
        var shift = 64 - 8 * size;
        return new ListpackValue((long)(v << shift) >> shift, null);
    }

    private static ListpackValue ReadString(ReadOnlySpan<byte> lp, ref int p, int header, int length)
    {
        Need(lp, p, header + length);
        var value = lp.Slice(p + header, length).ToArray();
        p += header + length;
        return new ListpackValue(0, value);
    }

    private static bool Need(ReadOnlySpan<byte> lp, int p, int count) =>
        p + count <= lp.Length - 1 ? true : throw new RdbFormatException("Listpack element runs past its end.");
}
