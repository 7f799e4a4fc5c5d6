using System.Globalization;
using System.Text;
using OrleansStreams.Parsing;

namespace OrleansStreams.Rdb;

/// <summary>Integers as Redis' encodings see them: a string is one only in its canonical form (string2ll).</summary>
public static class RdbIntegers
{
    /// <summary>lpStringToInt64 / string2ll: no sign but '-', no leading zero, no "-0", within 64 bits.</summary>
    public static bool TryParseCanonical(ReadOnlySpan<byte> s, out long value) => Streams.Listpack.TryParseInt64(s, out value);

    /// <summary>ll2string.</summary>
    public static byte[] ToBytes(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
