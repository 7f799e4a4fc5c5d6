namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>Random commands over a few keys of every type, with TTLs short enough to expire mid-script.</summary>
internal static class RandomScript
{
    private static readonly string[] Templates =
    [
        "SET {k} {v}", "SET {k} {v} PX {t}", "SET {k} {v} NX GET", "SET {k} {v} XX KEEPTTL", "SETNX {k} {v}", "SETEX {k} 1 {v}",
        "INCR {k}", "DECRBY {k} {n}", "APPEND {k} {v}", "MSET {k} {v} {k2} {v}", "GET {k}", "MGET {k} {k2}",
        "HSET {k} f{n} {v}", "HSETNX {k} f{n} {v}", "HDEL {k} f{n}", "HINCRBY {k} f{n} {n}", "HGETALL {k}",
        "LPUSH {k} {v} {v}", "RPUSH {k} {v}", "LPOP {k}", "RPOP {k} {n}", "LRANGE {k} 0 -1",
        "SADD {k} {n} {v}", "SREM {k} {n}", "SMEMBERS {k}",
        "DEL {k}", "UNLINK {k} {k2}", "EXISTS {k}", "RENAME {k} {k2}", "RENAMENX {k} {k2}",
        "PEXPIRE {k} {t}", "EXPIRE {k} 1 GT", "PEXPIREAT {k} {at}", "PERSIST {k}", "TTL {k}",
        "GETSET {k} {v}", "GETDEL {k}", "GETEX {k} PX {t}", "INCRBYFLOAT {k} 0.{n}", "MSETNX {k} {v} {k2} {v}",
        "SETRANGE {k} {n} {v}", "HINCRBYFLOAT {k} f{n} 1.{n}", "LSET {k} 0 {v}", "LREM {k} {n} {v}",
        "LINSERT {k} BEFORE {v} {v}", "LTRIM {k} 1 -1", "RPUSHX {k} {v}", "LMOVE {k} {k2} LEFT RIGHT",
        "RPOPLPUSH {k} {k2}", "SPOP {k}", "SPOP {k} {n}", "SMOVE {k} {k2} {n}", "SINTERSTORE {k} {k2} {k}",
        "SUNIONSTORE {k} {k2} {k}", "SDIFFSTORE {k2} {k} {k2}", "COPY {k} {k2} REPLACE",
    ];

    public static IEnumerable<(long NowMs, string Command)> Generate(int seed, int length, long startMs)
    {
        var random = new Random(seed);
        var now = startMs;
        for (var i = 0; i < length; i++)
        {
            now += random.Next(0, 40);
            var template = Templates[random.Next(Templates.Length)];
            var command = template
                .Replace("{k2}", "k" + random.Next(6), StringComparison.Ordinal)
                .Replace("{k}", "k" + random.Next(6), StringComparison.Ordinal)
                .Replace("{v}", random.Next(3) == 0 ? random.Next(100).ToString() : "v" + random.Next(10), StringComparison.Ordinal)
                .Replace("{n}", random.Next(1, 5).ToString(), StringComparison.Ordinal)
                .Replace("{t}", random.Next(1, 200).ToString(), StringComparison.Ordinal)
                .Replace("{at}", (now + random.Next(-50, 200)).ToString(), StringComparison.Ordinal);
            yield return (now, command);
        }
    }
}
