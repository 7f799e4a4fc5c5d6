using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

using OrleansStreams.ConsumerGroups;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Parses XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM and XAUTOCLAIM as Redis 7.0's t_stream.c does, with its error texts
/// and its order of errors (where Redis checks the key or group first, the error is carried for the caller to report after).
/// </summary>
public static class ConsumerGroupCommandParser
{
    /// <summary>Parses a whole command (args[0] is the name).</summary>
    public static ConsumerGroupCommand Parse(byte[][] args)
    {
        var name = args[0];
        if (ArgParser.Is(name, "XGROUP"))
        {
            return ParseGroup(args);
        }
        if (ArgParser.Is(name, "XREADGROUP"))
        {
            return args.Length < 7 ? Arity("xreadgroup") : ParseReadGroup(args);
        }
        if (ArgParser.Is(name, "XACK"))
        {
            return args.Length < 4 ? Arity("xack") : ParseAck(args);
        }
        if (ArgParser.Is(name, "XPENDING"))
        {
            return args.Length < 3 ? Arity("xpending") : ParsePending(args);
        }
        if (ArgParser.Is(name, "XCLAIM"))
        {
            return args.Length < 6 ? Arity("xclaim") : ParseClaim(args);
        }
        if (ArgParser.Is(name, "XAUTOCLAIM"))
        {
            return args.Length < 6 ? Arity("xautoclaim") : ParseAutoClaim(args);
        }
        return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
    }

    private static ConsumerGroupCommand.Invalid Arity(string command) => new(RedisErrors.WrongArity(command));

    private static string Text(byte[] arg) => ArgParser.Text(arg);

    /// <summary>Group and consumer names are byte strings, as in Redis: Latin-1 keeps every byte as one char, so distinct names stay distinct.</summary>
    private static string Name(byte[] arg) => System.Text.Encoding.Latin1.GetString(arg);

