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

    public static bool TryParse(ReadOnlySpan<byte> text, out long value) => Parsing.ArgParser.TryParseInt64(text, out value);
}
