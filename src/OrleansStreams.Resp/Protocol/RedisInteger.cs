using System.Buffers;

namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// Redis' <c>string2ll</c> (util.c): the strict integer syntax of count and length lines — no sign
/// but '-', no leading zeros, no spaces, at most 20 characters, no overflow.
/// </summary>
internal static class RedisInteger
{
    private const int MaxChars = 20;

    public static bool TryParse(in ReadOnlySequence<byte> text, out long value)
    {
        if (text.IsSingleSegment)
        {
            return TryParse(text.FirstSpan, out value);
        }
        if (text.Length > MaxChars)
        {
            value = 0;
            return false;
        }
        Span<byte> copy = stackalloc byte[MaxChars];
        text.CopyTo(copy);
        return TryParse(copy[..(int)text.Length], out value);
    }

    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxChars)
        {
            return false;
        }
        if (text.Length == 1 && text[0] == (byte)'0')
        {
            return true;
        }
        var negative = text[0] == (byte)'-';
        if (negative)
        {
            text = text[1..];
        }
        if (text.IsEmpty || text[0] is < (byte)'1' or > (byte)'9')
        {
            return false;
        }
        ulong magnitude = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9' || magnitude > (ulong.MaxValue - 9) / 10)
            {
                return false;
            }
            magnitude = magnitude * 10 + (ulong)(c - '0');
        }
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - magnitude);
            return true;
        }
        if (magnitude > long.MaxValue)
        {
            return false;
        }
        value = (long)magnitude;
        return true;
    }
}
