using System.Buffers;
using System.Buffers.Text;
using System.Text;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// Encodes a <see cref="Reply"/> as RESP2 or RESP3 bytes, as Redis 7's networking.c does: in RESP2
/// nulls are <c>$-1</c>/<c>*-1</c>, maps are flattened arrays, sets and pushes are arrays, doubles and
/// verbatim strings are bulk strings; RESP3 uses <c>_ % ~ &gt; , =</c>.
/// </summary>
public static class RespWriter
{
    /// <summary>Bulk payloads up to this size are written with their header into one span.</summary>
    private const int InlinePayloadLimit = 4096;

    /// <summary>A type prefix, a signed 64-bit integer and CRLF.</summary>
    private const int MaxHeaderLength = 1 + 20 + 2;

    /// <summary>Writes <paramref name="reply"/> for a client speaking <paramref name="protocol"/> (2 or 3).</summary>
    public static void Write(IBufferWriter<byte> output, Reply reply, int protocol)
    {
        var resp3 = protocol >= 3;
        switch (reply)
        {
            case BulkReply bulk:
                WriteBulk(output, bulk.Value);
                break;
            case SimpleReply simple:
                WriteLine(output, (byte)'+', simple.Value);
                break;
            case IntegerReply integer:
                WriteHeader(output, (byte)':', integer.Value);
                break;
            case ArrayReply array:
                WriteHeader(output, !resp3 ? (byte)'*' : array.IsPush ? (byte)'>' : array.IsSet ? (byte)'~' : (byte)'*', array.Items.Length);
                WriteAll(output, array.Items, protocol);
                break;
            case MapReply map:
                WriteHeader(output, resp3 ? (byte)'%' : (byte)'*', resp3 ? map.KeysAndValues.Length / 2 : map.KeysAndValues.Length);
                WriteAll(output, map.KeysAndValues, protocol);
                break;
            case NullReply nullReply:
                WriteNull(output, nullReply.Kind, resp3);
                break;
            case ErrorReply error:
                WriteError(output, error.Message);
                break;
            case DoubleReply number:
                RespDoubleFormatter.Write(output, number.Value, resp3);
                break;
            case VerbatimReply verbatim:
                WriteVerbatim(output, verbatim.Text, resp3);
                break;
            case StreamEntriesReply entries:
                WriteEntries(output, entries.Entries);
                break;
            default:
                throw new ArgumentException($"Reply type {reply.GetType().Name} has no RESP encoding.", nameof(reply));
        }
    }

    /// <summary>Each entry as <c>*2</c>, its ID as a bulk string and <c>*n</c> bulk fields (the same bytes in RESP2 and RESP3).</summary>
    private static void WriteEntries(IBufferWriter<byte> output, IReadOnlyList<StreamEntry> entries)
    {
        WriteHeader(output, (byte)'*', entries.Count);
        Span<byte> id = stackalloc byte[StreamEntryId.MaxUtf8Length];
        foreach (var entry in entries)
        {
            output.Write("*2\r\n"u8);
            WriteBulk(output, id[..entry.Id.Format(id)]);
            WriteHeader(output, (byte)'*', entry.Fields.Length);
            foreach (var field in entry.Fields)
            {
                WriteBulk(output, field);
            }
        }
    }

    private static void WriteAll(IBufferWriter<byte> output, Reply[] items, int protocol)
    {
        foreach (var item in items)
        {
            Write(output, item, protocol);
        }
    }

    /// <summary>Writes <c>prefix</c>, the decimal <paramref name="value"/> and CRLF.</summary>
    internal static void WriteHeader(IBufferWriter<byte> output, byte prefix, long value)
    {
        var span = output.GetSpan(MaxHeaderLength);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(written + 3);
    }

    internal static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= InlinePayloadLimit)
        {
            var span = output.GetSpan(MaxHeaderLength + payload.Length + 2);
            span[0] = (byte)'$';
            Utf8Formatter.TryFormat(payload.Length, span[1..], out var written);
            var at = written + 1;
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
            payload.CopyTo(span[at..]);
            at += payload.Length;
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
            output.Advance(at);
            return;
        }
        WriteHeader(output, (byte)'$', payload.Length);
        output.Write(payload);
        WriteCrLf(output);
    }

    private static void WriteNull(IBufferWriter<byte> output, NullKind kind, bool resp3) =>
        output.Write(resp3 ? "_\r\n"u8 : kind == NullKind.Array ? "*-1\r\n"u8 : "$-1\r\n"u8);

    /// <summary>
    /// Writes <c>-</c> and the message; Redis adds no second dash to a message that already starts
    /// with one, and replaces CR and LF by spaces so the reply stays one line.
    /// </summary>
    private static void WriteError(IBufferWriter<byte> output, string message) =>
        WriteLine(output, (byte)'-', message.StartsWith('-') ? message.AsSpan(1) : message);

    /// <summary>Writes a one-line reply: the prefix, the UTF-8 text with CR and LF made spaces, CRLF.</summary>
    private static void WriteLine(IBufferWriter<byte> output, byte prefix, ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(length + 3);
        span[0] = prefix;
        var body = span.Slice(1, length);
        Encoding.UTF8.GetBytes(text, body);
        // UTF-8 never uses the bytes 0x0D and 0x0A inside a multi-byte sequence.
        body.Replace((byte)'\r', (byte)' ');
        body.Replace((byte)'\n', (byte)' ');
        span[length + 1] = (byte)'\r';
        span[length + 2] = (byte)'\n';
        output.Advance(length + 3);
    }

    private static void WriteVerbatim(IBufferWriter<byte> output, string text, bool resp3)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (resp3)
        {
            WriteHeader(output, (byte)'=', length + 4);
            output.Write("txt:"u8);
        }
        else
        {
            WriteHeader(output, (byte)'$', length);
        }
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(text, span);
        output.Advance(length);
        WriteCrLf(output);
    }

    private static void WriteCrLf(IBufferWriter<byte> output) => output.Write("\r\n"u8);
}
