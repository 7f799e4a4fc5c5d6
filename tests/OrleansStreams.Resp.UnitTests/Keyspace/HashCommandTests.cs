using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class HashCommandTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Hset_counts_new_fields_and_keeps_insertion_order()
    {
        Assert.Equal(Int(2), _db.Resp("HSET h b 1 a 2"));
        Assert.Equal(Int(1), _db.Resp("HSET h b 3 c 4"));
        Assert.Equal(Array("b", "3", "a", "2", "c", "4"), _db.Resp("HGETALL h"));
        Assert.Equal(Array("b", "a", "c"), _db.Resp("HKEYS h"));
        Assert.Equal(Array("3", "2", "4"), _db.Resp("HVALS h"));
    }

    [Fact]
    public void Hgetall_is_a_map() => Assert.IsType<MapReply>(_db.Run("HGETALL none"));

    [Fact]
    public void Hset_with_odd_pairs_is_arity_error_named_after_the_command()
    {
        Assert.Equal(Error(RedisErrors.WrongArity("hset")), _db.Resp("HSET h a 1 b"));
        Assert.Equal(Error(RedisErrors.WrongArity("hmset")), _db.Resp("HMSET h a 1 b"));
        Assert.Equal(Error(RedisErrors.WrongArity("hset")), _db.Resp("HSET h a"));
    }

    [Fact]
    public void Hmset_replies_ok_and_hmget_returns_nil_for_missing()
    {
        Assert.Equal(Ok, _db.Resp("HMSET h a 1"));
        Assert.Equal("*2\r\n$1\r\n1\r\n$-1\r\n", _db.Resp("HMGET h a z"));
        Assert.Equal("*1\r\n$-1\r\n", _db.Resp("HMGET none a"));
    }

    [Fact]
    public void Hsetnx_sets_only_missing_fields()
    {
        Assert.Equal(Int(1), _db.Resp("HSETNX h a 1"));
        Assert.Equal(Int(0), _db.Resp("HSETNX h a 2"));
        Assert.Equal(Bulk("1"), _db.Resp("HGET h a"));
    }

    [Fact]
    public void Hdel_of_last_field_deletes_the_key()
    {
        _db.Run("HSET h a 1 b 2");
        Assert.Equal(Int(2), _db.Resp("HDEL h a b c"));
        Assert.Equal(Int(0), _db.Resp("EXISTS h"));
        Assert.Equal(Int(0), _db.Resp("HLEN h"));
    }

    [Fact]
    public void Hexists_and_hlen()
    {
        _db.Run("HSET h a 1");
        Assert.Equal(Int(1), _db.Resp("HEXISTS h a"));
        Assert.Equal(Int(0), _db.Resp("HEXISTS h b"));
        Assert.Equal(Int(1), _db.Resp("HLEN h"));
    }

    [Fact]
    public void Hincrby_on_non_integer_value_is_hash_value_error()
    {
        _db.Run("HSET h s abc n 9223372036854775807");
        Assert.Equal(Int(5), _db.Resp("HINCRBY h x 5"));
        Assert.Equal(Error(RedisErrors.HashValueNotInteger), _db.Resp("HINCRBY h s 1"));
        Assert.Equal(Error(RedisErrors.Overflow), _db.Resp("HINCRBY h n 1"));
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("HINCRBY h x y"));
    }

    [Fact]
    public void Hash_commands_on_string_are_wrongtype()
    {
        _db.Run("SET s v");
        foreach (var command in new[] { "HGET s a", "HSET s a 1", "HGETALL s", "HDEL s a", "HLEN s", "HSCAN s 0" })
        {
            Assert.Equal(Error(RedisErrors.WrongType), _db.Resp(command));
        }
    }

    [Fact]
    public void Hscan_of_small_hash_returns_everything_with_cursor_zero()
    {
        _db.Run("HSET h a 1 b 2 c 3");
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("a", "1", "b", "2", "c", "3"), _db.Resp("HSCAN h 0 COUNT 1"));
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("b", "2"), _db.Resp("HSCAN h 0 MATCH b*"));
    }

    [Fact]
    public void Hscan_errors_in_redis_order()
    {
        _db.Run("HSET h a 1");
        Assert.Equal(Error(RedisErrors.InvalidCursor), _db.Resp("HSCAN h abc"));
        Assert.Equal("*2\r\n$1\r\n0\r\n*0\r\n", _db.Resp("HSCAN none 0 FOO"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("HSCAN h 0 FOO"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("HSCAN h 0 COUNT 0"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("HSCAN h 0 TYPE string"));
    }

    [Fact]
    public void Hscan_of_large_hash_pages_through_every_field_once()
    {
        for (var i = 0; i < 300; i++)
        {
            _db.Run($"HSET big f{i} {i}");
        }
        var seen = new HashSet<string>();
        var cursor = "0";
        var calls = 0;
        do
        {
            var reply = (ArrayReply)_db.Run($"HSCAN big {cursor} COUNT 20");
            cursor = ((BulkReply)reply.Items[0]).ToString();
            var items = ((ArrayReply)reply.Items[1]).Items;
            for (var i = 0; i < items.Length; i += 2)
            {
                Assert.True(seen.Add(items[i].ToString()!));
            }
            calls++;
        }
        while (cursor != "0");
        Assert.Equal(300, seen.Count);
        Assert.True(calls > 10);
    }

    [Fact]
    public void Hincrbyfloat_adds_in_long_double_and_stores_the_text()
    {
        Assert.Equal(Bulk("10.5"), _db.Resp("HINCRBYFLOAT h f 10.5"));
        Assert.Equal(Bulk("10.6"), _db.Resp("HINCRBYFLOAT h f 0.1"));
        Assert.Equal(Bulk("10.6"), _db.Resp("HGET h f"));
    }

    [Fact]
    public void Hincrbyfloat_errors_match_redis()
    {
        _db.Run("HSET h s text");
        Assert.Equal(Error(RedisErrors.HashValueNotFloat), _db.Resp("HINCRBYFLOAT h s 1"));
        Assert.Equal(Error(RedisErrors.NotFloat), _db.Resp("HINCRBYFLOAT h s x"));
        Assert.Equal(Error(RedisErrors.ValueNaNOrInfinity), _db.Resp("HINCRBYFLOAT h f inf"));
        _db.Run("HINCRBYFLOAT h big 1e4932");
        Assert.Equal(Error(RedisErrors.IncrementNaNOrInfinity), _db.Resp("HINCRBYFLOAT h big 1e4932"));
    }

    [Fact]
    public void Hstrlen_is_zero_for_missing_field_or_key()
    {
        _db.Run("HSET h f hello");
        Assert.Equal(Int(5), _db.Resp("HSTRLEN h f"));
        Assert.Equal(Int(0), _db.Resp("HSTRLEN h nofield"));
        Assert.Equal(Int(0), _db.Resp("HSTRLEN none f"));
    }

    [Fact]
    public void Hrandfield_with_a_count_covering_the_hash_returns_it_in_order()
    {
        _db.Run("HSET h f1 v1 f2 v2");
        Assert.Equal(Array("f1", "f2"), _db.Resp("HRANDFIELD h 5"));
        Assert.Equal(Array("f1", "v1", "f2", "v2"), _db.Resp("HRANDFIELD h 2 WITHVALUES"));
        Assert.Equal(3, ((ArrayReply)_db.Run("HRANDFIELD h -3")).Items.Length);
        Assert.Single(((ArrayReply)_db.Run("HRANDFIELD h 1")).Items);
        Assert.Contains(_db.Run("HRANDFIELD h").ToString(), new[] { "f1", "f2" });
    }

    [Fact]
    public void Hrandfield_on_a_missing_key_and_its_errors()
    {
        Assert.Equal(Nil, _db.Resp("HRANDFIELD none"));
        Assert.Equal("*0\r\n", _db.Resp("HRANDFIELD none 2"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("HRANDFIELD h 1 FOO"));
        Assert.Equal(Error(RedisErrors.CountOutOfRange), _db.Resp("HRANDFIELD h -9223372036854775808"));
        Assert.Equal(Error(RedisErrors.ValueOutOfRange), _db.Resp("HRANDFIELD h 5000000000000000000 WITHVALUES"));
    }
}
