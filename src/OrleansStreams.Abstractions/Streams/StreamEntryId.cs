using System.Globalization;
using System.Text;

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

    public byte[] ToUtf8() => Encoding.ASCII.GetBytes(ToString());

    /// <summary>Parses <c>ms</c> or <c>ms-seq</c> as Redis does (streamParseID): a missing sequence takes <paramref name="missingSeq"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, out StreamEntryId id)
    {
        id = default;
        if (text.Length == 0 || text.Length > 127)
        {
            return false;
        }
        var dash = text.IndexOf((byte)'-');
        if (dash < 0)
        {
            if (!TryParseUInt64(text, out var ms))
            {
                return false;
            }
            id = new StreamEntryId(ms, missingSeq);
            return true;
        }
        if (!TryParseUInt64(text[..dash], out var msPart) || !TryParseUInt64(text[(dash + 1)..], out var seqPart))
        {
            return false;
        }
        id = new StreamEntryId(msPart, seqPart);
        return true;
    }

    /// <summary>Parses an unsigned 64-bit number as Redis' string2ull does: digits only, no sign, no overflow.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 20)
        {
            return false;
        }
        foreach (var b in text)
        {
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
        return true;
    }
}
