using System.Numerics;
using System.Text;

namespace OrleansStreams.Keyspace;

/// <summary>
/// The x87 80-bit <c>long double</c> that Redis' INCRBYFLOAT and HINCRBYFLOAT compute in: a 64-bit significand,
/// rounding to nearest-even, overflow to infinity. C# has no such type and <see cref="double"/> would give different
/// answers (0.1 + 0.2 is "0.3" in Redis), so the value is kept exactly as <c>Significand × 2^Exponent</c> and every
/// operation rounds as the FPU would. Only what those two commands need: strtold, +, and printf's <c>%.17Lf</c>.
/// </summary>
internal readonly record struct LongDouble(bool Negative, BigInteger Significand, int Exponent, bool IsInfinity)
{
    private const int SignificandBits = 64;
    private const int MinExponent = -16445;          // of the smallest subnormal, 2^-16445
    private const int MaxExponent = 16384 - SignificandBits;
    private const int MaxDecimalExponent = 5000;     // beyond it any non-zero digit string over- or underflows
    private const int FractionDigits = 17;           // Redis' ld2string LD_STR_HUMAN: "%.17Lf"

    /// <summary>
    /// Redis' string2ld: strtold over the whole argument, with no leading space, not NaN, and not out of range
    /// (an overflow, or an underflow all the way to zero).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out LongDouble value)
    {
        value = default;
        if (s.Length == 0 || s.Length >= 5 * 1024)
        {
            return false;
        }
        var negative = s[0] == '-';
        var rest = s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        if (IsWord(rest, "inf") || IsWord(rest, "infinity"))
        {
            value = new LongDouble(negative, BigInteger.Zero, 0, IsInfinity: true);
            return true;
        }
        var hex = rest.Length > 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x';
        if (!(hex ? TryParseHex(rest[2..], out var mantissa, out var exponent2, out var exponent10)
                  : TryParseDecimal(rest, out mantissa, out exponent2, out exponent10)))
        {
            return false;
        }
        if (mantissa.IsZero)
        {
            value = new LongDouble(negative, BigInteger.Zero, 0, false);
            return true;
        }
        var magnitude10 = exponent10 + (long)BigInteger.Log10(mantissa);
        if (Math.Abs(magnitude10) > MaxDecimalExponent)
        {
            return false;
        }
        value = exponent10 >= 0
            ? Round(negative, mantissa * BigInteger.Pow(10, (int)exponent10), exponent2)
            : RoundQuotient(negative, mantissa, BigInteger.Pow(10, (int)-exponent10), exponent2);
        return !value.IsInfinity && !value.Significand.IsZero;
    }

    /// <summary>The sum rounded to nearest-even; infinite when it overflows or either operand is infinite.</summary>
    public LongDouble Add(LongDouble other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return this with { IsInfinity = true };
        }
        var exponent = Math.Min(Exponent, other.Exponent);
        var a = (Negative ? -Significand : Significand) << (Exponent - exponent);
        var b = (other.Negative ? -other.Significand : other.Significand) << (other.Exponent - exponent);
        var sum = a + b;
        return Round(sum.Sign < 0, BigInteger.Abs(sum), exponent);
    }

    /// <summary>Redis' ld2string in LD_STR_HUMAN mode: "%.17Lf", trailing zeros and point removed, "-0" as "0".</summary>
    public byte[] ToHumanString()
    {
        BigInteger scaled;
        var tenPow = BigInteger.Pow(10, FractionDigits);
        if (Exponent >= 0)
        {
            scaled = (Significand << Exponent) * tenPow;
        }
        else
        {
            var numerator = Significand * tenPow;
            var quotient = BigInteger.DivRem(numerator, BigInteger.One << -Exponent, out var remainder);
            var twice = remainder << 1;
            var half = BigInteger.One << -Exponent;
            scaled = twice > half || (twice == half && !quotient.IsEven) ? quotient + 1 : quotient;
        }
        var digits = scaled.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(FractionDigits + 1, '0');
        var text = (digits[..^FractionDigits] + "." + digits[^FractionDigits..]).TrimEnd('0').TrimEnd('.');
        return Encoding.ASCII.GetBytes(Negative && text != "0" ? "-" + text : text);
    }

    private static bool IsWord(ReadOnlySpan<byte> s, string word) => Parsing.ArgParser.Is(s, word);

    /// <summary>digits[.digits][(e|E)[sign]digits]: value = mantissa × 10^exponent10.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<byte> s, out BigInteger mantissa, out int exponent2, out long exponent10)
    {
        exponent2 = 0;
        var i = ReadDigits(s, 0, 10, out mantissa, out var intDigits);
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i = ReadDigits(s, i + 1, 10, out mantissa, out fracDigits, mantissa);
        }
        exponent10 = -fracDigits;
        if (intDigits + fracDigits == 0)
        {
            return false;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i = ReadExponent(s, i + 1, out var e);
            exponent10 += e;
        }
        return i == s.Length;
    }

    /// <summary>hexdigits[.hexdigits][(p|P)[sign]digits] after "0x": value = mantissa × 2^exponent2.</summary>
    private static bool TryParseHex(ReadOnlySpan<byte> s, out BigInteger mantissa, out int exponent2, out long exponent10)
    {
        exponent10 = 0;
        var i = ReadDigits(s, 0, 16, out mantissa, out var intDigits);
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i = ReadDigits(s, i + 1, 16, out mantissa, out fracDigits, mantissa);
        }
        long e2 = -4L * fracDigits;
        if (intDigits + fracDigits == 0)
        {
            exponent2 = 0;
            return false;
        }
        if (i < s.Length && (s[i] | 0x20) == 'p')
        {
            i = ReadExponent(s, i + 1, out var e);
            e2 += e;
        }
        exponent2 = (int)Math.Clamp(e2, -100_000, 100_000);
        return i == s.Length;
    }

    private static int ReadDigits(ReadOnlySpan<byte> s, int i, int radix, out BigInteger value, out int count, BigInteger start = default)
    {
        value = start;
        count = 0;
        for (; i < s.Length && DigitValue(s[i]) is var d && d >= 0 && d < radix; i++, count++)
        {
            value = (value * radix) + d;
        }
        return i;
    }

    /// <summary>An exponent's optional sign and digits; without digits the 'e' is not part of the number (strtold).</summary>
    private static int ReadExponent(ReadOnlySpan<byte> s, int i, out long exponent)
    {
        exponent = 0;
        var negative = i < s.Length && s[i] == '-';
        var j = i < s.Length && s[i] is (byte)'-' or (byte)'+' ? i + 1 : i;
        var start = j;
        for (; j < s.Length && s[j] is >= (byte)'0' and <= (byte)'9'; j++)
        {
            exponent = Math.Min((exponent * 10) + (s[j] - '0'), 1_000_000_000);
        }
        if (j == start)
        {
            return i - 1;
        }
        exponent = negative ? -exponent : exponent;
        return j;
    }

    private static int DigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>numerator / denominator × 2^exponent, rounded: enough quotient bits plus a sticky bit for the remainder.</summary>
    private static LongDouble RoundQuotient(bool negative, BigInteger numerator, BigInteger denominator, int exponent)
    {
        var shift = Math.Max(0, (int)(denominator.GetBitLength() - numerator.GetBitLength()) + SignificandBits + 2);
        var quotient = BigInteger.DivRem(numerator << shift, denominator, out var remainder);
        var sticky = remainder.IsZero ? BigInteger.Zero : BigInteger.One;
        return Round(negative, (quotient << 1) | sticky, exponent - shift - 1);
    }

    /// <summary>magnitude × 2^exponent to 64 significant bits (fewer for subnormals), ties to even.</summary>
    private static LongDouble Round(bool negative, BigInteger magnitude, long exponent)
    {
        if (magnitude.IsZero)
        {
            return new LongDouble(false, BigInteger.Zero, 0, false);
        }
        var drop = Math.Max(magnitude.GetBitLength() - SignificandBits, MinExponent - exponent);
        if (drop > 0)
        {
            var half = BigInteger.One << (int)(drop - 1);
            var kept = magnitude >> (int)drop;
            var rest = magnitude - (kept << (int)drop);
            magnitude = rest > half || (rest == half && !kept.IsEven) ? kept + 1 : kept;
            exponent += drop;
            if (magnitude.GetBitLength() > SignificandBits)
            {
                magnitude >>= 1;
                exponent++;
            }
        }
        if (magnitude.IsZero)
        {
            return new LongDouble(negative, BigInteger.Zero, 0, false);
        }
        if (exponent + (magnitude.GetBitLength() - SignificandBits) > MaxExponent)
        {
            return new LongDouble(negative, BigInteger.Zero, 0, IsInfinity: true);
        }
        return new LongDouble(negative, magnitude, (int)exponent, false);
    }
}
