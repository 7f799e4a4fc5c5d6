using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Core.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Core.UnitTests.Keyspace;

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
}
