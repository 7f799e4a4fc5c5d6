using System.Globalization;
using System.Text;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>A minimal RESP2 encoder and parser for the tests (the product's writer lives in OrleansStreams.Resp).</summary>
internal static class Resp2
{
    public static byte[] Encode(Reply reply)
    {
        var sb = new List<byte>();
        Encode(reply, sb);
        return [.. sb];
    }

    public static byte[] EncodeCommand(IReadOnlyList<byte[]> args)
    {
        var output = new List<byte>();
        Line(output, $"*{args.Count}");
        foreach (var arg in args)
        {
            Line(output, $"${arg.Length}");
            output.AddRange(arg);
            Line(output, "");
        }
        return [.. output];
    }

    private static void Encode(Reply reply, List<byte> o)
    {
        switch (reply)
        {
            case SimpleReply s:
                Line(o, "+" + s.Value);
                break;
            case ErrorReply e:
                Line(o, "-" + e.Message);
                break;
            case IntegerReply i:
                Line(o, ":" + i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BulkReply b:
                Line(o, "$" + b.Value.Length.ToString(CultureInfo.InvariantCulture));
                o.AddRange(b.Value);
                Line(o, "");
                break;
            case NullReply n:
                Line(o, n.Kind == NullKind.Bulk ? "$-1" : "*-1");
                break;
            case ArrayReply a:
                Items(o, a.Items);
                break;
            case MapReply m:
                Items(o, m.KeysAndValues);
                break;
            default:
                throw new NotSupportedException(reply.GetType().Name);
        }
    }

    private static void Items(List<byte> o, Reply[] items)
    {
        Line(o, "*" + items.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var item in items)
        {
            Encode(item, o);
        }
    }

    private static void Line(List<byte> o, string text)
    {
        o.AddRange(Encoding.UTF8.GetBytes(text));
        o.Add((byte)'\r');
        o.Add((byte)'\n');
    }

    /// <summary>Reads one complete reply from <paramref name="stream"/> and returns its raw bytes.</summary>
    public static byte[] ReadRaw(Stream stream)
    {
        var raw = new List<byte>();
        ReadOne(stream, raw);
        return [.. raw];
    }

    private static void ReadOne(Stream stream, List<byte> raw)
    {
        var line = ReadLine(stream, raw);
        var n = line[0] is '$' or '*' ? long.Parse(line.AsSpan(1), CultureInfo.InvariantCulture) : 0;
        switch (line[0])
        {
            case '$' when n >= 0:
                for (var i = 0; i < n + 2; i++)
                {
                    raw.Add(ReadByte(stream));
                }
                break;
            case '*':
                for (var i = 0; i < n; i++)
                {
                    ReadOne(stream, raw);
                }
                break;
        }
    }

    private static string ReadLine(Stream stream, List<byte> raw)
    {
        var line = new List<byte>();
        while (true)
        {
            var b = ReadByte(stream);
            raw.Add(b);
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
            }
            line.Add(b);
        }
    }

    private static byte ReadByte(Stream stream)
    {
        var b = stream.ReadByte();
        return b < 0 ? throw new EndOfStreamException() : (byte)b;
    }

    /// <summary>Raw RESP2 made order-independent: arrays (and nested arrays) have their elements sorted.</summary>
    public static string Unordered(byte[] raw)
    {
        var pos = 0;
        return Canonical(raw, ref pos);
    }

    private static string Canonical(byte[] raw, ref int pos)
    {
        var end = Array.IndexOf(raw, (byte)'\n', pos);
        var line = Encoding.UTF8.GetString(raw, pos, end - pos + 1);
        pos = end + 1;
        var n = line[0] is '$' or '*' ? long.Parse(line.AsSpan(1, line.Length - 3), CultureInfo.InvariantCulture) : 0;
        if (line[0] == '$' && n >= 0)
        {
            line += Encoding.UTF8.GetString(raw, pos, (int)n + 2);
            pos += (int)n + 2;
        }
        else if (line[0] == '*' && n > 0)
        {
            var items = new List<string>();
            for (var i = 0; i < n; i++)
            {
                items.Add(Canonical(raw, ref pos));
            }
            items.Sort(StringComparer.Ordinal);
            line += string.Concat(items);
        }
        return line;
    }
}
