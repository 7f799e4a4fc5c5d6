using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>EXPIRE's NX / XX / GT / LT options (Redis 7): a key without a TTL counts as an infinite TTL.</summary>
internal readonly record struct ExpireCondition(bool Nx, bool Xx, bool Gt, bool Lt)
{
    public static ExpireCondition Parse(ReadOnlySpan<byte[]> options, out Reply? error)
    {
        error = null;
        var c = default(ExpireCondition);
        foreach (var option in options)
        {
            if (ArgParser.Is(option, "NX"))
            {
                c = c with { Nx = true };
            }
            else if (ArgParser.Is(option, "XX"))
            {
                c = c with { Xx = true };
            }
            else if (ArgParser.Is(option, "GT"))
            {
                c = c with { Gt = true };
            }
            else if (ArgParser.Is(option, "LT"))
            {
                c = c with { Lt = true };
            }
            else
            {
                error = Reply.Error(RedisErrors.UnsupportedOption(ArgParser.Text(option)));
                return c;
            }
        }
        if (c.Nx && (c.Xx || c.Gt || c.Lt))
        {
            error = Reply.Error(RedisErrors.ExpireNxAndOthers);
        }
        else if (c.Gt && c.Lt)
        {
            error = Reply.Error(RedisErrors.ExpireGtAndLt);
        }
        return c;
    }

    /// <summary>Whether a key whose expiry is <paramref name="currentMs"/> (-1: none) may get <paramref name="whenMs"/>.</summary>
    public bool Allows(long currentMs, long whenMs)
    {
        var persistent = currentMs == KeyspaceEntry.NoExpiry;
        return !(Nx && !persistent)
            && !(Xx && persistent)
            && !(Gt && (persistent || whenMs <= currentMs))
            && !(Lt && !persistent && whenMs >= currentMs);
    }
}
