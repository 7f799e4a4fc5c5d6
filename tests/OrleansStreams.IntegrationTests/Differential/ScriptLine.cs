using System.Globalization;
using System.Text;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>How a line's replies are compared.</summary>
public enum Comparison
{
    /// <summary>Byte for byte.</summary>
    Exact,

    /// <summary>Only the RESP type byte (`~ ` prefix): IDs from `*`, HELLO's id, INFO.</summary>
    TypeOnly,

    /// <summary>Elements sorted before comparing (`? ` prefix): KEYS, SMEMBERS.</summary>
    Unordered,
}

/// <summary>One command of a differential script.</summary>
public sealed record ScriptLine(int Number, string Text, Comparison Comparison, IReadOnlyList<byte[]> Arguments)
{
    /// <summary>
    /// Parses a script: one command a line with redis-cli quoting ("..." with \n \r \t \" \\ \xHH escapes, '...' with \'),
    /// blank lines and lines starting with # ignored, `~ ` and `? ` prefixes choosing the comparison.
    /// </summary>
    public static List<ScriptLine> ParseScript(IEnumerable<string> lines)
    {
        var result = new List<ScriptLine>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var comparison = Comparison.Exact;
            if (line.StartsWith("~ ", StringComparison.Ordinal))
            {
                comparison = Comparison.TypeOnly;
                line = line[2..].TrimStart();
            }
            else if (line.StartsWith("? ", StringComparison.Ordinal))
            {
                comparison = Comparison.Unordered;
                line = line[2..].TrimStart();
            }
            result.Add(new ScriptLine(number, line, comparison, SplitArguments(line, number)));
        }
        return result;
    }

    /// <summary>redis-cli's sdssplitargs.</summary>
    public static List<byte[]> SplitArguments(string line, int number = 0)
    {
        var args = new List<byte[]>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            if (i >= line.Length)
            {
                return args;
            }
            var current = new List<byte>();
            var quote = '\0';
            while (true)
            {
                if (i >= line.Length)
                {
                    if (quote != '\0')
                    {
                        throw new FormatException($"Line {number}: unbalanced quotes in `{line}`.");
                    }
                    break;
                }
                var c = line[i];
                if (quote == '"')
                {
                    if (c == '\\' && i + 3 < line.Length && line[i + 1] == 'x' && Uri.IsHexDigit(line[i + 2]) && Uri.IsHexDigit(line[i + 3]))
                    {
                        current.Add(byte.Parse(line.AsSpan(i + 2, 2), NumberStyles.HexNumber));
                        i += 4;
                        continue;
                    }
                    if (c == '\\' && i + 1 < line.Length)
                    {
                        var escaped = line[i + 1] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'a' => '\a', var other => other };
                        current.AddRange(Encoding.UTF8.GetBytes(escaped.ToString()));
                        i += 2;
                        continue;
                    }
                    if (c == '"')
                    {
                        EnsureSeparated(line, i, number);
                        i++;
                        break;
                    }
                }
                else if (quote == '\'')
                {
                    if (c == '\\' && i + 1 < line.Length && line[i + 1] == '\'')
                    {
                        current.Add((byte)'\'');
                        i += 2;
                        continue;
                    }
                    if (c == '\'')
                    {
                        EnsureSeparated(line, i, number);
                        i++;
                        break;
                    }
                }
                else
                {
                    if (char.IsWhiteSpace(c))
                    {
                        break;
                    }
                    if (c is '"' or '\'')
                    {
                        quote = c;
                        i++;
                        continue;
                    }
                }
                current.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                i++;
            }
            args.Add([.. current]);
        }
    }

    private static void EnsureSeparated(string line, int closingQuote, int number)
    {
        if (closingQuote + 1 < line.Length && !char.IsWhiteSpace(line[closingQuote + 1]))
        {
            throw new FormatException($"Line {number}: closing quote must be followed by a space in `{line}`.");
        }
    }
}
