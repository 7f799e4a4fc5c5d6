using System.Buffers;

namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// Reads client commands from a receive buffer the way Redis 7's <c>processInputBuffer</c> does
/// (networking.c): multibulk frames (<c>*N\r\n$len\r\n...</c>) and inline commands split with
/// <c>sdssplitargs</c> quoting, with Redis' exact protocol error texts.
/// </summary>
/// <remarks>
/// Parsing is two-pass: the frame is first validated and measured without allocating, and the
/// arguments are copied only once the whole frame is in the buffer. A frame that arrives in many
/// reads is therefore never copied more than once, and a declared count or length never allocates
/// more than the bytes actually received.
/// </remarks>
public static partial class RespReader
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// <summary>
    /// Tries to read one command from <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">The unread bytes; on return it starts after what was consumed.</param>
    /// <param name="limits">Sizes beyond which the request is a protocol error.</param>
    /// <param name="args">On <see cref="RespParseStatus.Complete"/>, the command name and its arguments (never empty).</param>
    /// <param name="error">On <see cref="RespParseStatus.ProtocolError"/>, the full error text, e.g. <c>ERR Protocol error: invalid bulk length</c>.</param>
    /// <returns>
    /// <see cref="RespParseStatus.Complete"/> when a command was read;
    /// <see cref="RespParseStatus.Incomplete"/> when more bytes are needed — the partial command is not consumed,
    /// but empty frames that Redis skips (blank lines, <c>*0</c>, <c>*-1</c>) before it are;
    /// <see cref="RespParseStatus.ProtocolError"/> when the bytes break the protocol (the connection must close).
    /// </returns>
    public static RespParseStatus TryReadCommand(
        ref ReadOnlySequence<byte> buffer,
        RespReaderLimits limits,
        out byte[][] args,
        out string? error)
    {
        while (!buffer.IsEmpty)
        {
            var status = FirstByte(buffer) == (byte)'*'
                ? TryReadMultibulk(ref buffer, limits, out args, out error)
                : TryReadInline(ref buffer, limits, out args, out error);
            if (status != RespParseStatus.Complete || args.Length > 0)
            {
                return status;
            }
        }
        args = [];
        error = null;
        return RespParseStatus.Incomplete;
    }

    private static byte FirstByte(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (!first.IsEmpty)
        {
            return first[0];
        }
        var reader = new SequenceReader<byte>(buffer);
        reader.TryPeek(out var value);
        return value;
    }

    /// <summary>
    /// Finds the line that starts at the reader's position, as Redis does with <c>strchr(p, '\r')</c>:
    /// the line ends at the next CR, and the byte after the CR (normally LF) must have arrived.
    /// </summary>
    private static LineStatus TryFindCrLine(ref SequenceReader<byte> reader, int maxInlineSize, out ReadOnlySequence<byte> line)
    {
        var start = reader.Position;
        var remaining = reader.Remaining;
        if (!reader.TryAdvanceTo(Cr, advancePastDelimiter: false))
        {
            line = default;
            return remaining > maxInlineSize ? LineStatus.TooBig : LineStatus.Incomplete;
        }
        line = reader.Sequence.Slice(start, reader.Position);
        if (reader.Remaining < 2)
        {
            return LineStatus.Incomplete;
        }
        reader.Advance(2);
        return LineStatus.Found;
    }

    private enum LineStatus
    {
        Found,
        Incomplete,
        TooBig,
    }
}
