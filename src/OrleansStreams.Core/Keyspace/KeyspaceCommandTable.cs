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
            new("getset", 3, true, static (db, a, now) => db.GetSet(a, now)),
            new("getdel", 2, true, static (db, a, now) => db.GetDel(a, now)),
            new("getex", -2, true, static (db, a, now) => db.GetEx(a, now)),
            new("incrbyfloat", 3, true, static (db, a, now) => db.IncrByFloat(a, now)),
            new("msetnx", -3, true, static (db, a, now) => db.MSetNx(a, now)),
            new("getrange", 4, false, static (db, a, now) => db.GetRange(a, now)),
            new("setrange", 4, true, static (db, a, now) => db.SetRange(a, now)),
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
            new("hincrbyfloat", 4, true, static (db, a, now) => db.HIncrByFloat(a, now)),
            new("hstrlen", 3, false, static (db, a, now) => db.HStrLen(a, now)),
            new("hrandfield", -2, false, static (db, a, now) => db.HRandField(a, now)),
            new("hscan", -3, false, static (db, a, now) => db.HScan(a, now)),
            // Lists
            new("lpush", -3, true, static (db, a, now) => db.Push(a, now, head: true)),
            new("rpush", -3, true, static (db, a, now) => db.Push(a, now, head: false)),
            new("lpop", -2, true, static (db, a, now) => db.Pop(a, now, head: true)),
            new("rpop", -2, true, static (db, a, now) => db.Pop(a, now, head: false)),
            new("lrange", 4, false, static (db, a, now) => db.LRange(a, now)),
            new("llen", 2, false, static (db, a, now) => db.LLen(a, now)),
            new("lindex", 3, false, static (db, a, now) => db.LIndex(a, now)),
            new("lset", 4, true, static (db, a, now) => db.LSet(a, now)),
            new("lrem", 4, true, static (db, a, now) => db.LRem(a, now)),
            new("linsert", 5, true, static (db, a, now) => db.LInsert(a, now)),
            new("ltrim", 4, true, static (db, a, now) => db.LTrim(a, now)),
            new("lpos", -3, false, static (db, a, now) => db.LPos(a, now)),
            new("lpushx", -3, true, static (db, a, now) => db.PushExisting(a, now, head: true)),
            new("rpushx", -3, true, static (db, a, now) => db.PushExisting(a, now, head: false)),
            new("lmove", 5, true, static (db, a, now) => db.LMove(a, now)),
            new("rpoplpush", 3, true, static (db, a, now) => db.RPopLPush(a, now)),
            // Sets
            new("sadd", -3, true, static (db, a, now) => db.SAdd(a, now)),
            new("srem", -3, true, static (db, a, now) => db.SRem(a, now)),
            new("smembers", 2, false, static (db, a, now) => db.SMembers(a, now)),
            new("scard", 2, false, static (db, a, now) => db.SCard(a, now)),
            new("sismember", 3, false, static (db, a, now) => db.SIsMember(a, now)),
            new("smismember", -3, false, static (db, a, now) => db.SMIsMember(a, now)),
            new("sinter", -2, false, static (db, a, now) => db.SInter(a, now, store: false)),
            new("sinterstore", -3, true, static (db, a, now) => db.SInter(a, now, store: true)),
            new("sintercard", -3, false, static (db, a, now) => db.SInterCard(a, now)),
            new("sunion", -2, false, static (db, a, now) => db.SUnionDiff(a, now, difference: false, store: false)),
            new("sunionstore", -3, true, static (db, a, now) => db.SUnionDiff(a, now, difference: false, store: true)),
            new("sdiff", -2, false, static (db, a, now) => db.SUnionDiff(a, now, difference: true, store: false)),
            new("sdiffstore", -3, true, static (db, a, now) => db.SUnionDiff(a, now, difference: true, store: true)),
            new("smove", 4, true, static (db, a, now) => db.SMove(a, now)),
            // SPOP picks with a seed from its time and key, so replaying its journal entry pops the same members.
            new("spop", -2, true, static (db, a, now) => db.SPop(a, now)),
            new("srandmember", -2, false, static (db, a, now) => db.SRandMember(a, now)),
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
            new("copy", -3, true, static (db, a, now) => db.Copy(a, now)),
            new("touch", -2, false, static (db, a, now) => db.Touch(a, now)),
            new("randomkey", 1, false, static (db, _, now) => db.RandomKey(now)),
            // Expiry
            new("expire", -3, true, static (db, a, now) => db.Expire(a, now, now, seconds: true)),
            new("pexpire", -3, true, static (db, a, now) => db.Expire(a, now, now, seconds: false)),
            new("expireat", -3, true, static (db, a, now) => db.Expire(a, now, 0, seconds: true)),
            new("pexpireat", -3, true, static (db, a, now) => db.Expire(a, now, 0, seconds: false)),
            new("ttl", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: false)),
            new("pttl", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: true)),
            new("expiretime", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: false, absolute: true)),
            new("pexpiretime", 2, false, static (db, a, now) => db.Ttl(a, now, milliseconds: true, absolute: true)),
            new("persist", 2, true, static (db, a, now) => db.Persist(a, now)),
        ];
        return all.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }
}
