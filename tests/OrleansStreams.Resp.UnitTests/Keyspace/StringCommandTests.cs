using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

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

    [Fact]
    public void Getset_returns_the_old_value_and_drops_the_ttl()
    {
        _db.Run("SET k old EX 100");
        Assert.Equal(Bulk("old"), _db.Resp("GETSET k new"));
        Assert.Equal(Int(-1), _db.Resp("TTL k"));
        Assert.Equal(Nil, _db.Resp("GETSET fresh v"));
        Assert.Equal(Bulk("v"), _db.Resp("GET fresh"));
    }

    [Fact]
    public void Getdel_returns_and_deletes_a_string_only()
    {
        _db.Run("SET k v");
        _db.Run("RPUSH l a");
        Assert.Equal(Bulk("v"), _db.Resp("GETDEL k"));
        Assert.Equal(Nil, _db.Resp("GETDEL k"));
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("GETDEL l"));
    }

    [Fact]
    public void Getex_sets_or_clears_the_ttl_and_exat_in_the_past_deletes()
    {
        _db.Run("SET k v");
        Assert.Equal(Bulk("v"), _db.Resp("GETEX k EX 100"));
        Assert.Equal(Int(100), _db.Resp("TTL k"));
        Assert.Equal(Bulk("v"), _db.Resp("GETEX k PERSIST"));
        Assert.Equal(Int(-1), _db.Resp("TTL k"));
        Assert.Equal(Bulk("v"), _db.Resp("GETEX k PXAT 1"));
        Assert.Equal(Int(0), _db.Resp("EXISTS k"));
    }

    [Theory]
    [InlineData("GETEX k EX 10 PERSIST", RedisErrors.Syntax)]
    [InlineData("GETEX k PERSIST EX 10", RedisErrors.Syntax)]
    [InlineData("GETEX k EX 10 PX 10", RedisErrors.Syntax)]
    [InlineData("GETEX k NX", RedisErrors.Syntax)]
    [InlineData("GETEX k EX", RedisErrors.Syntax)]
    [InlineData("GETEX k EX 0", "ERR invalid expire time in 'getex' command")]
    [InlineData("GETEX k EX x", RedisErrors.NotInteger)]
    public void Getex_option_errors_match_redis(string command, string error)
    {
        _db.Run("SET k v");
        Assert.Equal(Error(error), _db.Resp(command));
    }

    [Fact]
    public void Getex_checks_the_expire_time_only_on_an_existing_string() =>
        Assert.Equal(Nil, _db.Resp("GETEX missing EX 0"));

    [Fact]
    public void Msetnx_sets_all_or_nothing()
    {
        Assert.Equal(Int(1), _db.Resp("MSETNX a 1 b 2"));
        Assert.Equal(Int(0), _db.Resp("MSETNX b x c 3"));
        Assert.Equal(Nil, _db.Resp("GET c"));
        Assert.Equal(Error(RedisErrors.WrongArity("msetnx")), _db.Resp("MSETNX a 1 b"));
    }

    [Theory]
    [InlineData("0 4", "Hello")]
    [InlineData("-5 -1", "World")]
    [InlineData("-1 -5", "")]
    [InlineData("5 2", "")]
    [InlineData("0 100", "Hello World")]
    [InlineData("-100 2", "Hel")]
    [InlineData("100 200", "")]
    [InlineData("0 -100", "H")]
    public void Getrange_clamps_like_redis(string range, string expected)
    {
        _db.RunCommand([.. Args("SET k x")[..2], "Hello World"u8.ToArray()], T0);
        Assert.Equal(Bulk(expected), _db.Resp($"GETRANGE k {range}"));
    }

    [Fact]
    public void Setrange_pads_with_zero_bytes_and_ignores_an_empty_value()
    {
        Assert.Equal(Int(8), _db.Resp("SETRANGE k 5 abc"));
        Assert.Equal(Bulk("\0\0\0\0\0abc"), _db.Resp("GET k"));
        Assert.Equal(Int(8), _db.Resp("SETRANGE k 0 XY"));
        Assert.Equal(Int(0), _db.RunCommand([.. Args("SETRANGE none 2"), []], T0).Resp());
        Assert.Equal(Int(0), _db.Resp("EXISTS none"));
        Assert.Equal(Error(RedisErrors.OffsetOutOfRange), _db.Resp("SETRANGE k -1 x"));
        Assert.Equal(Error(RedisErrors.StringTooLong), _db.Resp("SETRANGE k 536870912 x"));
    }

    [Theory]
    [InlineData("10.5", "10.5")]
    [InlineData("3.0e3", "3000")]
    [InlineData("1e30", "1000000000000000000024696061952")]
    [InlineData("1e-20", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("-1e-17", "-0.00000000000000001")]
    [InlineData("1.23456789012345678901", "1.23456789012345679")]
    [InlineData("0x10", "16")]
    [InlineData(".5", "0.5")]
    public void Incrbyfloat_formats_like_redis_long_double(string increment, string expected) =>
        Assert.Equal(Bulk(expected), _db.Resp($"INCRBYFLOAT k {increment}"));

    [Fact]
    public void Incrbyfloat_adds_in_long_double_precision()
    {
        _db.Run("INCRBYFLOAT a 0.1");
        Assert.Equal(Bulk("0.3"), _db.Resp("INCRBYFLOAT a 0.2"));
        _db.Run("INCRBYFLOAT b 1e17");
        Assert.Equal(Bulk("100000000000000000.296875"), _db.Resp("INCRBYFLOAT b 0.3"));
    }

    [Theory]
    [InlineData("nan", RedisErrors.NotFloat)]
    [InlineData("abc", RedisErrors.NotFloat)]
    [InlineData("1e", RedisErrors.NotFloat)]
    [InlineData("1e5000", RedisErrors.NotFloat)]
    [InlineData("1e-5000", RedisErrors.NotFloat)]
    [InlineData("inf", RedisErrors.IncrementNaNOrInfinity)]
    [InlineData("-infinity", RedisErrors.IncrementNaNOrInfinity)]
    public void Incrbyfloat_rejects_what_redis_rejects(string increment, string error) =>
        Assert.Equal(Error(error), _db.Resp($"INCRBYFLOAT k {increment}"));

    [Fact]
    public void Incrbyfloat_keeps_the_ttl_and_overflow_is_an_error()
    {
        _db.Run("SET k 3 EX 100");
        Assert.Equal(Bulk("4.5"), _db.Resp("INCRBYFLOAT k 1.5"));
        Assert.Equal(Int(100), _db.Resp("TTL k"));
        _db.Run("INCRBYFLOAT big 1e4932");
        Assert.Equal(Error(RedisErrors.IncrementNaNOrInfinity), _db.Resp("INCRBYFLOAT big 1e4932"));
    }
}
