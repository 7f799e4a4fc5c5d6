using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class SetCommandTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Sadd_counts_new_members()
    {
        Assert.Equal(Int(2), _db.Resp("SADD s a b a"));
        Assert.Equal(Int(1), _db.Resp("SADD s c b"));
        Assert.Equal(Int(3), _db.Resp("SCARD s"));
    }

    [Fact]
    public void Smembers_of_integer_set_is_in_numeric_order()
    {
        _db.Run("SADD s 3 1 2 -5 10");
        Assert.Equal(Array("-5", "1", "2", "3", "10"), _db.Resp("SMEMBERS s"));
    }

    [Fact]
    public void Smembers_of_mixed_set_is_in_insertion_order()
    {
        _db.Run("SADD s 3 b 1 a");
        Assert.Equal(Array("3", "b", "1", "a"), _db.Resp("SMEMBERS s"));
    }

    [Fact]
    public void Smembers_is_a_set_reply_even_when_empty()
    {
        Assert.True(((ArrayReply)_db.Run("SMEMBERS none")).IsSet);
        _db.Run("SADD s a");
        Assert.True(((ArrayReply)_db.Run("SMEMBERS s")).IsSet);
    }

    [Fact]
    public void Srem_of_last_member_deletes_the_key()
    {
        _db.Run("SADD s a b");
        Assert.Equal(Int(2), _db.Resp("SREM s a b c"));
        Assert.Equal(Int(0), _db.Resp("EXISTS s"));
        Assert.Equal(Int(0), _db.Resp("SREM s a"));
    }

    [Fact]
    public void Sismember_and_wrongtype()
    {
        _db.Run("SADD s a");
        Assert.Equal(Int(1), _db.Resp("SISMEMBER s a"));
        Assert.Equal(Int(0), _db.Resp("SISMEMBER s b"));
        _db.Run("SET str v");
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SADD str a"));
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SMEMBERS str"));
    }

    [Fact]
    public void Smismember_answers_per_member()
    {
        _db.Run("SADD s a b");
        Assert.Equal("*3\r\n:1\r\n:0\r\n:1\r\n", _db.Resp("SMISMEMBER s a z b"));
        Assert.Equal("*1\r\n:0\r\n", _db.Resp("SMISMEMBER none a"));
    }

    [Fact]
    public void Set_algebra_of_integer_sets_is_in_numeric_order()
    {
        _db.Run("SADD a 1 2 3 4 5");
        _db.Run("SADD b 4 5 6 7");
        Assert.Equal(Array("4", "5"), _db.Resp("SINTER a b"));
        Assert.Equal(Array("1", "2", "3", "4", "5", "6", "7"), _db.Resp("SUNION a b"));
        Assert.Equal(Array("1", "2", "3"), _db.Resp("SDIFF a b"));
        Assert.Equal("*0\r\n", _db.Resp("SDIFF a a"));
        Assert.Equal("*0\r\n", _db.Resp("SINTER a none"));
        Assert.True(((ArrayReply)_db.Run("SINTER a b")).IsSet);
    }

    [Fact]
    public void Set_algebra_checks_every_type_before_a_missing_key_short_circuits()
    {
        _db.Run("SET str v");
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SINTER none str"));
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SDIFF none str"));
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SINTERCARD 2 none str"));
    }

    [Fact]
    public void Sintercard_counts_up_to_the_limit()
    {
        _db.Run("SADD a 1 2 3");
        _db.Run("SADD b 1 2 3 4");
        Assert.Equal(Int(3), _db.Resp("SINTERCARD 2 a b"));
        Assert.Equal(Int(2), _db.Resp("SINTERCARD 2 a b LIMIT 2"));
        Assert.Equal(Int(3), _db.Resp("SINTERCARD 2 a b LIMIT 0"));
        Assert.Equal(Error(RedisErrors.NumKeysNotPositive), _db.Resp("SINTERCARD 0 a"));
        Assert.Equal(Error(RedisErrors.NumKeysTooMany), _db.Resp("SINTERCARD 3 a b"));
        Assert.Equal(Error(RedisErrors.LimitNegative), _db.Resp("SINTERCARD 1 a LIMIT x"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("SINTERCARD 1 a LIMIT"));
    }

    [Fact]
    public void Store_forms_replace_the_destination_or_delete_it_when_empty()
    {
        _db.Run("SADD a 1 2");
        _db.Run("SADD b 2 3");
        _db.Run("SET dst v EX 100");
        Assert.Equal(Int(1), _db.Resp("SINTERSTORE dst a b"));
        Assert.Equal(Int(-1), _db.Resp("TTL dst"));
        Assert.Equal(Int(3), _db.Resp("SUNIONSTORE dst a b"));
        Assert.Equal(Int(1), _db.Resp("SDIFFSTORE dst a b"));
        Assert.Equal(Array("1"), _db.Resp("SMEMBERS dst"));
        Assert.Equal(Int(0), _db.Resp("SINTERSTORE dst a none"));
        Assert.Equal(Int(0), _db.Resp("EXISTS dst"));
    }

    [Fact]
    public void Smove_moves_a_member_and_checks_both_types()
    {
        _db.Run("SADD a x");
        _db.Run("SET str v");
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SMOVE a str x"));
        Assert.Equal(Int(1), _db.Resp("SMOVE a a x"));
        Assert.Equal(Int(1), _db.Resp("SMOVE a b x"));
        Assert.Equal(Int(0), _db.Resp("EXISTS a"));
        Assert.Equal(Array("x"), _db.Resp("SMEMBERS b"));
        Assert.Equal(Int(0), _db.Resp("SMOVE none b x"));
    }

    [Fact]
    public void Spop_with_a_count_covering_the_set_pops_everything()
    {
        _db.Run("SADD s 3 1 2");
        Assert.Equal(Array("1", "2", "3"), _db.Resp("SPOP s 10"));
        Assert.Equal(Int(0), _db.Resp("EXISTS s"));
        Assert.Equal("*0\r\n", _db.Resp("SPOP s 1"));
        Assert.Equal(Nil, _db.Resp("SPOP s"));
        Assert.Equal(Error(RedisErrors.ValueOutOfRangePositive), _db.Resp("SPOP s -1"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("SPOP s 1 2"));
    }

    [Fact]
    public void Spop_picks_the_same_members_for_the_same_time_key_and_state()
    {
        var other = new KeyspaceDatabase();
        for (var i = 0; i < 50; i++)
        {
            _db.Run($"SADD s m{i}");
            other.Run($"SADD s m{i}");
        }
        for (var t = 0; t < 10; t++)
        {
            Assert.Equal(_db.Resp("SPOP s 3", T0 + t), other.Resp("SPOP s 3", T0 + t));
        }
        Assert.Equal(_db.Resp("SMEMBERS s"), other.Resp("SMEMBERS s"));
        Assert.Equal(Int(20), _db.Resp("SCARD s"));
    }

    [Fact]
    public void Srandmember_returns_distinct_members_or_repeats_for_a_negative_count()
    {
        _db.Run("SADD s a b c");
        Assert.Equal(2, ((ArrayReply)_db.Run("SRANDMEMBER s 2")).Items.Select(r => r.ToString()).Distinct().Count());
        Assert.Equal(7, ((ArrayReply)_db.Run("SRANDMEMBER s -7")).Items.Length);
        Assert.Equal(3, ((ArrayReply)_db.Run("SRANDMEMBER s 10")).Items.Length);
        Assert.False(((ArrayReply)_db.Run("SRANDMEMBER s 10")).IsSet);
        Assert.Equal(Int(3), _db.Resp("SCARD s"));
        Assert.Equal(Nil, _db.Resp("SRANDMEMBER none"));
        Assert.Equal("*0\r\n", _db.Resp("SRANDMEMBER none 2"));
        Assert.Equal(Error(RedisErrors.CountOutOfRange), _db.Resp("SRANDMEMBER s -9223372036854775808"));
    }
}
