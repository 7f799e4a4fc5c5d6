using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>SET's options, parsed with the exclusions of Redis' parseExtendedStringArgumentsOrReply.</summary>
internal sealed class SetOptions
{
    public bool Nx { get; private set; }
    public bool Xx { get; private set; }
    public bool Get { get; private set; }
    public bool KeepTtl { get; private set; }
    /// <summary>EX, PX, EXAT or PXAT in capitals, or null.</summary>
    public string? ExpireKind { get; private set; }
    public byte[]? ExpireArg { get; private set; }

    /// <summary>Parses args[3..]; returns null on a syntax error.</summary>
    public static SetOptions? Parse(ReadOnlySpan<byte[]> args)
    {
        var o = new SetOptions();
        for (var j = 3; j < args.Length; j++)
        {
            var opt = args[j];
            var hasNext = j + 1 < args.Length;
            if (ArgParser.Is(opt, "NX") && !o.Xx)
            {
                o.Nx = true;
            }
            else if (ArgParser.Is(opt, "XX") && !o.Nx)
            {
                o.Xx = true;
            }
            else if (ArgParser.Is(opt, "GET"))
            {
                o.Get = true;
            }
            else if (ArgParser.Is(opt, "KEEPTTL") && o.ExpireKind is null)
            {
                o.KeepTtl = true;
            }
            else if (!o.KeepTtl && hasNext && ExpireKindOf(opt) is { } kind && (o.ExpireKind is null || o.ExpireKind == kind))
            {
                o.ExpireKind = kind;
                o.ExpireArg = args[++j];
            }
            else
            {
                return null;
            }
        }
        return o;
    }

    /// <summary>The absolute expiry, or an error (not an integer, or Redis' "invalid expire time").</summary>
    public long? ResolveExpiry(long nowMs, out Reply? error)
    {
        if (ExpireArg is null)
        {
            error = null;
            return null;
        }
        return ResolveExpiry(ExpireArg, ExpireKind!, nowMs, "set", out error);
    }

    /// <summary>Redis' getExpireMillisecondsOrReply: positive, no overflow, relative kinds added to now.</summary>
    public static long? ResolveExpiry(byte[] arg, string kind, long nowMs, string command, out Reply? error)
    {
        error = null;
        if (!ArgParser.TryParseInt64(arg, out var value))
        {
            error = Reply.Error(RedisErrors.NotInteger);
            return null;
        }
        var seconds = kind is "EX" or "EXAT";
        var relative = kind is "EX" or "PX";
        if (value <= 0 || (seconds && value > long.MaxValue / 1000))
        {
            error = Reply.Error(RedisErrors.InvalidExpireTime(command));
            return null;
        }
        var ms = seconds ? value * 1000 : value;
        if (relative && ms > long.MaxValue - nowMs)
        {
            error = Reply.Error(RedisErrors.InvalidExpireTime(command));
            return null;
        }
        return relative ? ms + nowMs : ms;
    }

    /// <summary>EX, PX, EXAT or PXAT in capitals when <paramref name="opt"/> is one of them, else null.</summary>
    internal static string? ExpireKindOf(byte[] opt) =>
        ArgParser.Is(opt, "EX") ? "EX" : ArgParser.Is(opt, "PX") ? "PX" : ArgParser.Is(opt, "EXAT") ? "EXAT" : ArgParser.Is(opt, "PXAT") ? "PXAT" : null;
}
