using System.Buffers;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Protocol;

public static partial class RespReader
{
    private const long UnauthenticatedMaxMultibulk = 10;
    private const long UnauthenticatedMaxBulk = 16384;

    private static RespParseStatus TryReadMultibulk(
        ref ReadOnlySequence<byte> buffer,
        RespReaderLimits limits,
        out byte[][] args,
        out string? error)
    {
        args = [];
        var status = Scan(buffer, limits, null, out var count, out var end, out error);
        if (status != RespParseStatus.Complete)
        {
            return status;
        }
        if (count > 0)
        {
            // Every argument has arrived, so the array is bounded by the bytes received.
            args = new byte[count][];
            Scan(buffer, limits, args, out _, out _, out _);
        }
        buffer = buffer.Slice(end);
        return RespParseStatus.Complete;
    }

    /// <summary>
    /// Walks one multibulk frame; copies the arguments into <paramref name="args"/> when it is given
    /// (the second pass, once the first has seen the whole frame).
    /// </summary>
    private static RespParseStatus Scan(
        in ReadOnlySequence<byte> buffer,
        RespReaderLimits limits,
        byte[][]? args,
        out int count,
        out SequencePosition end,
        out string? error)
    {
        var reader = new SequenceReader<byte>(buffer);
        count = 0;
        end = default;
        error = null;

        // The count line is searched from the '*' itself, as Redis does.
        var lineStatus = TryFindCrLine(ref reader, limits.MaxInlineSize, out var line);
        if (lineStatus != LineStatus.Found)
        {
            return Fail(lineStatus, RedisErrors.ProtocolTooBigMultibulkCount, out error);
        }
        if (!RedisInteger.TryParse(line.Slice(1), out var declared) || declared > int.MaxValue || declared > limits.MaxMultibulkCount)
        {
            error = RedisErrors.ProtocolInvalidMultibulkLength;
            return RespParseStatus.ProtocolError;
        }
        if (limits.Unauthenticated && declared > UnauthenticatedMaxMultibulk)
        {
            error = RedisErrors.ProtocolUnauthenticatedMultibulkLength;
            return RespParseStatus.ProtocolError;
        }
        if (declared <= 0)
        {
            end = reader.Position;
            return RespParseStatus.Complete;
        }

        for (var i = 0; i < declared; i++)
        {
            lineStatus = TryFindCrLine(ref reader, limits.MaxInlineSize, out line);
            if (lineStatus != LineStatus.Found)
            {
                return Fail(lineStatus, RedisErrors.ProtocolTooBigBulkCount, out error);
            }
            // An empty line means the CR itself sits where '$' belongs.
            var prefix = line.IsEmpty ? Cr : FirstByte(line);
            if (prefix != (byte)'$')
            {
                error = RespProtocolErrors.ExpectedDollar(prefix);
                return RespParseStatus.ProtocolError;
            }
            if (!RedisInteger.TryParse(line.Slice(1), out var length) || length < 0 || length > limits.MaxBulkLength)
            {
                error = RedisErrors.ProtocolInvalidBulkLength;
                return RespParseStatus.ProtocolError;
            }
            if (limits.Unauthenticated && length > UnauthenticatedMaxBulk)
            {
                error = RedisErrors.ProtocolUnauthenticatedBulkLength;
                return RespParseStatus.ProtocolError;
            }
            // Redis skips the two bytes after the payload without checking that they are CRLF.
            if (reader.Remaining < length + 2)
            {
                return RespParseStatus.Incomplete;
            }
            if (args is not null)
            {
                var value = new byte[length];
                reader.TryCopyTo(value);
                args[i] = value;
            }
            reader.Advance(length + 2);
        }
        count = (int)declared;
        end = reader.Position;
        return RespParseStatus.Complete;
    }

    private static RespParseStatus Fail(LineStatus status, string tooBigError, out string? error)
    {
        error = status == LineStatus.TooBig ? tooBigError : null;
        return status == LineStatus.TooBig ? RespParseStatus.ProtocolError : RespParseStatus.Incomplete;
    }
}
