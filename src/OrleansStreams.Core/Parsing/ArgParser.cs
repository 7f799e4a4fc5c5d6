using System.Globalization;
using System.Text;

using OrleansStreams.Parsing;

namespace OrleansStreams.Parsing;

/// <summary>Argument parsing with Redis' exact rules (util.c string2ll, strtoul for cursors, strcasecmp for keywords).</summary>
public static class ArgParser
{
    /// <summary>
    /// Redis' string2ll: an optional '-', no '+', no leading zeros (except "0"), no spaces, within a signed 64-bit range.
    /// </summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 20)
        {
            return false;
        }
        if (s.Length == 1 && s[0] == '0')
        {
            return true;
        }
        var negative = s[0] == '-';
        var p = negative ? 1 : 0;
        if (p == s.Length || s[p] < '1' || s[p] > '9')
        {
            return false;
        }
        ulong v = 0;
        for (; p < s.Length; p++)
        {
            var d = s[p] - '0';
            if (d is < 0 or > 9 || v > (ulong.MaxValue - (ulong)d) / 10)
            {
                return false;
            }
            v = (v * 10) + (ulong)d;
        }
        if (negative)
        {
            if (v > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - v);
            return true;
        }
        if (v > long.MaxValue)
        {
            return false;
        }
        value = (long)v;
        return true;
    }

    /// <summary>
    /// A SCAN cursor as Redis 7.0 parses it with strtoul: optional sign ('-' wraps around), decimal digits, no
    /// leading space, nothing after, no overflow of 64 bits.
    /// </summary>
    public static bool TryParseCursor(ReadOnlySpan<byte> s, out ulong cursor)
    {
        cursor = 0;
        var p = 0;
        var negative = false;
        if (p < s.Length && (s[p] == '+' || s[p] == '-'))
        {
            negative = s[p] == '-';
            p++;
        }
        if (p == s.Length)
        {
            return false;
        }
        for (; p < s.Length; p++)
        {
            var d = s[p] - '0';
            if (d is < 0 or > 9 || cursor > (ulong.MaxValue - (ulong)d) / 10)
            {
                return false;
            }
            cursor = (cursor * 10) + (ulong)d;
        }
        if (negative)
        {
            cursor = 0 - cursor;
        }
        return true;
    }

    /// <summary>ASCII case-insensitive comparison of an argument with an uppercase or lowercase keyword.</summary>
    public static bool Is(ReadOnlySpan<byte> arg, string keyword)
    {
        if (arg.Length != keyword.Length)
        {
            return false;
        }
        for (var i = 0; i < arg.Length; i++)
        {
            if (char.ToUpperInvariant((char)arg[i]) != char.ToUpperInvariant(keyword[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The decimal text Redis stores for an integer result (INCR, HINCRBY).</summary>
    public static byte[] Format(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An argument as text for error messages (Redis prints the raw bytes).</summary>
    public static string Text(byte[] arg) => Encoding.UTF8.GetString(arg);
}
