using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Core.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Core.UnitTests.Keyspace;

public class StringCommandTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Set_then_get_returns_value()
    {
        Assert.Equal(Ok, _db.Resp("SET k v"));
        Assert.Equal(Bulk("v"), _db.Resp("get k"));
        Assert.Equal(Nil, _db.Resp("GET missing"));
    }

    [Fact]
    public void Set_with_nx_on_existing_key_returns_null()
    {
        _db.Run("SET k v");
        Assert.Equal(Nil, _db.Resp("SET k w NX"));
        Assert.Equal(Bulk("v"), _db.Resp("GET k"));
    }

    [Fact]
    public void Set_with_xx_on_missing_key_returns_null() => Assert.Equal(Nil, _db.Resp("SET k v XX"));

    [Fact]
    public void Set_with_get_returns_old_value_even_when_nx_aborts()
    {
        _db.Run("SET k 5");
        Assert.Equal(Bulk("5"), _db.Resp("SET k 2 NX GET"));
        Assert.Equal(Nil, _db.Resp("SET n 1 NX GET"));
        Assert.Equal(Bulk("1"), _db.Resp("GET n"));
    }

    [Fact]
    public void Set_with_get_on_list_is_wrongtype_and_changes_nothing()
    {
        _db.Run("RPUSH l a");
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("SET l v GET"));
        Assert.Equal("+list\r\n", _db.Resp("TYPE l"));
    }

    [Theory]
    [InlineData("SET k v NX XX")]
    [InlineData("SET k v EX 1 PX 2")]
    [InlineData("SET k v KEEPTTL EX 10")]
    [InlineData("SET k v FOO")]
    [InlineData("SET k v EX")]
    public void Set_with_conflicting_or_unknown_options_is_syntax_error(string command) =>
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp(command));

    [Theory]
    [InlineData("SET k v EX 0")]
    [InlineData("SET k v PX -1")]
    [InlineData("SET k v EXAT 0")]
    [InlineData("SET k v EX 9223372036854775")]
    [InlineData("SET k v PX 9223372036854775807")]
    public void Set_with_out_of_range_expiry_is_invalid_expire_time(string command) =>
        Assert.Equal(Error(RedisErrors.InvalidExpireTime("set")), _db.Resp(command));

    [Fact]
    public void Set_with_ex_repeated_keeps_last()
    {
        Assert.Equal(Ok, _db.Resp("SET k v EX 1 EX 20"));
        Assert.Equal(Int(20), _db.Resp("TTL k"));
    }

    [Fact]
    public void Set_clears_ttl_unless_keepttl()
    {
        _db.Run("SET k v EX 100");
        _db.Run("SET k w KEEPTTL");
        Assert.Equal(Int(100), _db.Resp("TTL k"));
        _db.Run("SET k x");
        Assert.Equal(Int(-1), _db.Resp("TTL k"));
    }

    [Fact]
    public void Setnx_and_setex_reply_as_redis()
    {
        Assert.Equal(Int(1), _db.Resp("SETNX k v"));
        Assert.Equal(Int(0), _db.Resp("SETNX k w"));
        Assert.Equal(Ok, _db.Resp("SETEX e 10 v"));
        Assert.Equal(Int(10_000), _db.Resp("PTTL e"));
        Assert.Equal(Error(RedisErrors.InvalidExpireTime("setex")), _db.Resp("SETEX e 0 v"));
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("SETEX e x v"));
    }

    [Fact]
    public void Incr_family_counts_and_keeps_ttl()
    {
        _db.Run("SET n 10 EX 100");
        Assert.Equal(Int(11), _db.Resp("INCR n"));
        Assert.Equal(Int(6), _db.Resp("DECRBY n 5"));
        Assert.Equal(Int(5), _db.Resp("DECR n"));
        Assert.Equal(Int(-5), _db.Resp("INCRBY n -10"));
        Assert.Equal(Int(100), _db.Resp("TTL n"));
        Assert.Equal(Int(1), _db.Resp("INCR fresh"));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("-0")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    public void Incr_on_non_canonical_integer_is_not_integer_error(string value)
    {
        _db.Run($"SET n {value}");
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("INCR n"));
    }

    [Fact]
    public void Incr_past_int64_is_overflow_error()
    {
        _db.Run("SET n 9223372036854775807");
        Assert.Equal(Error(RedisErrors.Overflow), _db.Resp("INCR n"));
        Assert.Equal(Error(RedisErrors.DecrementOverflow), _db.Resp("DECRBY n -9223372036854775808"));
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("INCRBY n 9223372036854775808"));
    }

    [Fact]
    public void Mget_returns_nil_for_missing_and_other_types()
    {
        _db.Run("MSET a 1 b 2");
        _db.Run("RPUSH l x");
        Assert.Equal("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n$-1\r\n", _db.Resp("MGET a b nokey l"));
    }

    [Fact]
    public void Mset_with_odd_arguments_is_arity_error() =>
        Assert.Equal(Error(RedisErrors.WrongArity("mset")), _db.Resp("MSET a 1 b"));

    [Fact]
    public void Append_and_strlen_measure_bytes()
    {
        Assert.Equal(Int(2), _db.Resp("APPEND k ab"));
        Assert.Equal(Int(5), _db.Resp("APPEND k cde"));
        Assert.Equal(Int(5), _db.Resp("STRLEN k"));
        Assert.Equal(Int(0), _db.Resp("STRLEN none"));
        Assert.Equal(Bulk("abcde"), _db.Resp("GET k"));
    }

    [Fact]
    public void Command_names_are_case_insensitive_and_arity_is_checked()
    {
        Assert.Equal(Ok, _db.Resp("sEt k v"));
        Assert.Equal(Error(RedisErrors.WrongArity("get")), _db.Resp("GET"));
        Assert.Equal(Error(RedisErrors.WrongArity("get")), _db.Resp("GET a b"));
        Assert.Equal(Error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "), _db.Resp("FOO a b"));
    }
}
