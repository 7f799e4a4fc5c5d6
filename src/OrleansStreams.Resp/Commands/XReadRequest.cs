using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// XREAD's arguments, parsed as Redis' xreadCommand does. After an ID error <see cref="Keys"/> holds the keys up to the one
/// whose ID failed: Redis checks each key's type before its ID, so a wrong type among them answers first.
/// </summary>
public sealed record XReadRequest(byte[][] Keys, StreamReadRequest[] Requests, long BlockMs, string? Error)
{
    public static XReadRequest Parse(byte[][] args)
    {
        long count = 0, block = -1;
        var streamsAt = -1;
        for (var i = 1; i < args.Length; i++)
        {
            var more = args.Length - i - 1;
            if (ArgParser.Is(args[i], "BLOCK") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out block))
                {
                    return Fail(RedisErrors.StreamTimeoutNotInteger);
                }
                if (block < 0)
                {
                    return Fail(RedisErrors.StreamTimeoutNegative);
                }
                i++;
            }
            else if (ArgParser.Is(args[i], "COUNT") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out count))
                {
                    return Fail(RedisErrors.NotInteger);
                }
                count = Math.Max(0, count);
                i++;
            }
            else if (ArgParser.Is(args[i], "STREAMS") && more >= 1)
            {
                streamsAt = i + 1;
                if ((args.Length - streamsAt) % 2 != 0)
                {
                    return Fail(RedisErrors.StreamUnbalanced);
                }
                break;
            }
            else if (ArgParser.Is(args[i], "GROUP") && more >= 2)
            {
                return Fail(RedisErrors.XReadGroupOption);
            }
            else if (ArgParser.Is(args[i], "NOACK"))
            {
                return Fail(RedisErrors.XReadNoAckOption);
            }
            else
            {
                return Fail(RedisErrors.Syntax);
            }
        }
        if (streamsAt < 0)
        {
            return Fail(RedisErrors.Syntax);
        }
        var n = (args.Length - streamsAt) / 2;
        var keys = args[streamsAt..(streamsAt + n)];
        var requests = new StreamReadRequest[n];
        for (var k = 0; k < n; k++)
        {
            var id = args[streamsAt + n + k];
            if (id is [(byte)'$'])
            {
                requests[k] = new StreamReadRequest(default, true, false, count);
            }
            else if (StreamEntryId.TryParse(id, 0, out var after))
            {
                requests[k] = new StreamReadRequest(after, false, false, count);
            }
            else
            {
                // Redis 7.0 takes no '+' here (7.4 added it).
                var error = id is [(byte)'>'] ? RedisErrors.XReadGreaterThanId : RedisErrors.StreamInvalidId;
                return new XReadRequest(keys[..(k + 1)], [], -1, error);
            }
        }
        return new XReadRequest(keys, requests, block, null);
    }

    private static XReadRequest Fail(string error) => new([], [], -1, error);
}
