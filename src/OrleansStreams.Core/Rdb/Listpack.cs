using System.Buffers.Binary;
using OrleansStreams.Streams;

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

    private readonly List<byte> _bytes = [.. new byte[HeaderSize]];
    private int _count;

    public int Count => _count;

    /// <summary>The size the listpack has so far, with its end byte (lpBytes).</summary>
    public int Bytes => _bytes.Count + 1;

    /// <summary>lpAppendInteger.</summary>
    public ListpackWriter Add(long value)
    {
        Span<byte> element = stackalloc byte[10];
        return Append(element[..Listpack.WriteInt(element, value)]);
    }

    /// <summary>lpAppend: an integer when the bytes are one (lpStringToInt64), else a string.</summary>
    public ListpackWriter Add(ReadOnlySpan<byte> value)
    {
        Span<byte> element = value.Length <= 256 ? stackalloc byte[value.Length + 10] : new byte[value.Length + 10];
        return Append(element[..Listpack.WriteString(element, value)]);
    }

    public byte[] ToArray()
    {
        var result = new byte[_bytes.Count + 1];
        _bytes.CopyTo(result);
        result[^1] = Listpack.End;
        Listpack.WriteHeader(result, result.Length, _count);
        return result;
    }

    /// <summary>Adds one element encoded by <see cref="Listpack"/> (the same encoder the stream nodes use) and counts it.</summary>
    private ListpackWriter Append(ReadOnlySpan<byte> element)
    {
        foreach (var b in element)
        {
            _bytes.Add(b);
        }
        _count++;
        return this;
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
            var size = Listpack.WriteBacklen(backlen, p - start);
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
