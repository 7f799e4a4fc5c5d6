using System.Text;
using OrleansStreams.Keyspace;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class SnapshotTests
{
    [Fact]
    public void Snapshot_round_trip_keeps_values_order_types_and_expiries()
    {
        var db = new KeyspaceDatabase();
        db.Run("SET s v EX 100");
        db.Run("HSET h b 1 a 2");
        db.Run("RPUSH l x y z");
        db.Run("SADD ints 3 1 2");
        db.Run("SADD mixed b a 1");
        db.TryRegisterStream("st"u8.ToArray(), T0);
        db.Run("PEXPIRE st 5000");

        var bytes = db.SaveSnapshot();
        var loaded = KeyspaceDatabase.LoadSnapshot(bytes);

        Assert.Equal(bytes, loaded.SaveSnapshot());
        Assert.Equal(6, loaded.Count);
        Assert.Equal(2, loaded.ExpiresCount);
        Assert.Equal(Int(100), loaded.Resp("TTL s"));
        Assert.Equal(Array("b", "1", "a", "2"), loaded.Resp("HGETALL h"));
        Assert.Equal(Array("x", "y", "z"), loaded.Resp("LRANGE l 0 -1"));
        Assert.Equal(Array("1", "2", "3"), loaded.Resp("SMEMBERS ints"));
        Assert.Equal(Array("b", "a", "1"), loaded.Resp("SMEMBERS mixed"));
        Assert.Equal("stream", loaded.TypeOf("st"u8.ToArray(), T0));
        Assert.Equal(T0 + 5000, loaded.NextExpiryMs);
    }

    [Fact]
    public void Snapshot_is_independent_of_insertion_order()
    {
        var a = new KeyspaceDatabase();
        a.Run("SET x 1");
        a.Run("SET y 2");
        var b = new KeyspaceDatabase();
        b.Run("SET y 2");
        b.Run("SET x 1");
        Assert.Equal(a.SaveSnapshot(), b.SaveSnapshot());
    }

    [Fact]
    public void Snapshot_at_a_time_leaves_out_expired_keys()
    {
        var db = new KeyspaceDatabase();
        db.Run("SET gone v PX 10");
        db.Run("SET kept v");
        var loaded = KeyspaceDatabase.LoadSnapshot(db.SaveSnapshot(T0 + 11));
        Assert.Equal(1, loaded.Count);
    }

    [Fact]
    public void Loading_foreign_bytes_throws_invalid_data() =>
        Assert.Throws<InvalidDataException>(() => KeyspaceDatabase.LoadSnapshot(Encoding.ASCII.GetBytes("REDIS0009")));

    [Fact]
    public void Random_state_round_trips()
    {
        var db = new KeyspaceDatabase();
        foreach (var (now, command) in RandomScript.Generate(seed: 7, length: 400, T0))
        {
            db.Run(command, now);
        }
        var bytes = db.SaveSnapshot();
        Assert.Equal(bytes, KeyspaceDatabase.LoadSnapshot(bytes).SaveSnapshot());
    }
}
