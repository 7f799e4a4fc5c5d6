using System.Text;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>A decoded reply, for tests that check meaning rather than bytes.</summary>
public sealed record RespValue(char Type, string? Text, IReadOnlyList<RespValue> Items)
{
    public bool IsNull => Text is null && Items.Count == 0 && Type is '_' or '$' or '*';

    public bool IsError => Type is '-' or '!';

    public long Integer => long.Parse(Text ?? throw new InvalidOperationException("Null reply has no integer."));

    public static RespValue Parse(byte[] frame)
    {
        var lineEnd = frame.AsSpan().IndexOf("\r\n"u8);
        var line = Encoding.UTF8.GetString(frame, 1, lineEnd - 1);
        var type = (char)frame[0];
        switch (type)
        {
            case '$' or '!' or '=':
                {
                    var length = int.Parse(line);
                    return length < 0
                        ? new RespValue(type, null, [])
                        : new RespValue(type, Encoding.UTF8.GetString(frame, lineEnd + 2, length), []);
                }
            case '*' or '~' or '>' or '%':
                {
                    if (line.StartsWith('-'))
                    {
                        return new RespValue(type, null, []);
                    }
                    var (_, elements) = RespFrame.Split(frame);
                    return new RespValue(type, line, elements.Select(Parse).ToList());
                }
            case '_':
                return new RespValue(type, null, []);
            default:
                return new RespValue(type, line, []);
        }
    }

    /// <summary>Field/value pairs of a RESP2 flat array or a RESP3 map, keyed by the field text.</summary>
    public Dictionary<string, RespValue> AsPairs()
    {
        var pairs = new Dictionary<string, RespValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < Items.Count; i += 2)
        {
            pairs[Items[i].Text ?? ""] = Items[i + 1];
        }
        return pairs;
    }

    public override string ToString() => Items.Count == 0
        ? $"{Type}{Text ?? "(null)"}"
        : $"{Type}[{string.Join(", ", Items)}]";
}
