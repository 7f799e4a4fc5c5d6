using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansStreams.Keyspace;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>Journaling (nowMs, operation) of writes and replaying them reproduces the state byte for byte.</summary>
public class ReplayDeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Replaying_the_journal_of_a_random_script_gives_the_same_snapshot(int seed)
    {
        var original = new KeyspaceDatabase();
        var journal = new List<(long NowMs, KeyspaceOperation Operation)>();
        var lastNow = T0;
        foreach (var (now, command) in RandomScript.Generate(seed, length: 1500, T0))
        {
            // As the grain: argument errors never reach the database, failed operations are not journaled.
            if (Operation(Args(command)) is { } operation
                && original.Execute(operation, now) is not KeyspaceResult.Failed
                && KeyspaceDatabase.IsWrite(operation))
            {
                journal.Add((now, operation));
            }
            if (now % 97 == 0)
            {
                original.ReapExpired(now, 3); // active expiry is not journaled
            }
            lastNow = now;
        }

        // The grain journals each operation in Orleans' serialization format: replay what that gives back.
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var replica = new KeyspaceDatabase();
        foreach (var (now, operation) in journal)
        {
            var journaled = serializer.Deserialize<KeyspaceOperation>(serializer.SerializeToArray(operation));
            replica.Replay(journaled!, now);
        }

        Assert.Equal(original.SaveSnapshot(lastNow), replica.SaveSnapshot(lastNow));
    }

    [Fact]
    public void Relative_expiry_replays_to_the_same_absolute_time()
    {
        var replica = new KeyspaceDatabase();
        replica.Replay(Operation(Args("SET k v EX 10"))!, T0);
        replica.Replay(Operation(Args("PEXPIRE k2 5"))!, T0);
        Assert.Equal(T0 + 10_000, replica.NextExpiryMs);
    }

    [Fact]
    public void Reads_are_not_writes()
    {
        Assert.True(IsWrite("set a b"));
        Assert.True(IsWrite("LPOP l"));
        Assert.True(IsWrite("FLUSHDB"));
        Assert.False(IsWrite("GET a"));
        Assert.False(IsWrite("SCAN 0"));
        Assert.False(IsWrite("XADD s * a b"));
    }
}
