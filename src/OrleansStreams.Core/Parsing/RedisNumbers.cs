namespace OrleansStreams.Parsing;

/// <summary>Number parsing with Redis' exact rules (util.c string2ll): no sign but '-', no leading zeros, no spaces.</summary>
public static class RedisNumbers
{
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
            if (d < 0 || d > 9 || v > (ulong.MaxValue - (ulong)d) / 10)
            {
                return false;
            }
            v = v * 10 + (ulong)d;
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

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> arg, string keyword)
    {
        if (arg.Length != keyword.Length)
        {
            return false;
        }
        for (var i = 0; i < arg.Length; i++)
        {
            var a = arg[i];
            if (a is >= (byte)'a' and <= (byte)'z')
            {
                a -= 32;
            }
            var k = keyword[i];
            if (k is >= 'a' and <= 'z')
            {
                k = (char)(k - 32);
            }
            if (a != k)
            {
                return false;
            }
        }
        return true;
    }
}
