using System.Globalization;

namespace OrleansStreams.Streams;

/// <summary>A Redis stream entry ID: <c>ms-seq</c>, two unsigned 64-bit parts, ordered.</summary>
[GenerateSerializer, Immutable, Alias("os.streamid")]
public readonly record struct StreamEntryId([property: Id(0)] ulong Ms, [property: Id(1)] ulong Seq) : IComparable<StreamEntryId>
{
    public static readonly StreamEntryId Min = new(0, 0);
    public static readonly StreamEntryId Max = new(ulong.MaxValue, ulong.MaxValue);

    public int CompareTo(StreamEntryId other)
    {
        var c = Ms.CompareTo(other.Ms);
        return c != 0 ? c : Seq.CompareTo(other.Seq);
    }

    public static bool operator <(StreamEntryId a, StreamEntryId b) => a.CompareTo(b) < 0;
    public static bool operator >(StreamEntryId a, StreamEntryId b) => a.CompareTo(b) > 0;
    public static bool operator <=(StreamEntryId a, StreamEntryId b) => a.CompareTo(b) <= 0;
    public static bool operator >=(StreamEntryId a, StreamEntryId b) => a.CompareTo(b) >= 0;

    /// <summary>The next ID in order, or null when this is the maximum.</summary>
    public StreamEntryId? Next() =>
        Seq != ulong.MaxValue ? new(Ms, Seq + 1) : Ms != ulong.MaxValue ? new(Ms + 1, 0) : null;

    /// <summary>The previous ID in order, or null when this is 0-0.</summary>
    public StreamEntryId? Previous() =>
        Seq != 0 ? new(Ms, Seq - 1) : Ms != 0 ? new(Ms - 1, ulong.MaxValue) : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ms}-{Seq}");

    public byte[] ToUtf8()
    {
        Span<byte> text = stackalloc byte[MaxUtf8Length];
        return text[..Format(text)].ToArray();
    }

    /// <summary>The longest <c>ms-seq</c>: two 20-digit numbers and the dash.</summary>
    public const int MaxUtf8Length = 41;

    /// <summary>Writes <c>ms-seq</c> into <paramref name="destination"/> (at least <see cref="MaxUtf8Length"/> bytes); returns its length.</summary>
    public int Format(Span<byte> destination)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(Ms, destination, out var ms);
        destination[ms] = (byte)'-';
        System.Buffers.Text.Utf8Formatter.TryFormat(Seq, destination[(ms + 1)..], out var seq);
        return ms + 1 + seq;
    }

    /// <summary>Parses <c>ms</c> or <c>ms-seq</c> as Redis does (streamParseID): a missing sequence takes <paramref name="missingSeq"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, out StreamEntryId id) =>
        TryParse(text, missingSeq, allowAutoSeq: false, out id, out _);

    /// <summary>
    /// streamGenericParseIDOrReply without the <c>-</c> / <c>+</c> shortcuts: at most 127 bytes, read as a C string (up to
    /// the first NUL), split at the first <c>-</c>, each part a number as string2ull reads it. With
    /// <paramref name="allowAutoSeq"/> a sequence of <c>*</c> (XADD's <c>ms-*</c>) parses as 0 with
    /// <paramref name="seqGiven"/> false.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, bool allowAutoSeq, out StreamEntryId id, out bool seqGiven)
    {
        id = default;
        seqGiven = true;
        if (text.Length > 127)
        {
            return false;
        }
        text = CString(text);
        var dash = text.IndexOf((byte)'-');
        var msText = dash < 0 ? text : text[..dash];
        if (!TryParseUInt64(msText, out var ms))
        {
            return false;
        }
        var seq = missingSeq;
        if (dash >= 0)
        {
            var seqText = text[(dash + 1)..];
            if (allowAutoSeq && seqText is [(byte)'*'])
            {
                seq = 0;
                seqGiven = false;
            }
            else if (!TryParseUInt64(seqText, out seq))
            {
                return false;
            }
        }
        id = new StreamEntryId(ms, seq);
        return true;
    }

    /// <summary>The bytes before the first NUL: Redis reads IDs as C strings.</summary>
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> text)
    {
        var nul = text.IndexOf((byte)0);
        return nul < 0 ? text : text[..nul];
    }

    /// <summary>
    /// Parses an unsigned 64-bit number as Redis' string2ull does: a canonical signed 64-bit integer (string2ll)
    /// that is not negative, or else what strtoull accepts in full — leading white space, a <c>+</c> or <c>-</c>
    /// sign (a minus negates modulo 2^64), leading zeros — without overflow.
    /// </summary>
    public static bool TryParseUInt64(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (System.Buffers.Text.Utf8Parser.TryParse(text, out long canonical, out var used) && used == text.Length && IsCanonical(text))
        {
            value = (ulong)canonical;
            return canonical >= 0;
        }
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
        {
            i++;
        }
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }
        if (i == text.Length)
        {
            return false;
        }
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if (b < '0' || b > '9')
            {
                return false;
            }
            var digit = (ulong)(b - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        if (negative)
        {
            value = unchecked(0 - value);
        }
        return true;
    }

    /// <summary>string2ll's form: an optional minus, then 0 alone or digits without a leading zero.</summary>
    private static bool IsCanonical(ReadOnlySpan<byte> text)
    {
        var digits = text is [(byte)'-', ..] ? text[1..] : text;
        return digits.Length > 0 && digits[0] is >= (byte)'1' and <= (byte)'9' || text is [(byte)'0'];
    }
}