    private static ConsumerGroupCommand ParseGroup(byte[][] args)
    {
        if (args.Length < 2)
        {
            return Arity("xgroup");
        }
        var sub = args[1];
        var subText = Text(sub);
        (string Name, int Min, int Max)? arity =
            ArgParser.Is(sub, "CREATE") ? ("create", 5, int.MaxValue)
            : ArgParser.Is(sub, "SETID") ? ("setid", 5, int.MaxValue)
            : ArgParser.Is(sub, "DESTROY") ? ("destroy", 4, 4)
            : ArgParser.Is(sub, "CREATECONSUMER") ? ("createconsumer", 5, 5)
            : ArgParser.Is(sub, "DELCONSUMER") ? ("delconsumer", 5, 5)
            : ArgParser.Is(sub, "HELP") ? ("help", 2, 2)
            : null;
        if (arity is not { } a)
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.UnknownSubcommand(subText, "XGROUP"));
        }
        if (args.Length < a.Min || args.Length > a.Max)
        {
            return Arity("xgroup|" + a.Name);
        }
        switch (a.Name)
        {
            case "help":
                return new ConsumerGroupCommand.Help();
            case "destroy":
                return new ConsumerGroupCommand.Destroy(args[2], Name(args[3]));
            case "createconsumer":
                return new ConsumerGroupCommand.CreateConsumer(args[2], Name(args[3]), Name(args[4]));
            case "delconsumer":
                return new ConsumerGroupCommand.DeleteConsumer(args[2], Name(args[3]), Name(args[4]));
        }
        var create = a.Name == "create";
        if (create ? args.Length > 8 : args.Length != 5 && args.Length != 7)
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.SubcommandSyntax(subText, "XGROUP"));
        }
        var mkStream = false;
        var entriesRead = ConsumerGroup.UnknownEntriesRead;
        for (var i = 5; i < args.Length;)
        {
            if (create && ArgParser.Is(args[i], "MKSTREAM"))
            {
                mkStream = true;
                i++;
            }
            else if (ArgParser.Is(args[i], "ENTRIESREAD") && i + 1 < args.Length)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out entriesRead))
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.NotInteger);
                }
                if (entriesRead < 0 && entriesRead != ConsumerGroup.UnknownEntriesRead)
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.GroupEntriesReadInvalid);
                }
                i += 2;
            }
            else
            {
                return new ConsumerGroupCommand.Invalid(RedisErrors.SubcommandSyntax(subText, "XGROUP"));
            }
        }
        var dollar = args[4] is [(byte)'$'];
        StreamEntryId id = default;
        var idError = dollar || StreamEntryId.TryParse(args[4], 0, out id) || (!create && SetIdEdge(args[4], out id)) ? null : RedisErrors.StreamInvalidId;
        return create
            ? new ConsumerGroupCommand.Create(args[2], Name(args[3]), dollar, id, mkStream, entriesRead, idError)
            : new ConsumerGroupCommand.SetId(args[2], Name(args[3]), dollar, id, entriesRead, idError);
    }

    /// <summary>XGROUP SETID (not CREATE) also takes <c>-</c> (0-0) and <c>+</c> (the greatest ID), as Redis 7.0 does.</summary>
    private static bool SetIdEdge(byte[] arg, out StreamEntryId id)
    {
        id = arg switch
        {
            [(byte)'-'] => StreamEntryId.Min,
            [(byte)'+'] => StreamEntryId.Max,
            _ => default,
        };
        return arg is [(byte)'-'] or [(byte)'+'];
    }

    private static ConsumerGroupCommand ParseReadGroup(byte[][] args)
    {
        string? group = null, consumer = null;
        long count = 0;
        long? block = null;
        var noAck = false;
        var streamsAt = 0;
        for (var i = 1; i < args.Length; i++)
        {
            var more = args.Length - 1 - i;
            var opt = args[i];
            if (ArgParser.Is(opt, "BLOCK") && more >= 1)
            {
                i++;
                if (!ArgParser.TryParseInt64(args[i], out var ms))
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.StreamTimeoutNotInteger);
                }
                if (ms < 0)
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.StreamTimeoutNegative);
                }
                block = ms;
            }
            else if (ArgParser.Is(opt, "COUNT") && more >= 1)
            {
                i++;
                if (!ArgParser.TryParseInt64(args[i], out count))
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.NotInteger);
                }
                count = Math.Max(0, count);
            }
            else if (ArgParser.Is(opt, "STREAMS") && more >= 1)
            {
                streamsAt = i + 1;
                if ((args.Length - streamsAt) % 2 != 0)
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.StreamUnbalanced);
                }
                break;
            }
            else if (ArgParser.Is(opt, "GROUP") && more >= 2)
            {
                group = Name(args[i + 1]);
                consumer = Name(args[i + 2]);
                i += 2;
            }
            else if (ArgParser.Is(opt, "NOACK"))
            {
                noAck = true;
            }
            else
            {
                return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
            }
        }
        if (streamsAt == 0)
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
        }
        if (group is null || consumer is null)
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.GroupReadMissingGroup);
        }
        var n = (args.Length - streamsAt) / 2;
        var keys = args[streamsAt..(streamsAt + n)];
        var ids = new ReadGroupId[n];
        for (var k = 0; k < n; k++)
        {
            var arg = args[streamsAt + n + k];
            ids[k] = arg switch
            {
                [(byte)'>'] => new ReadGroupId(true, default),
                [(byte)'$'] => new ReadGroupId(false, default, RedisErrors.GroupReadDollarId),
                // The greatest ID is Redis' internal mark for '>', and reads as '>'.
                _ when StreamEntryId.TryParse(arg, 0, out var id) => id == StreamEntryId.Max ? new ReadGroupId(true, default) : new ReadGroupId(false, id),
                _ => new ReadGroupId(false, default, RedisErrors.StreamInvalidId),
            };
        }
        return new ConsumerGroupCommand.ReadGroup(group, consumer, count, block, noAck, keys, ids);
    }

    private static ConsumerGroupCommand ParseAck(byte[][] args)
    {
        var ids = new StreamEntryId[args.Length - 3];
        for (var j = 3; j < args.Length; j++)
        {
            if (!StreamEntryId.TryParse(args[j], 0, out ids[j - 3]))
            {
                return new ConsumerGroupCommand.Ack(args[1], Name(args[2]), null);
            }
        }
        return new ConsumerGroupCommand.Ack(args[1], Name(args[2]), ids);
    }

    private static ConsumerGroupCommand ParsePending(byte[][] args)
    {
        var key = args[1];
        var group = Name(args[2]);
        if (args.Length == 3)
        {
            return new ConsumerGroupCommand.PendingSummary(key, group);
        }
        if (args.Length < 6 || args.Length > 9)
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
        }
        var at = 3;
        long minIdle = 0;
        if (ArgParser.Is(args[3], "IDLE"))
        {
            if (!ArgParser.TryParseInt64(args[4], out minIdle))
            {
                return new ConsumerGroupCommand.Invalid(RedisErrors.NotInteger);
            }
            if (args.Length < 8)
            {
                return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
            }
            at += 2;
        }
        if (!ArgParser.TryParseInt64(args[at + 2], out var count))
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.NotInteger);
        }
        var error = ParseInterval(args[at], args[at + 1], out var start, out var end);
        if (error is not null)
        {
            return new ConsumerGroupCommand.Invalid(error);
        }
        // Redis ignores arguments after the consumer as long as there are at most nine in all.
        var consumer = at + 3 < args.Length ? Name(args[at + 3]) : null;
        return new ConsumerGroupCommand.PendingRange(key, group, minIdle, start, end, Math.Max(0, count), consumer);
    }

    /// <summary>streamParseIntervalIdOrReply for a start and an end, with <c>(</c> for exclusive bounds.</summary>
    private static string? ParseInterval(byte[] startArg, byte[] endArg, out StreamEntryId start, out StreamEntryId end)
    {
        end = default;
        var error = ParseBound(startArg, 0, out start, s => s.Next(), RedisErrors.StreamInvalidStartId);
        return error ?? ParseBound(endArg, ulong.MaxValue, out end, e => e.Previous(), RedisErrors.StreamInvalidEndId);
    }

    private static string? ParseBound(byte[] arg, ulong missingSeq, out StreamEntryId id, Func<StreamEntryId, StreamEntryId?> step, string outOfRange)
    {
        var exclusive = arg.Length > 1 && arg[0] == '(';
        var ok = exclusive ? StreamEntryId.TryParse(arg.AsSpan(1), missingSeq, out id) : StreamCommandParser.TryParseRangeId(arg, missingSeq, out id);
        if (!ok)
        {
            return RedisErrors.StreamInvalidId;
        }
        if (exclusive)
        {
            if (step(id) is not { } stepped)
            {
                return outOfRange;
            }
            id = stepped;
        }
        return null;
    }

    private static ConsumerGroupCommand ParseClaim(byte[][] args)
    {
        var key = args[1];
        var group = Name(args[2]);
        ConsumerGroupCommand Fail(string error) => new ConsumerGroupCommand.InvalidAfterGroupCheck(key, group, error);
        if (!ArgParser.TryParseInt64(args[4], out var minIdle))
        {
            return Fail(RedisErrors.ClaimMinIdleInvalid);
        }
        var ids = new List<StreamEntryId>();
        var j = 5;
        for (; j < args.Length && StreamEntryId.TryParse(args[j], 0, out var id); j++)
        {
            ids.Add(id);
        }
        var options = new ClaimOptions(Math.Max(0, minIdle));
        for (; j < args.Length; j++)
        {
            var more = args.Length - 1 - j;
            var opt = args[j];
            long value;
            if (ArgParser.Is(opt, "FORCE"))
            {
                options = options with { Force = true };
            }
            else if (ArgParser.Is(opt, "JUSTID"))
            {
                options = options with { JustId = true };
            }
            else if (ArgParser.Is(opt, "IDLE") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[++j], out value))
                {
                    return Fail(RedisErrors.ClaimIdleInvalid);
                }
                options = options with { IdleMs = value, TimeMs = null };
            }
            else if (ArgParser.Is(opt, "TIME") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[++j], out value))
                {
                    return Fail(RedisErrors.ClaimTimeInvalid);
                }
                options = options with { TimeMs = value, IdleMs = null };
            }
            else if (ArgParser.Is(opt, "RETRYCOUNT") && more >= 1)
            {
                if (!ArgParser.TryParseInt64(args[++j], out value))
                {
                    return Fail(RedisErrors.ClaimRetryCountInvalid);
                }
                options = options with { RetryCount = value };
            }
            else if (ArgParser.Is(opt, "LASTID") && more >= 1)
            {
                if (!StreamEntryId.TryParse(args[++j], 0, out var lastId))
                {
                    return Fail(RedisErrors.StreamInvalidId);
                }
                options = options with { LastId = lastId };
            }
            else
            {
                return Fail(RedisErrors.ClaimUnrecognizedOption(Text(opt)));
            }
        }
        return new ConsumerGroupCommand.Claim(key, group, Name(args[3]), [.. ids], options);
    }

    /// <summary>
    /// Redis 7.0 reads all of XAUTOCLAIM's arguments before it looks the key up, and allocates COUNT × 16 bytes after; the
    /// allocation fails above <see cref="AutoClaimAllocatableCount"/>.
    /// </summary>
    private static ConsumerGroupCommand ParseAutoClaim(byte[][] args)
    {
        var key = args[1];
        var group = Name(args[2]);
        if (!ArgParser.TryParseInt64(args[4], out var minIdle))
        {
            return new ConsumerGroupCommand.Invalid(RedisErrors.AutoClaimMinIdleInvalid);
        }
        var error = ParseBound(args[5], 0, out var start, s => s.Next(), RedisErrors.StreamInvalidStartId);
        if (error is not null)
        {
            return new ConsumerGroupCommand.Invalid(error);
        }
        long count = 100;
        var justId = false;
        // Redis bounds COUNT so that count × 16 bytes (a stream ID each) cannot overflow.
        const long maxCount = long.MaxValue / 16;
        for (var j = 6; j < args.Length; j++)
        {
            if (ArgParser.Is(args[j], "COUNT") && j + 1 < args.Length)
            {
                if (!ArgParser.TryParseInt64(args[++j], out count) || count < 1 || count > maxCount)
                {
                    return new ConsumerGroupCommand.Invalid(RedisErrors.AutoClaimCountInvalid);
                }
            }
            else if (ArgParser.Is(args[j], "JUSTID"))
            {
                justId = true;
            }
            else
            {
                return new ConsumerGroupCommand.Invalid(RedisErrors.Syntax);
            }
        }
        if (count > AutoClaimAllocatableCount)
        {
            return new ConsumerGroupCommand.InvalidAfterGroupCheck(key, group, RedisErrors.AutoClaimCountTooHigh);
        }
        return new ConsumerGroupCommand.AutoClaim(key, group, Name(args[3]), Math.Max(0, minIdle), start, count, justId);
    }

    /// <summary>
    /// The greatest XAUTOCLAIM COUNT whose buffer of deleted IDs (16 bytes each, 48 TiB at this count) redis-server 7.0.15
    /// on x86-64 Linux allocates; above it the allocation fails and Redis answers <see cref="RedisErrors.AutoClaimCountTooHigh"/>.
    /// The buffer is virtual memory that Redis never touches beyond what it claims, so the bound is the address space, not RAM.
    /// </summary>
    public const long AutoClaimAllocatableCount = 3L << 40;
}
