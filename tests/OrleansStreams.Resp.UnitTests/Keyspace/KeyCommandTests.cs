using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class KeyCommandTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Del_counts_each_existing_key_once()
    {
        _db.Run("MSET a 1 b 2");
        Assert.Equal(Int(1), _db.Resp("DEL a a missing"));
        Assert.Equal(Int(1), _db.Resp("UNLINK b"));
        Assert.Equal(0, _db.Count);
    }

    [Fact]
    public void Exists_counts_repeated_keys()
    {
        _db.Run("SET a 1");
        Assert.Equal(Int(2), _db.Resp("EXISTS a a missing"));
    }

    [Fact]
    public void Type_names_every_type()
    {
        _db.Run("SET s v");
        _db.Run("HSET h f v");
        _db.Run("RPUSH l v");
        _db.Run("SADD z v");
        _db.TryRegisterStream("x"u8.ToArray(), T0);
        foreach (var (key, type) in new[] { ("s", "string"), ("h", "hash"), ("l", "list"), ("z", "set"), ("x", "stream"), ("n", "none") })
        {
            Assert.Equal($"+{type}\r\n", _db.Resp($"TYPE {key}"));
        }
    }

    [Fact]
    public void Keys_filters_by_glob()
    {
        _db.Run("MSET hello 1 hallo 2 hxllo 3 world 4");
        var keys = ((ArrayReply)_db.Run("KEYS h[ae]llo")).Items.Select(r => r.ToString()).Order();
        Assert.Equal(["hallo", "hello"], keys);
        Assert.Equal(4, ((ArrayReply)_db.Run("KEYS *")).Items.Length);
    }

    [Fact]
    public void Scan_visits_every_key_and_ends_with_cursor_zero()
    {
        for (var i = 0; i < 100; i++)
        {
            _db.Run($"SET k{i} v");
        }
        var seen = new HashSet<string>();
        var cursor = "0";
        do
        {
            var reply = (ArrayReply)_db.Run($"SCAN {cursor} COUNT 7");
            cursor = reply.Items[0].ToString()!;
            seen.UnionWith(((ArrayReply)reply.Items[1]).Items.Select(r => r.ToString()!));
        }
        while (cursor != "0");
        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public void Scan_keeps_keys_present_throughout_despite_deletes_and_inserts()
    {
        for (var i = 0; i < 60; i++)
        {
            _db.Run($"SET k{i} v");
        }
        var seen = new HashSet<string>();
        var cursor = "0";
        var round = 0;
        do
        {
            var reply = (ArrayReply)_db.Run($"SCAN {cursor} COUNT 5");
            cursor = reply.Items[0].ToString()!;
            seen.UnionWith(((ArrayReply)reply.Items[1]).Items.Select(r => r.ToString()!));
            _db.Run($"DEL k{round}");
            _db.Run($"SET new{round} v");
            round++;
        }
        while (cursor != "0");
        for (var i = round; i < 60; i++)
        {
            Assert.Contains($"k{i}", seen);
        }
    }

    [Fact]
    public void Scan_filters_by_type_and_match_and_validates_options()
    {
        _db.Run("SET s1 v");
        _db.Run("RPUSH l1 v");
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("l1"), _db.Resp("SCAN 0 TYPE LIST"));
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("s1"), _db.Resp("SCAN 0 MATCH s*"));
        Assert.Equal("*2\r\n$1\r\n0\r\n*0\r\n", _db.Resp("SCAN 0 TYPE nosuchtype"));
        Assert.Equal(Error(RedisErrors.InvalidCursor), _db.Resp("SCAN x"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("SCAN 0 COUNT 0"));
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("SCAN 0 COUNT x"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("SCAN 0 MATCH"));
    }

    [Fact]
    public void Rename_moves_value_and_ttl()
    {
        _db.Run("SET a v EX 100");
        _db.Run("SET b old");
        Assert.Equal(Ok, _db.Resp("RENAME a b"));
        Assert.Equal(Bulk("v"), _db.Resp("GET b"));
        Assert.Equal(Int(100), _db.Resp("TTL b"));
        Assert.Equal(Int(0), _db.Resp("EXISTS a"));
        Assert.Equal(1, _db.ExpiresCount);
    }

    [Fact]
    public void Rename_edge_cases_match_redis()
    {
        Assert.Equal(Error(RedisErrors.NoSuchKey), _db.Resp("RENAME none x"));
        Assert.Equal(Error(RedisErrors.NoSuchKey), _db.Resp("RENAMENX none x"));
        _db.Run("MSET a 1 b 2");
        Assert.Equal(Ok, _db.Resp("RENAME a a"));
        Assert.Equal(Int(0), _db.Resp("RENAMENX a a"));
        Assert.Equal(Int(0), _db.Resp("RENAMENX a b"));
        Assert.Equal(Int(1), _db.Resp("RENAMENX a c"));
    }

    [Fact]
    public void Flushdb_accepts_sync_and_async_only()
    {
        _db.Run("SET a 1");
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("FLUSHDB now"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("FLUSHDB a b"));
        Assert.Equal(Ok, _db.Resp("FLUSHDB ASYNC"));
        Assert.Equal(Int(0), _db.Resp("DBSIZE"));
    }

    [Fact]
    public void Keys_star_matches_the_empty_key_but_double_star_does_not()
    {
        _db.RunCommand(["SET"u8.ToArray(), [], "v"u8.ToArray()], T0);
        Assert.Equal(Array(""), _db.Resp("KEYS *"));
        Assert.Equal("*0\r\n", _db.Resp("KEYS **"));
    }

    [Fact]
    public void Keys_are_binary_safe()
    {
        byte[] key = [0, 255, 13, 10, 32];
        _db.RunCommand(["SET"u8.ToArray(), key, "v"u8.ToArray()], T0);
        Assert.Equal(Bulk("v"), _db.RunCommand(["GET"u8.ToArray(), (byte[])key.Clone()], T0).Resp());
        Assert.Equal(Int(0), _db.RunCommand(["EXISTS"u8.ToArray(), [0, 255, 13, 10]], T0).Resp());
    }

    [Fact]
    public void Expiretime_reports_absolute_expiry_rounded_to_seconds()
    {
        _db.Run("SET k v");
        Assert.Equal(Int(-1), _db.Resp("EXPIRETIME k"));
        Assert.Equal(Int(-2), _db.Resp("PEXPIRETIME none"));
        _db.Run("PEXPIREAT k 33177600000500");
        Assert.Equal(Int(33177600000500), _db.Resp("PEXPIRETIME k"));
        Assert.Equal(Int(33177600001), _db.Resp("EXPIRETIME k"));
    }

    [Fact]
    public void Touch_counts_existing_keys()
    {
        _db.Run("SET k v");
        Assert.Equal(Int(2), _db.Resp("TOUCH k k none"));
        Assert.False(IsWrite("TOUCH k"));
    }

    [Fact]
    public void Copy_duplicates_value_and_ttl_and_needs_replace_to_overwrite()
    {
        _db.Run("HSET h f v");
        _db.Run("PEXPIRE h 100000");
        _db.Run("SET other x");
        Assert.Equal(Int(1), _db.Resp("COPY h copy"));
        Assert.Equal(Int(T0 + 100000), _db.Resp("PEXPIRETIME copy"));
        _db.Run("HSET copy f changed");
        Assert.Equal(Bulk("v"), _db.Resp("HGET h f"));
        Assert.Equal(Int(0), _db.Resp("COPY h other"));
        Assert.Equal(Int(1), _db.Resp("COPY h other REPLACE"));
        Assert.Equal("+hash\r\n", _db.Resp("TYPE other"));
        Assert.Equal(Int(0), _db.Resp("COPY none x"));
        Assert.Equal(Error(RedisErrors.SameObject), _db.Resp("COPY h h"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("COPY h x DB"));
        Assert.Equal(Error(RedisErrors.CopyDbUnsupported), _db.Resp("COPY h x DB 1"));
    }

    [Fact]
    public void Copy_of_a_stream_is_refused()
    {
        _db.TryRegisterStream("s"u8.ToArray(), T0);
        Assert.Equal(Error(RedisErrors.CopyStreamUnsupported), _db.Resp("COPY s t"));
    }

    [Fact]
    public void Randomkey_returns_a_live_key_or_nil()
    {
        Assert.Equal(Nil, _db.Resp("RANDOMKEY"));
        _db.Run("SET k v PX 10");
        _db.Run("SET live v");
        Assert.Equal(Bulk("live"), _db.Resp("RANDOMKEY", T0 + 20));
    }
}
