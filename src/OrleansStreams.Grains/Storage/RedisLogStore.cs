using StackExchange.Redis;

namespace OrleansStreams.Storage;

/// <summary>
/// The log store on a Redis server: per object (one hash tag) an <c>epoch</c> counter, a string
/// <c>snap</c>, a list <c>j:N</c> per journal generation (one RPUSH per group commit) with a sorted
/// set <c>gens</c> naming them, and a hash <c>segs</c> of write-once segments. Opening INCRs the
/// epoch; every write is a Lua script that first checks it, so an older activation's writes fail. An
/// open that a newer one overtakes while it reads fails too, so no owner loads a mix of two owners' writes.
/// </summary>
public sealed class RedisLogStore(IConnectionMultiplexer redis, string prefix) : ILogStore
{
    public bool IsDurable => true;

    public async Task<ILogSession> OpenAsync(string id)
    {
        var keys = new RedisLogKeys($"{prefix}{{{id}}}:");
        var db = redis.GetDatabase();
        var epoch = await db.StringIncrementAsync(keys.Epoch);
        var snap = await db.StringGetAsync(keys.Snapshot);
        var generations = new List<JournalGeneration>();
        foreach (var g in await db.SortedSetRangeByRankAsync(keys.Generations))
        {
            var number = (long)g;
            var elements = await db.ListRangeAsync(keys.Journal(number));
            var records = new List<JournalRecord>(elements.Length);
            foreach (var element in elements)
            {
                var frame = (byte[])element!;
                if (JournalFrame.TryRead(frame, out var sequence, out var length) != FrameStatus.Valid || length + JournalFrame.HeaderSize != frame.Length)
                {
                    break;
                }
                records.Add(new JournalRecord(sequence, frame.AsMemory(JournalFrame.HeaderSize, length)));
            }
            if (records.Count < elements.Length)
            {
                await RedisLogSession.Run(db, RedisLogSession.TrimScript, [keys.Epoch, keys.Journal(number)], [epoch, records.Count]);
            }
            generations.Add(new JournalGeneration(number, records));
        }
        var segments = (await db.HashKeysAsync(keys.Segments)).Select(k => k.ToString()).ToList();
        // The reads above are separate commands: a newer owner that opened meanwhile may have written between them.
        if ((long)await db.StringGetAsync(keys.Epoch) != epoch)
        {
            throw new StorageFencedException($"Another owner opened {keys.Epoch} while this one was loading it.");
        }
        return new RedisLogSession(db, keys, epoch, new StoredLog(snap.IsNull ? null : (byte[])snap!, generations) { Segments = segments });
    }
}

/// <summary>The keys of one object; one hash tag, so a Redis Cluster keeps them on one node.</summary>
internal sealed record RedisLogKeys(string Prefix)
{
    public RedisKey Epoch => Prefix + "epoch";

    public RedisKey Snapshot => Prefix + "snap";

    public RedisKey Generations => Prefix + "gens";

    public RedisKey Segments => Prefix + "segs";

    public RedisKey Journal(long generation) => Prefix + "j:" + generation;
}
