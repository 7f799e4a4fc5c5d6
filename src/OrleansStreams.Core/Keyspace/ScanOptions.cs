using OrleansStreams.Replies;

using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>SCAN / HSCAN options as Redis' scanGenericCommand parses them: COUNT, MATCH and (SCAN only) TYPE.</summary>
internal sealed class ScanOptions
{
    private const long DefaultCount = 10;

    public long Count { get; private set; } = DefaultCount;

    /// <summary>The MATCH pattern, or null when every item matches ("*" included).</summary>
    public byte[]? Pattern { get; private set; }

    /// <summary>The TYPE filter, compared case-insensitively with TYPE's names.</summary>
    public byte[]? TypeName { get; private set; }

    public bool Matches(byte[] item) => Pattern is null || Glob.IsMatch(Pattern, item);

    /// <summary>Parses the options from <paramref name="start"/>; null with an error reply when invalid.</summary>
    public static ScanOptions? Parse(ReadOnlySpan<byte[]> args, int start, bool allowType, out Reply? error)
    {
        var options = new ScanOptions();
        error = null;
        for (var i = start; i < args.Length; i += 2)
        {
            var hasValue = i + 1 < args.Length;
            if (ArgParser.Is(args[i], "COUNT") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out var count))
                {
                    error = Reply.Error(RedisErrors.NotInteger);
                    return null;
                }
                if (count < 1)
                {
                    error = Reply.Error(RedisErrors.Syntax);
                    return null;
                }
                options.Count = count;
            }
            else if (ArgParser.Is(args[i], "MATCH") && hasValue)
            {
                options.Pattern = args[i + 1] is [(byte)'*'] ? null : args[i + 1];
            }
            else if (ArgParser.Is(args[i], "TYPE") && allowType && hasValue)
            {
                options.TypeName = args[i + 1];
            }
            else
            {
                error = Reply.Error(RedisErrors.Syntax);
                return null;
            }
        }
        return options;
    }
}
