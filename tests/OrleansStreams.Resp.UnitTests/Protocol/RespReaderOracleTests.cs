using OrleansStreams.Replies;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Protocol;

/// <summary>The protocol errors of <see cref="RespReaderTests.Errors"/>, checked against a live redis-server.</summary>
public sealed class RespReaderOracleTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Theory]
    [MemberData(nameof(RespReaderTests.Errors), MemberType = typeof(RespReaderTests))]
    public void Redis_replies_the_same_protocol_error(string input, string expected)
    {
        if (!redis.Available)
        {
            return;
        }
        using var client = redis.Connect();
        Assert.Equal(Wire.Text(client.Send(Wire.Bytes(input))), Wire.Encode(Reply.Error(expected), 2));
    }
}
