using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>The gateway's half of the typed keyspace: commands become operations, argument errors never leave the gateway.</summary>
public class KeyspaceCommandParserTests
{
    [Theory]
    [InlineData("SET k v EX notanumber", RedisErrors.NotInteger)]
    [InlineData("SET k v NX XX", RedisErrors.Syntax)]
    [InlineData("EXPIRE k 10 NX GT", RedisErrors.ExpireNxAndOthers)]
    [InlineData("DECRBY k -9223372036854775808", RedisErrors.DecrementOverflow)]
    [InlineData("HINCRBYFLOAT h f inf", RedisErrors.ValueNaNOrInfinity)]
    [InlineData("LPOS l x RANK 0", RedisErrors.RankZero)]
    [InlineData("SINTERCARD 0 a", RedisErrors.NumKeysNotPositive)]
    [InlineData("COPY k k", RedisErrors.SameObject)]
    [InlineData("SCAN 0 COUNT 0", RedisErrors.Syntax)]
    public void Commands_with_argument_errors_are_answered_without_an_operation(string command, string error)
    {
        var call = KeyspaceCommandParser.Parse(Args(command));
        Assert.Null(call.Operation);
        Assert.Equal(Reply.Error(error), call.Error);
    }

    [Theory]
    [InlineData("LINDEX l notanumber", KeyType.List)]
    [InlineData("LSET l notanumber v", KeyType.List)]
    [InlineData("GETEX k EX notanumber", KeyType.String)]
    [InlineData("HSCAN h 0 COUNT 0", KeyType.Hash)]
    public void Errors_redis_reports_after_the_lookup_send_a_probe(string command, KeyType type)
    {
        var call = KeyspaceCommandParser.Parse(Args(command));
        var probe = Assert.IsType<KeyspaceOperation.Probe>(call.Operation);
        Assert.Equal(type, probe.Type);
        Assert.NotNull(call.LateError);
        Assert.Equal(call.LateError, KeyspaceReplies.Format(call, KeyspaceResult.One));
        Assert.Equal(Reply.Error(RedisErrors.WrongType), KeyspaceReplies.Format(call, new KeyspaceResult.Failed(KeyspaceError.WrongType)));
    }

    [Fact]
    public void Options_become_typed_fields()
    {
        var set = Assert.IsType<KeyspaceOperation.Set>(KeyspaceCommandParser.Parse(Args("set k v xx get pxat 1700000000000")).Operation);
        Assert.Equal((SetCondition.IfExists, true, false, new Expiry(ExpiryKind.UnixMilliseconds, 1700000000000)), (set.Condition, set.ReturnOld, set.KeepTtl, set.Expiry));
        var expire = Assert.IsType<KeyspaceOperation.Expire>(KeyspaceCommandParser.Parse(Args("EXPIREAT k 100 XX GT")).Operation);
        Assert.Equal((100L, true, true, ExpireCondition.Xx | ExpireCondition.Gt), (expire.Time, expire.Seconds, expire.Absolute, expire.Condition));
        var store = Assert.IsType<KeyspaceOperation.SetCombine>(KeyspaceCommandParser.Parse(Args("SDIFFSTORE d a b")).Operation);
        Assert.Equal(SetAlgebra.Difference, store.Algebra);
        Assert.Equal("d"u8.ToArray(), store.Destination);
        Assert.Equal(2, store.Keys.Length);
    }

    [Fact]
    public void Error_texts_that_name_the_command_name_the_right_one()
    {
        var failed = new KeyspaceResult.Failed(KeyspaceError.InvalidExpireTime);
        Assert.Equal(Reply.Error(RedisErrors.InvalidExpireTime("pexpireat")), KeyspaceReplies.Format(new KeyspaceOperation.Expire([], 1, false, true, ExpireCondition.None), failed));
        Assert.Equal(Reply.Error(RedisErrors.InvalidExpireTime("setex")), KeyspaceReplies.Format(new KeyspaceOperation.SetEx([], 1, []), failed));
    }

    [Fact]
    public void Reply_shapes_follow_the_command_not_the_result()
    {
        var values = new KeyspaceResult.Values(["a"u8.ToArray(), "b"u8.ToArray()]);
        Assert.IsType<MapReply>(KeyspaceReplies.Format(new KeyspaceOperation.HGetAll([]), values));
        Assert.True(Assert.IsType<ArrayReply>(KeyspaceReplies.Format(new KeyspaceOperation.SMembers([]), values)).IsSet);
        Assert.False(Assert.IsType<ArrayReply>(KeyspaceReplies.Format(new KeyspaceOperation.SRandMember([], 2), values)).IsSet);
        Assert.Equal(Reply.NullArray, KeyspaceReplies.Format(new KeyspaceOperation.Pop([], true, 2), KeyspaceResult.Nothing));
        Assert.Equal(Reply.NullBulk, KeyspaceReplies.Format(new KeyspaceOperation.Pop([], true, null), KeyspaceResult.Nothing));
        Assert.Equal(Reply.Ok, KeyspaceReplies.Format(new KeyspaceOperation.HSet([], [], ReplyOk: true), KeyspaceResult.One));
    }
}
