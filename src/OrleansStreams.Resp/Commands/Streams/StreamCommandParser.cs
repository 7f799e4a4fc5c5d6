using OrleansStreams.Parsing;
using OrleansStreams.Replies;

using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>Parses the arguments of the stream commands as Redis 7's t_stream.c does, with its error texts.</summary>
public static class StreamCommandParser
{
    /// <summary>
    /// Parses a whole command (args[0] is the name, args[1] the key). <paramref name="nodes"/> are the
    /// node limits CONFIG holds now: an XADD carries them, and an approximate trim's default LIMIT is
    /// 100 nodes' worth (null: Redis' defaults).
    /// </summary>
    public static StreamOperation Parse(byte[][] args, StreamNodeLimits? nodes = null)
    {
        nodes ??= StreamNodeLimits.Default;
        var name = args[0];
        if (ArgParser.Is(name, "XADD"))
        {
            return args.Length < 5 ? Arity("xadd") : ParseAdd(args, nodes);
        }
        if (ArgParser.Is(name, "XRANGE") || ArgParser.Is(name, "XREVRANGE"))
        {
            var rev = name.Length == 9;
            return args.Length < 4 ? Arity(rev ? "xrevrange" : "xrange") : ParseRange(args, rev);
        }
        if (ArgParser.Is(name, "XLEN"))
        {
            return args.Length != 2 ? Arity("xlen") : new StreamOperation.Length();
        }
        if (ArgParser.Is(name, "XDEL"))
        {
            return args.Length < 3 ? Arity("xdel") : ParseDel(args);
        }
        if (ArgParser.Is(name, "XTRIM"))
        {
            return args.Length < 4 ? Arity("xtrim") : ParseTrimCommand(args, nodes);
        }
        if (ArgParser.Is(name, "XSETID"))
        {
            return args.Length < 3 ? Arity("xsetid") : ParseSetId(args);
        }
        if (ArgParser.Is(name, "XINFO"))
        {
            return ParseInfo(args);
        }
        return new InvalidStreamCommand(RedisErrors.Syntax);
    }

    /// <summary>An ID as XRANGE takes it: <c>-</c>, <c>+</c>, or an ID whose missing sequence is <paramref name="missingSeq"/>.</summary>
    public static bool TryParseRangeId(ReadOnlySpan<byte> arg, ulong missingSeq, out StreamEntryId id)
    {
        var text = arg.Length <= 127 ? StreamEntryId.CString(arg) : arg;
        if (text is [(byte)'-'])
        {
            id = StreamEntryId.Min;
            return true;
        }
        if (text is [(byte)'+'])
        {
            id = StreamEntryId.Max;
            return true;
        }
        return StreamEntryId.TryParse(arg, missingSeq, out id);
    }

    private static StreamOperation Arity(string command) => new InvalidStreamCommand(RedisErrors.WrongArity(command));

    private static StreamOperation ParseAdd(byte[][] args, StreamNodeLimits nodes)
    {
        var i = 2;
        var options = ParseTrimOptions(args, ref i, xadd: true, nodes, out var error);
        if (error is not null)
        {
            return new InvalidStreamCommand(error);
        }
        // The fields start after the ID (or after the last option when the ID is missing).
        var fieldCount = args.Length - (i + 1);
        if (fieldCount < 2 || fieldCount % 2 == 1)
        {
            return Arity("xadd");
        }
        if (options.IdGiven && options.SeqGiven && options.Id == StreamEntryId.Min)
        {
            return new InvalidStreamCommand(RedisErrors.StreamIdZero);
        }
        return new StreamOperation.Append(options.NoMkStream, options.Trim, options.IdGiven, options.SeqGiven, options.Id, args[(i + 1)..])
        {
            NodeLimits = ReferenceEquals(nodes, StreamNodeLimits.Default) ? null : nodes,
        };
    }

    private static StreamOperation ParseTrimCommand(byte[][] args, StreamNodeLimits nodes)
    {
        var i = 2;
        var options = ParseTrimOptions(args, ref i, xadd: false, nodes, out var error);
        return error is not null ? new InvalidStreamCommand(error) : new StreamOperation.Trim(options.Trim);
    }

    /// <summary>XADD's options and ID, or XTRIM's options.</summary>
    private readonly record struct AddOrTrimOptions(StreamTrim Trim, bool NoMkStream, bool IdGiven, bool SeqGiven, StreamEntryId Id);

