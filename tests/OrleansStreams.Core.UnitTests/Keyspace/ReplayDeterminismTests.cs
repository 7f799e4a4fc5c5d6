using OrleansStreams.Keyspace;
using static OrleansStreams.Core.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Core.UnitTests.Keyspace;

/// <summary>Journaling (nowMs, args) of writes and replaying them reproduces the state byte for byte.</summary>
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
        var journal = new List<(long NowMs, byte[][] Args)>();
        var lastNow = T0;
        foreach (var (now, command) in RandomScript.Generate(seed, length: 1500, T0))
        {
            var args = Args(command);
            original.Execute(args, now);
            if (KeyspaceDatabase.IsWrite(args))
            {
                journal.Add((now, args));
            }
            if (now % 97 == 0)
            {
                original.ReapExpired(now, 3); // active expiry is not journaled
            }
            lastNow = now;
        }

        var replica = new KeyspaceDatabase();
        foreach (var (now, args) in journal)
        {
            replica.Replay(args, now);
        }

        Assert.Equal(original.SaveSnapshot(lastNow), replica.SaveSnapshot(lastNow));
    }

    [Fact]
    public void Relative_expiry_replays_to_the_same_absolute_time()
    {
        var replica = new KeyspaceDatabase();
        replica.Replay(Args("SET k v EX 10"), T0);
        replica.Replay(Args("PEXPIRE k2 5"), T0);
        Assert.Equal(T0 + 10_000, replica.NextExpiryMs);
    }

    [Fact]
    public void Reads_are_not_writes()
    {
        Assert.True(KeyspaceDatabase.IsWrite(Args("set a b")));
        Assert.True(KeyspaceDatabase.IsWrite(Args("LPOP l")));
        Assert.True(KeyspaceDatabase.IsWrite(Args("FLUSHDB")));
        Assert.False(KeyspaceDatabase.IsWrite(Args("GET a")));
        Assert.False(KeyspaceDatabase.IsWrite(Args("SCAN 0")));
        Assert.False(KeyspaceDatabase.IsWrite(Args("XADD s * a b")));
    }
}
