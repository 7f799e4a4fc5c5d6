using System.Text;

namespace OrleansStreams.Keyspace;

/// <summary>The commands <see cref="KeyspaceDatabase"/> executes, with the arities of Redis 7.0's command table.</summary>
internal static class KeyspaceCommandTable
{
    private const int MaxNameLength = 32;

    private static readonly Dictionary<string, KeyspaceCommand> Commands = Build();
    private static readonly Dictionary<string, KeyspaceCommand>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Commands.GetAlternateLookup<ReadOnlySpan<char>>();

    public static KeyspaceCommand? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return null;
        }
        Span<char> chars = stackalloc char[name.Length];
        var count = Encoding.Latin1.GetChars(name, chars);
        return ByName.TryGetValue(chars[..count], out var command) ? command : null;
    }

    public static IEnumerable<string> Names => Commands.Keys;

    private static Dictionary<string, KeyspaceCommand> Build()
    {
        KeyspaceCommand[] all =
        [
            // Strings
            new("get", 2, false, static (db, a, now) => db.Get(a, now)),
            new("set", -3, true, static (db, a, now) => db.Set(a, now)),
            new("setnx", 3, true, static (db, a, now) => db.SetNx(a, now)),
            new("setex", 4, true, static (db, a, now) => db.SetEx(a, now)),
            new("incr", 2, true, static (db, a, now) => db.IncrBy(a[1], 1, now)),
            new("decr", 2, true, static (db, a, now) => db.IncrBy(a[1], -1, now)),
            new("incrby", 3, true, static (db, a, now) => db.IncrBy(a, now, negate: false)),
            new("decrby", 3, true, static (db, a, now) => db.IncrBy(a, now, negate: true)),
            new("mget", -2, false, static (db, a, now) => db.MGet(a, now)),
            new("mset", -3, true, static (db, a, _) => db.MSet(a)),
            new("append", 3, true, static (db, a, now) => db.Append(a, now)),
            new("strlen", 2, false, static (db, a, now) => db.StrLen(a, now)),
            // Hashes
            new("hset", -4, true, static (db, a, now) => db.HSet(a, now, "hset")),
            new("hmset", -4, true, static (db, a, now) => db.HSet(a, now, "hmset")),
            new("hsetnx", 4, true, static (db, a, now) => db.HSetNx(a, now)),
            new("hget", 3, false, static (db, a, now) => db.HGet(a, now)),
            new("hmget", -3, false, static (db, a, now) => db.HMGet(a, now)),
            new("hgetall", 2, false, static (db, a, now) => db.HGetAll(a, now)),
            new("hdel", -3, true, static (db, a, now) => db.HDel(a, now)),
            new("hlen", 2, false, static (db, a, now) => db.HLen(a, now)),
            new("hkeys", 2, false, static (db, a, now) => db.HKeys(a, now)),
            new("hvals", 2, false, static (db, a, now) => db.HVals(a, now)),
            new("hexists", 3, false, static (db, a, now) => db.HExists(a, now)),
            new("hincrby", 4, true, static (db, a, now) => db.HIncrBy(a, now)),
            new("hscan", -3, false, static (db, a, now) => db.HScan(a, now)),
            // Lists
            new("lpush", -3, true, static (db, a, now) => db.Push(a, now, head: true)),
            new("rpush", -3, true, static (db, a, now) => db.Push(a, now, head: false)),
            new("lpop", -2, true, static (db, a, now) => db.Pop(a, now, head: true)),
            new("rpop", -2, true, static (db, a, now) => db.Pop(a, now, head: false)),
            new("lrange", 4, false, static (db, a, now) => db.LRange(a, now)),
            new("llen", 2, false, static (db, a, now) => db.LLen(a, now)),
            // Sets
            new("sadd", -3, true, static (db, a, now) => db.SAdd(a, now)),
            new("srem", -3, true, static (db, a, now) => db.SRem(a, now)),
            new("smembers", 2, false, static (db, a, now) => db.SMembers(a, now)),
            new("scard", 2, false, static (db, a, now) => db.SCard(a, now)),
            new("sismember", 3, false, static (db, a, now) => db.SIsMember(a, now)),
            // Keys
            new("del", -2, true, static (db, a, now) => db.Del(a, now)),
            new("unlink", -2, true, static (db, a, now) => db.Del(a, now)),
            new("exists", -2, false, static (db, a, now) => db.Exists(a, now)),
            new("type", 2, false, static (db, a, now) => db.Type(a, now)),
            new("keys", 2, false, static (db, a, now) => db.Keys(a, now)),
            new("scan", -2, false, static (db, a, now) => db.Scan(a, now)),
            new("dbsize", 1, false, static (db, _, _) => db.DbSize()),
            new("rename", 3, true, static (db, a, now) => db.Rename(a, now, nx: false)),
            new("renamenx", 3, true, static (db, a, now) => db.Rename(a, now, nx: true)),
            new("flushdb", -1, true, static (db, a, _) => db.FlushDb(a)),
            // Expiry
            new("expire", -3, true, static (db, a, now) => db.Expire(a, now, now, seconds: true)),
            new("pexpire", -3, true, static (db, a, now) => db.Expire(a, now, now, seconds: false)),
            new("expireat", -3, true, static (db, a, now) => db.Expire(a, now, 0, seconds: true)),
            new("pexpireat", -3, true, static (db, a, now) => db.Expire(a, now, 0, seconds: false)),
            new("ttl", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: false)),
            new("pttl", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: true)),
            new("persist", 2, true, static (db, a, now) => db.Persist(a, now)),
        ];
        return all.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }
}