    /// <summary>
    /// streamParseAddOrTrimArgsOrReply: NOMKSTREAM (XADD), MAXLEN/MINID [=|~] threshold, LIMIT n, in any order; for XADD the
    /// first other argument is the ID (<paramref name="i"/> is left on it), and an invalid ID fails before the checks that
    /// follow the options.
    /// </summary>
    private static AddOrTrimOptions ParseTrimOptions(byte[][] args, ref int i, bool xadd, StreamNodeLimits nodes, out string? error)
    {
        error = null;
        var strategy = TrimStrategy.None;
        long maxLen = 0, limit = 0;
        var limitGiven = false;
        StreamEntryId minId = default, id = default;
        bool approx = false, noMk = false, idGiven = false, seqGiven = true;
        for (; i < args.Length; i++)
        {
            var more = args.Length - 1 - i;
            var opt = args[i];
            if (xadd && opt is [(byte)'*'])
            {
                break;
            }
            var isMaxLen = ArgParser.Is(opt, "MAXLEN") && more >= 1;
            if (isMaxLen || (ArgParser.Is(opt, "MINID") && more >= 1))
            {
                // A second MAXLEN or MINID is refused with the same words as the other strategy.
                if (strategy != TrimStrategy.None)
                {
                    error = RedisErrors.StreamMaxLenAndMinId;
                    return default;
                }
                approx = TakeModifier(args, ref i, ref more);
                error = isMaxLen ? ParseMaxLen(args[i + 1], out maxLen) : StreamEntryId.TryParse(args[i + 1], 0, out minId) ? null : RedisErrors.StreamInvalidId;
                if (error is not null)
                {
                    return default;
                }
                i++;
                strategy = isMaxLen ? TrimStrategy.MaxLen : TrimStrategy.MinId;
            }
            else if (ArgParser.Is(opt, "LIMIT") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out limit))
                {
                    error = RedisErrors.NotInteger;
                    return default;
                }
                if (limit < 0)
                {
                    error = RedisErrors.StreamLimitNegative;
                    return default;
                }
                limitGiven = true;
                i++;
            }
            else if (xadd && ArgParser.Is(opt, "NOMKSTREAM"))
            {
                noMk = true;
            }
            else if (xadd)
            {
                if (!StreamEntryId.TryParse(opt, 0, allowAutoSeq: true, out id, out seqGiven))
                {
                    error = RedisErrors.StreamInvalidId;
                    return default;
                }
                idGiven = true;
                break;
            }
            else
            {
                error = RedisErrors.Syntax;
                return default;
            }
        }
        error = limit != 0 && strategy == TrimStrategy.None ? RedisErrors.StreamLimitWithoutStrategy
            : !xadd && strategy == TrimStrategy.None ? RedisErrors.XTrimWithoutStrategy
            : limitGiven && !approx ? RedisErrors.StreamLimitWithoutApprox
            : null;
        // Without LIMIT an approximate trim does at most 100 nodes' worth of work per call, as Redis.
        var effectiveLimit = approx ? (limitGiven ? limit : nodes.DefaultApproxLimit) : 0;
        return new AddOrTrimOptions(new StreamTrim(strategy, maxLen, minId, approx, effectiveLimit), noMk, idGiven, seqGiven, id);
    }

    private static string? ParseMaxLen(byte[] arg, out long maxLen) =>
        !ArgParser.TryParseInt64(arg, out maxLen) ? RedisErrors.NotInteger
        : maxLen < 0 ? RedisErrors.StreamMaxLenNegative
        : null;

    private static bool TakeModifier(byte[][] args, ref int i, ref int more)
    {
        var next = args[i + 1];
        if (more >= 2 && next is [(byte)'~' or (byte)'='])
        {
            i++;
            more--;
            return next[0] == '~';
        }
        return false;
    }

    private static StreamOperation ParseRange(byte[][] args, bool rev)
    {
        var startArg = rev ? args[3] : args[2];
        var endArg = rev ? args[2] : args[3];
        if (!TryParseInterval(startArg, 0, out var start, out var startEx))
        {
            return new InvalidStreamCommand(RedisErrors.StreamInvalidId);
        }
        if (startEx)
        {
            if (start.Next() is not { } next)
            {
                return new InvalidStreamCommand(RedisErrors.StreamInvalidStartId);
            }
            start = next;
        }
        if (!TryParseInterval(endArg, ulong.MaxValue, out var end, out var endEx))
        {
            return new InvalidStreamCommand(RedisErrors.StreamInvalidId);
        }
        if (endEx)
        {
            if (end.Previous() is not { } prev)
            {
                return new InvalidStreamCommand(RedisErrors.StreamInvalidEndId);
            }
            end = prev;
        }
        long count = -1;
        for (var j = 4; j < args.Length; j++)
        {
            if (ArgParser.Is(args[j], "COUNT") && j + 1 < args.Length)
            {
                if (!ArgParser.TryParseInt64(args[j + 1], out count))
                {
                    return new InvalidStreamCommand(RedisErrors.NotInteger);
                }
                if (count < 0)
                {
                    count = 0;
                }
                j++;
            }
            else
            {
                return new InvalidStreamCommand(RedisErrors.Syntax);
            }
        }
        return new StreamOperation.Range(start, end, count, rev);
    }

    private static bool TryParseInterval(byte[] arg, ulong missingSeq, out StreamEntryId id, out bool exclusive)
    {
        exclusive = arg.Length > 1 && arg[0] == '(';
        return exclusive ? StreamEntryId.TryParse(arg.AsSpan(1), missingSeq, out id) : TryParseRangeId(arg, missingSeq, out id);
    }

    /// <summary>Redis looks the key up before it checks the IDs: an invalid one travels as <see cref="StreamOperation.Delete.InvalidId"/>.</summary>
    private static StreamOperation ParseDel(byte[][] args)
    {
        var ids = new StreamEntryId[args.Length - 2];
        for (var j = 2; j < args.Length; j++)
        {
            if (!StreamEntryId.TryParse(args[j], 0, out ids[j - 2]))
            {
                return new StreamOperation.Delete([]) { InvalidId = true };
            }
        }
        return new StreamOperation.Delete(ids);
    }

    private static StreamOperation ParseSetId(byte[][] args)
    {
        if (!StreamEntryId.TryParse(args[2], 0, out var id))
        {
            return new InvalidStreamCommand(RedisErrors.StreamInvalidId);
        }
        long entriesAdded = -1;
        StreamEntryId maxDeleted = default;
        for (var i = 3; i < args.Length; i += 2)
        {
            var more = args.Length - 1 - i;
            if (ArgParser.Is(args[i], "ENTRIESADDED") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out entriesAdded))
                {
                    return new InvalidStreamCommand(RedisErrors.NotInteger);
                }
                if (entriesAdded < 0)
                {
                    return new InvalidStreamCommand(RedisErrors.StreamEntriesAddedNegative);
                }
            }
            else if (ArgParser.Is(args[i], "MAXDELETEDID") && more >= 1)
            {
                if (!StreamEntryId.TryParse(args[i + 1], 0, out maxDeleted))
                {
                    return new InvalidStreamCommand(RedisErrors.StreamInvalidId);
                }
                if (id < maxDeleted)
                {
                    return new InvalidStreamCommand(RedisErrors.StreamSetIdMaxDeleted);
                }
            }
            else
            {
                return new InvalidStreamCommand(RedisErrors.Syntax);
            }
        }
        return new StreamOperation.SetId(id, entriesAdded, maxDeleted);
    }

    /// <summary>XINFO STREAM key [FULL [COUNT n]]: Redis looks the key up first, so the caller reports these errors after that.</summary>
    private static StreamOperation ParseInfo(byte[][] args)
    {
        if (args.Length < 3)
        {
            return new InvalidStreamCommand(RedisErrors.WrongArity("xinfo|stream"));
        }
        var options = args.Length - 3;
        if (options == 0)
        {
            return new StreamOperation.Info(false, 0);
        }
        if ((options != 1 && options != 3) || !ArgParser.Is(args[3], "FULL") || (options == 3 && !ArgParser.Is(args[4], "COUNT")))
        {
            return new InvalidStreamCommand(RedisErrors.SubcommandSyntax(System.Text.Encoding.UTF8.GetString(args[1]), "XINFO"));
        }
        long count = 10;
        if (options == 3 && !ArgParser.TryParseInt64(args[5], out count))
        {
            return new InvalidStreamCommand(RedisErrors.NotInteger);
        }
        return new StreamOperation.Info(true, count < 0 ? 10 : count);
    }
}
