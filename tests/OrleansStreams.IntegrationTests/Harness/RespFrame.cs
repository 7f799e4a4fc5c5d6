using System.Text;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>Finds where one RESP2/RESP3 reply ends and splits aggregates into their element frames, without decoding.</summary>
public static class RespFrame
{
    /// <summary>Length of the complete frame at the start of <paramref name="data"/>, or -1 if more bytes are needed.</summary>
    public static int Measure(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return -1;
        }
        var lineEnd = data.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return -1;
        }
        var header = lineEnd + 2;
        switch ((char)data[0])
        {
            case '+' or '-' or ':' or '_' or ',' or '#' or '(':
                return header;
            case '$' or '!' or '=':
                {
                    var length = ParseLength(data[1..lineEnd]);
                    if (length < 0)
                    {
                        return header;
                    }
                    var total = header + (int)length + 2;
                    return data.Length >= total ? total : -1;
                }
            case '*' or '~' or '>' or '%' or '|':
                {
                    var count = ParseLength(data[1..lineEnd]);
                    if (count < 0)
                    {
                        return header;
                    }
                    if (data[0] is (byte)'%' or (byte)'|')
                    {
                        count *= 2;
                    }
                    var offset = header;
                    for (var i = 0; i < count; i++)
                    {
                        var element = Measure(data[offset..]);
                        if (element < 0)
                        {
                            return -1;
                        }
                        offset += element;
                    }
                    if (data[0] == (byte)'|')
                    {
                        // An attribute precedes the reply it describes; both belong to one frame.
                        var reply = Measure(data[offset..]);
                        return reply < 0 ? -1 : offset + reply;
                    }
                    return offset;
                }
            default:
                throw new InvalidDataException($"Not a RESP frame: {Show(data[..Math.Min(data.Length, 64)])}");
        }
    }

    /// <summary>The header line and the element frames of an aggregate reply (array, set, push, map).</summary>
    public static (byte[] Header, List<byte[]> Elements) Split(byte[] frame)
    {
        var lineEnd = frame.AsSpan().IndexOf("\r\n"u8);
        var header = frame[..(lineEnd + 2)];
        var elements = new List<byte[]>();
        if (frame[0] is not ((byte)'*' or (byte)'~' or (byte)'>' or (byte)'%'))
        {
            return (header, elements);
        }
        var offset = lineEnd + 2;
        while (offset < frame.Length)
        {
            var length = Measure(frame.AsSpan(offset));
            elements.Add(frame[offset..(offset + length)]);
            offset += length;
        }
        return (header, elements);
    }

    /// <summary>The same aggregate with its elements (map entries as pairs) in byte order: for replies whose order Redis leaves undefined.</summary>
    public static byte[] SortElements(byte[] frame)
    {
        var (header, elements) = Split(frame);
        if (elements.Count == 0)
        {
            return frame;
        }
        var units = new List<byte[]>();
        var step = frame[0] == (byte)'%' ? 2 : 1;
        for (var i = 0; i < elements.Count; i += step)
        {
            units.Add(step == 1 ? elements[i] : [.. elements[i], .. elements[i + 1]]);
        }
        units.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return [.. header, .. units.SelectMany(u => u)];
    }

    /// <summary>A frame as readable text with CR/LF made visible, for failure messages.</summary>
    public static string Show(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame);
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static long ParseLength(ReadOnlySpan<byte> digits)
    {
        if (!long.TryParse(Encoding.ASCII.GetString(digits), out var value))
        {
            throw new InvalidDataException($"Bad RESP length '{Show(digits)}'.");
        }
        return value;
    }
}
