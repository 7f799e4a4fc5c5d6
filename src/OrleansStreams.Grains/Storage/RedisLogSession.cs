using StackExchange.Redis;

namespace OrleansStreams.Storage;

/// <summary>One owner's access to an object in a <see cref="RedisLogStore"/>; every write is an epoch-checked script.</summary>
internal sealed class RedisLogSession(IDatabase db, RedisLogKeys keys, long epoch, StoredLog stored) : ILogSession
{
    private const string Fence = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED') end\n";

    /// <summary>KEYS: epoch, journal list, generations. ARGV: epoch, generation, frames… (RPUSH in chunks: Lua's unpack has a stack limit).</summary>
    private const string AppendScript = Fence + """
        for i = 3, #ARGV, 1000 do
          redis.call('RPUSH', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
        end
        redis.call('ZADD', KEYS[3], ARGV[2], ARGV[2])
        return 1
        """;

    private const string SetScript = Fence + "redis.call('SET', KEYS[2], ARGV[2]) return 1";

    private const string SegmentScript = Fence + "redis.call('HSET', KEYS[2], ARGV[2], ARGV[3]) return 1";

    private const string DeleteSegmentsScript = Fence + "redis.call('HDEL', KEYS[2], unpack(ARGV, 2)) return 1";

    /// <summary>KEYS: epoch, generations. ARGV: epoch, first kept generation, journal key prefix.</summary>
    private const string DeleteJournalScript = Fence + """
        local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
        for _, g in ipairs(old) do redis.call('DEL', ARGV[3] .. g) end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
        return #old
        """;

    /// <summary>KEYS: epoch, snapshot, generations, segments. ARGV: epoch, journal key prefix.</summary>
    private const string DeleteAllScript = Fence + """
        for _, g in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do redis.call('DEL', ARGV[2] .. g) end
        redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
        return 1
        """;

    public StoredLog Stored => stored;

    /// <summary>KEYS: epoch, journal list. ARGV: epoch, records to keep.</summary>
    internal const string TrimScript = Fence + """
        if tonumber(ARGV[2]) == 0 then redis.call('DEL', KEYS[2]) else redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1) end
        return 1
        """;

    public Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records)
    {
        var args = new RedisValue[records.Count + 2];
        args[0] = epoch;
        args[1] = generation;
        for (var i = 0; i < records.Count; i++)
        {
            args[i + 2] = JournalFrame.Encode(records[i].Sequence, records[i].Payload.Span);
        }
        return Run(db, AppendScript, [keys.Epoch, keys.Journal(generation), keys.Generations], args);
    }

    public Task WriteSnapshotAsync(byte[] snapshot) => Run(db, SetScript, [keys.Epoch, keys.Snapshot], [epoch, snapshot]);

    public Task WriteSegmentAsync(string name, byte[] data) => Run(db, SegmentScript, [keys.Epoch, keys.Segments], [epoch, name, data]);

    public async Task<byte[]?> ReadSegmentAsync(string name)
    {
        var v = await db.HashGetAsync(keys.Segments, name);
        return v.IsNull ? null : (byte[])v!;
    }

    public Task DeleteJournalBeforeAsync(long generation) =>
        Run(db, DeleteJournalScript, [keys.Epoch, keys.Generations], [epoch, generation, keys.Prefix + "j:"]);

    public Task DeleteSegmentsAsync(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? Task.CompletedTask : Run(db, DeleteSegmentsScript, [keys.Epoch, keys.Segments], [epoch, .. names.Select(n => (RedisValue)n)]);

    public Task DeleteAllAsync() =>
        Run(db, DeleteAllScript, [keys.Epoch, keys.Snapshot, keys.Generations, keys.Segments], [epoch, keys.Prefix + "j:"]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static async Task Run(IDatabase db, string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            await db.ScriptEvaluateAsync(script, keys, args);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("FENCED", StringComparison.Ordinal))
        {
            throw new StorageFencedException($"Another owner opened {keys[0]}: this activation stops writing.");
        }
    }
}
