using System.Buffers;
using System.Text;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Protocol;

namespace OrleansStreams.Resp.UnitTests.Support;

/// <summary>Small helpers to write RESP in tests.</summary>
internal static class Wire
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>A multibulk frame, as a client library writes a command.</summary>
    public static byte[] Command(params byte[][] args)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(Bytes($"*{args.Length}\r\n"));
        foreach (var arg in args)
        {
            output.Write(Bytes($"${arg.Length}\r\n"));
            output.Write(arg);
            output.Write("\r\n"u8);
        }
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Command(params string[] args) => Command(args.Select(Bytes).ToArray());

    public static string Encode(Reply reply, int protocol)
    {
        var output = new ArrayBufferWriter<byte>();
        RespWriter.Write(output, reply, protocol);
        return Text(output.WrittenSpan);
    }

    public static string[] Strings(byte[][] args) => args.Select(a => Text(a)).ToArray();
}
