namespace OrleansStreams.Keyspace;

/// <summary>
/// Redis' glob matcher (util.c stringmatchlen, 7.0.15), byte for byte: <c>*</c>, <c>?</c>, <c>[abc]</c>,
/// <c>[^a]</c>, <c>[a-z]</c> (reversed ranges allowed), <c>\</c> escapes, the nesting limit against abusive
/// patterns, and C's signed <c>char</c> comparisons in ranges.
/// </summary>
public static class Glob
{
    private const int MaxNesting = 1000;

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool ignoreCase = false)
    {
        var skipLongerMatches = false;
        return Match(pattern, text, ignoreCase, ref skipLongerMatches, 0);
    }

    private static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool nocase, ref bool skipLongerMatches, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return false;
        }
        var p = 0;
        var s = 0;
        while (p < pattern.Length && s < text.Length)
        {
            switch (pattern[p])
            {
                case (byte)'*':
                    while (p + 1 < pattern.Length && pattern[p + 1] == '*')
                    {
                        p++;
                    }
                    if (p + 1 == pattern.Length)
                    {
                        return true;
                    }
                    while (s < text.Length)
                    {
                        if (Match(pattern[(p + 1)..], text[s..], nocase, ref skipLongerMatches, nesting + 1))
                        {
                            return true;
                        }
                        if (skipLongerMatches)
                        {
                            return false;
                        }
                        s++;
                    }
                    skipLongerMatches = true;
                    return false;
                case (byte)'?':
                    s++;
                    break;
                case (byte)'[':
                    if (!MatchClass(pattern, ref p, text[s], nocase))
                    {
                        return false;
                    }
                    s++;
                    break;
                default:
                    if (pattern[p] == '\\' && pattern.Length - p >= 2)
                    {
                        p++;
                    }
                    if (Fold(pattern[p], nocase) != Fold(text[s], nocase))
                    {
                        return false;
                    }
                    s++;
                    break;
            }
            p++;
            if (s == text.Length)
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }
                break;
            }
        }
        return p == pattern.Length && s == text.Length;
    }

    /// <summary>Matches one character against a class starting at <c>pattern[p] == '['</c>; leaves p on its last byte.</summary>
    private static bool MatchClass(ReadOnlySpan<byte> pattern, ref int p, byte c, bool nocase)
    {
        p++;
        var negate = p < pattern.Length && pattern[p] == '^';
        if (negate)
        {
            p++;
        }
        var match = false;
        while (true)
        {
            var remaining = pattern.Length - p;
            if (remaining >= 2 && pattern[p] == '\\')
            {
                p++;
                if (pattern[p] == c)
                {
                    match = true;
                }
            }
            else if (remaining > 0 && pattern[p] == ']')
            {
                break;
            }
            else if (remaining == 0)
            {
                // An unterminated class: Redis steps back so the outer loop ends on the last pattern byte.
                p--;
                break;
            }
            else if (remaining >= 3 && pattern[p + 1] == '-')
            {
                int start = Signed(pattern[p]);
                int end = Signed(pattern[p + 2]);
                int ch = Signed(c);
                if (start > end)
                {
                    (start, end) = (end, start);
                }
                if (nocase)
                {
                    start = Lower(start);
                    end = Lower(end);
                    ch = Lower(ch);
                }
                p += 2;
                if (ch >= start && ch <= end)
                {
                    match = true;
                }
            }
            else if (Fold(pattern[p], nocase) == Fold(c, nocase))
            {
                match = true;
            }
            p++;
        }
        return negate ? !match : match;
    }

    private static int Signed(byte b) => (sbyte)b;

    private static int Lower(int c) => c is >= 'A' and <= 'Z' ? c + 32 : c;

    private static int Fold(byte b, bool nocase) => nocase ? Lower(b) : b;
}
