using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class ExpiryTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Expired_key_behaves_as_absent()
    {
        _db.Run("SET k v PX 100");
        Assert.Equal(Bulk("v"), _db.Resp("GET k", T0 + 100));
        Assert.Equal(Nil, _db.Resp("GET k", T0 + 101));
        Assert.Equal(Int(-2), _db.Resp("TTL k", T0 + 101));
        Assert.Equal(0, _db.Count);
        Assert.Equal(0, _db.ExpiresCount);
    }

    [Fact]
    public void Keys_and_scan_skip_expired_keys()
    {
        _db.Run("SET a v PX 10");
        _db.Run("SET b v");
        Assert.Equal(Array("b"), _db.Resp("KEYS *", T0 + 11));
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("b"), _db.Resp("SCAN 0", T0 + 11));
    }

    [Fact]
    public void Ttl_rounds_and_pttl_is_exact()
    {
        _db.Run("SET k v PX 1500");
        Assert.Equal(Int(2), _db.Resp("TTL k"));
        Assert.Equal(Int(1), _db.Resp("TTL k", T0 + 1));
        Assert.Equal(Int(1499), _db.Resp("PTTL k", T0 + 1));
        Assert.Equal(Int(0), _db.Resp("TTL k", T0 + 1500));
    }

    [Fact]
    public void Expire_options_follow_redis_rules()
    {
        _db.Run("SET k v");
        Assert.Equal(Int(0), _db.Resp("EXPIRE k 10 XX"));
        Assert.Equal(Int(0), _db.Resp("EXPIRE k 10 GT"));
        Assert.Equal(Int(1), _db.Resp("EXPIRE k 10 LT"));
        Assert.Equal(Int(0), _db.Resp("EXPIRE k 20 LT"));
        Assert.Equal(Int(1), _db.Resp("EXPIRE k 20 GT"));
        Assert.Equal(Int(0), _db.Resp("EXPIRE k 30 NX"));
        Assert.Equal(Int(1), _db.Resp("EXPIRE k 30 XX"));
        Assert.Equal(Int(30), _db.Resp("TTL k"));
        Assert.Equal(Int(0), _db.Resp("EXPIRE missing 10"));
    }

    [Theory]
    [InlineData("EXPIRE k 10 NX GT", RedisErrors.ExpireNxAndOthers)]
    [InlineData("EXPIRE k 10 GT XX LT", RedisErrors.ExpireGtAndLt)]
    [InlineData("EXPIRE k 10 FOO", "ERR Unsupported option FOO")]
    [InlineData("EXPIRE k abc FOO", "ERR Unsupported option FOO")]
    [InlineData("EXPIRE k abc NX", RedisErrors.NotInteger)]
    [InlineData("EXPIRE k 9223372036854776", "ERR invalid expire time in 'expire' command")]
    [InlineData("EXPIRE k -9223372036854776", "ERR invalid expire time in 'expire' command")]
    [InlineData("PEXPIRE k 9223372036854775000", "ERR invalid expire time in 'pexpire' command")]
    [InlineData("EXPIREAT k 9223372036854776", "ERR invalid expire time in 'expireat' command")]
    public void Expire_errors_match_redis(string command, string error)
    {
        _db.Run("SET k v");
        Assert.Equal(Error(error), _db.Resp(command));
    }

    [Fact]
    public void Expire_in_the_past_deletes_the_key()
    {
        _db.Run("MSET a 1 b 2 c 3");
        Assert.Equal(Int(1), _db.Resp("EXPIRE a -1"));
        Assert.Equal(Int(1), _db.Resp("PEXPIREAT b 1"));
        Assert.Equal(Int(1), _db.Resp($"PEXPIREAT c {T0}"));
        Assert.Equal(0, _db.Count);
    }

    [Fact]
    public void Persist_removes_ttl_once()
    {
        _db.Run("SET k v EX 10");
        Assert.Equal(Int(1), _db.Resp("PERSIST k"));
        Assert.Equal(Int(0), _db.Resp("PERSIST k"));
        Assert.Equal(Int(-1), _db.Resp("TTL k"));
        Assert.Equal(0, _db.ExpiresCount);
    }

    [Fact]
    public void Reap_expired_deletes_due_keys_up_to_max_and_reports_next_expiry()
    {
        for (var i = 0; i < 5; i++)
        {
            _db.Run($"SET k{i} v PX {10 * (i + 1)}");
        }
        _db.Run("SET forever v");
        Assert.Equal(T0 + 10, _db.NextExpiryMs);
        Assert.Equal(2, _db.ReapExpired(T0 + 100, 2));
        Assert.Equal(T0 + 30, _db.NextExpiryMs);
        Assert.Equal(0, _db.ReapExpired(T0 + 30, 10));
        Assert.Equal(3, _db.ReapExpired(T0 + 51, 10));
        Assert.Null(_db.NextExpiryMs);
        Assert.Equal(1, _db.Count);
    }
}
