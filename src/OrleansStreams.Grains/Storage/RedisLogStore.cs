using StackExchange.Redis;

namespace OrleansStreams.Storage;

/// <summary>
/// The log store on a Redis server: per object a string (snapshot), a list (journal, one RPUSH per
/// group commit) and a hash of segments. The snapshot replaces the journal in one MULTI/EXEC.
/// </summary>
public sealed class RedisLogStore(IConnectionMultiplexer redis, string prefix) : ILogStore
{
    private IDatabase Db => redis.GetDatabase();

    public bool IsDurable => true;

    public async Task<StoredLog> LoadAsync(string id)
    {
        var batch = Db.CreateBatch();
        var snap = batch.StringGetAsync(Key(id, "snap"));
        var journal = batch.ListRangeAsync(Key(id, "journal"));
        batch.Execute();
        var s = await snap;
        var j = await journal;
        return new StoredLog(s.IsNull ? null : (byte[])s!, j.Select(v => (byte[])v!).ToList());
    }

    public Task AppendAsync(string id, IReadOnlyList<byte[]> records) =>
        Db.ListRightPushAsync(Key(id, "journal"), records.Select(r => (RedisValue)r).ToArray());

    public async Task WriteSnapshotAsync(string id, byte[] snapshot)
    {
        var tx = Db.CreateTransaction();
        _ = tx.StringSetAsync(Key(id, "snap"), snapshot);
        _ = tx.KeyDeleteAsync(Key(id, "journal"));
        await tx.ExecuteAsync();
    }

    public Task WriteSegmentAsync(string id, long number, byte[] data) => Db.HashSetAsync(Key(id, "segs"), number, data);

    public async Task<byte[]?> ReadSegmentAsync(string id, long number)
    {
        var v = await Db.HashGetAsync(Key(id, "segs"), number);
        return v.IsNull ? null : (byte[])v!;
    }

    public Task DeleteSegmentsAsync(string id, IReadOnlyCollection<long> numbers) =>
        numbers.Count == 0 ? Task.CompletedTask : Db.HashDeleteAsync(Key(id, "segs"), numbers.Select(n => (RedisValue)n).ToArray());

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync([Key(id, "snap"), Key(id, "journal"), Key(id, "segs")]);

    private RedisKey Key(string id, string part) => $"{prefix}{{{id}}}:{part}";
}
