using System.Buffers;
using System.Globalization;

namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// Formats a double as Redis 7.0's <c>addReplyDouble</c>: <c>%.17g</c> (lower-case exponent with a
/// sign and at least two digits), <c>inf</c>/<c>-inf</c>/<c>nan</c>; a bulk string in RESP2,
/// a <c>,</c> line in RESP3.
/// </summary>
internal static class RespDoubleFormatter
{
    private const int MaxLength = 32;

    public static void Write(IBufferWriter<byte> output, double value, bool resp3)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        var length = Format(value, text);
        if (resp3)
        {
            var span = output.GetSpan(length + 3);
            span[0] = (byte)',';
            text[..length].CopyTo(span[1..]);
            span[length + 1] = (byte)'\r';
            span[length + 2] = (byte)'\n';
            output.Advance(length + 3);
            return;
        }
        RespWriter.WriteBulk(output, text[..length]);
    }

    /// <summary>Writes <c>%.17g</c> of <paramref name="value"/> into <paramref name="destination"/> and returns the length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        ReadOnlySpan<byte> special =
            double.IsNaN(value) ? "nan"u8 :
            double.IsPositiveInfinity(value) ? "inf"u8 :
            double.IsNegativeInfinity(value) ? "-inf"u8 : default;
        if (!special.IsEmpty)
        {
            special.CopyTo(destination);
            return special.Length;
        }
        // .NET's G17 follows C's %g rules (fixed notation for exponents -5..16, trailing zeros
        // trimmed, two-digit exponent); only the exponent letter differs.
        value.TryFormat(destination, out var written, "G17", CultureInfo.InvariantCulture);
        var e = destination[..written].IndexOf((byte)'E');
        if (e >= 0)
        {
            destination[e] = (byte)'e';
        }
        return written;
    }
}
