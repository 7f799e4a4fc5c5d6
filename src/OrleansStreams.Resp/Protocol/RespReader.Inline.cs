using System.Buffers;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Protocol;

public static partial class RespReader
{
    private static RespParseStatus TryReadInline(
        ref ReadOnlySequence<byte> buffer,
        RespReaderLimits limits,
        out byte[][] args,
        out string? error)
    {
        args = [];
        error = null;
        var newline = buffer.PositionOf(Lf);
        if (newline is null)
        {
            if (buffer.Length > limits.MaxInlineSize)
            {
                error = RedisErrors.ProtocolTooBigInline;
                return RespParseStatus.ProtocolError;
            }
            return RespParseStatus.Incomplete;
        }
        var line = buffer.Slice(0, newline.Value);
        var consumed = buffer.GetPosition(1, newline.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == Cr)
        {
            line = line.Slice(0, line.Length - 1);
        }
        var split = line.IsSingleSegment
            ? InlineSplitter.Split(line.FirstSpan)
            : InlineSplitter.Split(line.ToArray());
        if (split is null)
        {
            error = RedisErrors.ProtocolUnbalancedQuotes;
            return RespParseStatus.ProtocolError;
        }
        args = split;
        buffer = buffer.Slice(consumed);
        return RespParseStatus.Complete;
    }
}
