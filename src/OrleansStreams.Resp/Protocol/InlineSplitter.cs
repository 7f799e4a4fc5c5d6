using System.Buffers;

namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// Redis' <c>sdssplitargs</c> (sds.c), which splits an inline command: blanks separate arguments;
/// "double quotes" understand <c>\n \r \t \b \a \xHH</c> and <c>\&lt;any&gt;</c>; 'single quotes' only <c>\'</c>;
/// a closing quote must be followed by a blank or the end of the line, and an unterminated quote is
/// an error. As in C, the line ends at its first NUL byte.
/// </summary>
internal static class InlineSplitter
{
    /// <summary>Returns the arguments, or null when the quotes are unbalanced.</summary>
    public static byte[][]? Split(ReadOnlySpan<byte> line)
    {
        var nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            line = line[..nul];
        }
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(line.Length, 1));
        try
        {
            return Split(line, scratch);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static byte[][]? Split(ReadOnlySpan<byte> line, byte[] token)
    {
        List<byte[]>? result = null;
        var p = 0;
        while (true)
        {
            while (p < line.Length && IsSpace(line[p]))
            {
                p++;
            }
            if (p >= line.Length)
            {
                return result is null ? [] : [.. result];
            }
            // The open quote ('"' or '\''), 0 outside quotes: both close the same way; only escapes differ.
            byte quote = 0;
            var done = false;
            var length = 0;
            while (!done)
            {
                var c = At(line, p);
                if (quote != 0)
                {
                    if (quote == '"' && c == '\\' && At(line, p + 1) == 'x' && IsHex(At(line, p + 2)) && IsHex(At(line, p + 3)))
                    {
                        token[length++] = (byte)((HexValue(At(line, p + 2)) << 4) | HexValue(At(line, p + 3)));
                        p += 3;
                    }
                    else if (quote == '"' && c == '\\' && At(line, p + 1) != 0)
                    {
                        p++;
                        token[length++] = line[p] switch
                        {
                            (byte)'n' => (byte)'\n',
                            (byte)'r' => (byte)'\r',
                            (byte)'t' => (byte)'\t',
                            (byte)'b' => (byte)'\b',
                            (byte)'a' => (byte)'\a',
                            var other => other,
                        };
                    }
                    else if (quote == '\'' && c == '\\' && At(line, p + 1) == '\'')
                    {
                        p++;
                        token[length++] = (byte)'\'';
                    }
                    else if (c == quote)
                    {
                        if (!EndsToken(line, p + 1))
                        {
                            return null;
                        }
                        done = true;
                    }
                    else if (c == 0)
                    {
                        return null;
                    }
                    else
                    {
                        token[length++] = c;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0:
                            done = true;
                            break;
                        case (byte)'"' or (byte)'\'':
                            quote = c;
                            break;
                        default:
                            token[length++] = c;
                            break;
                    }
                }
                if (p < line.Length)
                {
                    p++;
                }
            }
            (result ??= []).Add(token.AsSpan(0, length).ToArray());
        }
    }

    private static byte At(ReadOnlySpan<byte> line, int index) => index < line.Length ? line[index] : (byte)0;

    private static bool EndsToken(ReadOnlySpan<byte> line, int index) => index >= line.Length || IsSpace(line[index]);

    /// <summary>C's <c>isspace</c> in the C locale.</summary>
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
