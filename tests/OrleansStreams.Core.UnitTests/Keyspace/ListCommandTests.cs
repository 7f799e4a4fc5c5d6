using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Core.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Core.UnitTests.Keyspace;

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
}
