using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class ListCommandTests
{
    private readonly KeyspaceDatabase _db = new();

    [Fact]
    public void Lpush_pushes_each_element_to_the_head()
    {
        Assert.Equal(Int(3), _db.Resp("LPUSH l a b c"));
        Assert.Equal(Int(4), _db.Resp("RPUSH l z"));
        Assert.Equal(Array("c", "b", "a", "z"), _db.Resp("LRANGE l 0 -1"));
        Assert.Equal(Int(4), _db.Resp("LLEN l"));
    }

    [Theory]
    [InlineData("-100 100", new[] { "a", "b", "c" })]
    [InlineData("1 1", new[] { "b" })]
    [InlineData("-2 -1", new[] { "b", "c" })]
    [InlineData("2 1", new string[0])]
    [InlineData("5 10", new string[0])]
    [InlineData("0 -4", new string[0])]
    public void Lrange_clamps_indexes_like_redis(string range, string[] expected)
    {
        _db.Run("RPUSH l a b c");
        Assert.Equal(Array(expected), _db.Resp($"LRANGE l {range}"));
    }

    [Fact]
    public void Lrange_with_non_integer_index_is_not_integer_error() =>
        Assert.Equal(Error(RedisErrors.NotInteger), _db.Resp("LRANGE l 0 x"));

    [Fact]
    public void Pop_without_count_returns_bulk_and_with_count_an_array()
    {
        _db.Run("RPUSH l a b c d");
        Assert.Equal(Bulk("a"), _db.Resp("LPOP l"));
        Assert.Equal(Bulk("d"), _db.Resp("RPOP l"));
        Assert.Equal("*0\r\n", _db.Resp("LPOP l 0"));
        Assert.Equal(Array("c", "b"), _db.Resp("RPOP l 5"));
        Assert.Equal(Int(0), _db.Resp("EXISTS l"));
    }

    [Fact]
    public void Pop_on_missing_key_returns_null_bulk_or_null_array()
    {
        Assert.Equal(Nil, _db.Resp("LPOP none"));
        Assert.Equal(NilArray, _db.Resp("LPOP none 2"));
        Assert.Equal(NilArray, _db.Resp("RPOP none 0"));
    }

    [Fact]
    public void Pop_with_negative_or_non_integer_count_is_out_of_range_error()
    {
        Assert.Equal(Error(RedisErrors.ValueOutOfRangePositive), _db.Resp("LPOP l -1"));
        Assert.Equal(Error(RedisErrors.ValueOutOfRangePositive), _db.Resp("LPOP l abc"));
        Assert.Equal(Error(RedisErrors.WrongArity("lpop")), _db.Resp("LPOP l 1 2"));
    }

    [Fact]
    public void List_grows_past_its_initial_capacity_in_order()
    {
        for (var i = 0; i < 50; i++)
        {
            _db.Run(i % 2 == 0 ? $"RPUSH l r{i}" : $"LPUSH l l{i}");
        }
        var items = ((ArrayReply)_db.Run("LRANGE l 0 -1")).Items.Select(r => r.ToString()).ToList();
        Assert.Equal("l49", items[0]);
        Assert.Equal("r48", items[^1]);
        Assert.Equal(50, items.Count);
    }

    [Fact]
    public void Lindex_and_lset_address_from_either_end()
    {
        _db.Run("RPUSH l a b c");
        Assert.Equal(Bulk("c"), _db.Resp("LINDEX l -1"));
        Assert.Equal(Nil, _db.Resp("LINDEX l 3"));
        Assert.Equal(Nil, _db.Resp("LINDEX none x"));
        Assert.Equal(Ok, _db.Resp("LSET l -3 A"));
        Assert.Equal(Array("A", "b", "c"), _db.Resp("LRANGE l 0 -1"));
        Assert.Equal(Error(RedisErrors.IndexOutOfRange), _db.Resp("LSET l 3 x"));
        Assert.Equal(Error(RedisErrors.NoSuchKey), _db.Resp("LSET none 0 x"));
    }

    [Theory]
    [InlineData("1", new[] { "b", "a", "c", "a" })]
    [InlineData("-1", new[] { "a", "b", "a", "c" })]
    [InlineData("0", new[] { "b", "c" })]
    public void Lrem_removes_from_the_head_the_tail_or_everywhere(string count, string[] expected)
    {
        _db.Run("RPUSH l a b a c a");
        _db.Run($"LREM l {count} a");
        Assert.Equal(Array(expected), _db.Resp("LRANGE l 0 -1"));
    }

    [Fact]
    public void Linsert_reports_length_or_minus_one()
    {
        _db.Run("RPUSH l a c");
        Assert.Equal(Int(3), _db.Resp("LINSERT l BEFORE c b"));
        Assert.Equal(Int(4), _db.Resp("LINSERT l after c d"));
        Assert.Equal(Int(-1), _db.Resp("LINSERT l AFTER z y"));
        Assert.Equal(Int(0), _db.Resp("LINSERT none AFTER z y"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("LINSERT l MIDDLE a y"));
        Assert.Equal(Array("a", "b", "c", "d"), _db.Resp("LRANGE l 0 -1"));
    }

    [Fact]
    public void Ltrim_keeps_the_range_and_an_empty_range_deletes_the_key()
    {
        _db.Run("RPUSH l a b c d");
        Assert.Equal(Ok, _db.Resp("LTRIM l 1 -2"));
        Assert.Equal(Array("b", "c"), _db.Resp("LRANGE l 0 -1"));
        Assert.Equal(Ok, _db.Resp("LTRIM l 1 0"));
        Assert.Equal(Int(0), _db.Resp("EXISTS l"));
    }

    [Theory]
    [InlineData("LPOS l c", ":2\r\n")]
    [InlineData("LPOS l c RANK -1", ":7\r\n")]
    [InlineData("LPOS l c RANK 2 MAXLEN 3", "$-1\r\n")]
    [InlineData("LPOS l c COUNT 0", "*3\r\n:2\r\n:6\r\n:7\r\n")]
    [InlineData("LPOS l c COUNT 2 RANK -1", "*2\r\n:7\r\n:6\r\n")]
    [InlineData("LPOS l z COUNT 1", "*0\r\n")]
    [InlineData("LPOS l c RANK -9223372036854775808", ":7\r\n")]
    [InlineData("LPOS l c RANK 0", "-" + RedisErrors.RankZero + "\r\n")]
    [InlineData("LPOS l c COUNT -1", "-" + RedisErrors.CountNegative + "\r\n")]
    [InlineData("LPOS l c MAXLEN x", "-" + RedisErrors.MaxLenNegative + "\r\n")]
    public void Lpos_follows_rank_count_and_maxlen(string command, string expected)
    {
        _db.Run("RPUSH l a b c 1 2 3 c c");
        Assert.Equal(expected, _db.Resp(command));
    }

    [Fact]
    public void Pushx_only_pushes_onto_an_existing_list()
    {
        Assert.Equal(Int(0), _db.Resp("LPUSHX l a"));
        Assert.Equal(Int(0), _db.Resp("EXISTS l"));
        _db.Run("RPUSH l m");
        Assert.Equal(Int(3), _db.Resp("LPUSHX l a b"));
        Assert.Equal(Int(4), _db.Resp("RPUSHX l z"));
        Assert.Equal(Array("b", "a", "m", "z"), _db.Resp("LRANGE l 0 -1"));
    }

    [Fact]
    public void Lmove_moves_between_ends_and_deletes_an_emptied_source()
    {
        _db.Run("RPUSH src a b");
        Assert.Equal(Bulk("a"), _db.Resp("LMOVE src dst LEFT RIGHT"));
        Assert.Equal(Bulk("b"), _db.Resp("RPOPLPUSH src dst"));
        Assert.Equal(Int(0), _db.Resp("EXISTS src"));
        Assert.Equal(Array("b", "a"), _db.Resp("LRANGE dst 0 -1"));
        Assert.Equal(Bulk("b"), _db.Resp("LMOVE dst dst LEFT RIGHT"));
        Assert.Equal(Array("a", "b"), _db.Resp("LRANGE dst 0 -1"));
        Assert.Equal(Nil, _db.Resp("LMOVE none dst LEFT LEFT"));
        Assert.Equal(Error(RedisErrors.Syntax), _db.Resp("LMOVE none dst UP LEFT"));
    }

    [Fact]
    public void Lmove_to_a_key_of_another_type_moves_nothing()
    {
        _db.Run("RPUSH src a");
        _db.Run("SET str v");
        Assert.Equal(Error(RedisErrors.WrongType), _db.Resp("LMOVE src str LEFT LEFT"));
        Assert.Equal(Array("a"), _db.Resp("LRANGE src 0 -1"));
    }
}
