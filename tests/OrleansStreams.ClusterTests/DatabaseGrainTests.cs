using OrleansStreams.Grains;
using OrleansStreams.Keyspace;

using static OrleansStreams.ClusterTests.GrainCommands;

namespace OrleansStreams.ClusterTests;

/// <summary>The database grain driven with typed operations only, as the SDK and pipelines call it: no RESP anywhere.</summary>
[Collection(ClusterCollection.Name)]
public class DatabaseGrainTests(ClusterFixture fixture)
{
    private IDatabaseGrain Db(int db) => fixture.Grains.GetGrain<IDatabaseGrain>(db);

    [Fact]
    public async Task Typed_operations_set_read_expire_and_delete_keys_with_errors_as_codes()
    {
        var (s, h, l) = (Key("s"), Key("h"), Key("l"));
        var results = await Db(5).Execute(Ops(
            new KeyspaceOperation.Set(s, Bytes("v"), SetCondition.None, ReturnOld: false, KeepTtl: false, Expiry: null),
            new KeyspaceOperation.Get(s),
            new KeyspaceOperation.HSet(h, [Bytes("f1"), Bytes("a"), Bytes("f2"), Bytes("b")], ReplyOk: false),
            new KeyspaceOperation.HGet(h, Bytes("f2")),
            new KeyspaceOperation.Push(l, [Bytes("x"), Bytes("y")], Head: true, OnlyIfExists: false),
            new KeyspaceOperation.LRange(l, 0, -1),
            new KeyspaceOperation.Expire(s, 100, Seconds: true, Absolute: false, ExpireCondition.None),
            new KeyspaceOperation.TimeToLive(s, Milliseconds: false, Absolute: false),
            new KeyspaceOperation.Get(h),
            new KeyspaceOperation.Push(s, [Bytes("z")], Head: true, OnlyIfExists: false),
            new KeyspaceOperation.Delete([s, h, Key("missing")]),
            new KeyspaceOperation.Get(s),
            new KeyspaceOperation.TypeOf(l)));

        Assert.Equal(KeyspaceResult.Ok, results[0]);
        Assert.Equal("v", Text(results[1]));
        Assert.Equal(new KeyspaceResult.Integer(2), results[2]);
        Assert.Equal("b", Text(results[3]));
        Assert.Equal(new KeyspaceResult.Integer(2), results[4]);
        Assert.Equal(["y", "x"], Assert.IsType<KeyspaceResult.Values>(results[5]).Items.Select(i => System.Text.Encoding.UTF8.GetString(i!)));
        Assert.Equal(KeyspaceResult.One, results[6]);
        Assert.Equal(new KeyspaceResult.Integer(100), results[7]);
        Assert.Equal(new KeyspaceResult.Failed(KeyspaceError.WrongType), results[8]);
        Assert.Equal(new KeyspaceResult.Failed(KeyspaceError.WrongType), results[9]);
        Assert.Equal(new KeyspaceResult.Integer(2), results[10]);
        Assert.IsType<KeyspaceResult.Nil>(results[11]);
        Assert.Equal(new KeyspaceResult.TypeName("list"), results[12]);
    }

    [Fact]
    public async Task A_reactivated_database_replays_its_journal_of_typed_operations()
    {
        var (s, h, set) = (Key("s"), Key("h"), Key("set"));
        var members = Enumerable.Range(0, 20).Select(i => Bytes("m" + i)).ToArray();
        await Db(6).Execute(Ops(
            new KeyspaceOperation.Set(s, Bytes("1"), SetCondition.None, false, false, null),
            new KeyspaceOperation.IncrBy(s, 41),
            new KeyspaceOperation.HSet(h, [Bytes("f"), Bytes("v")], ReplyOk: true),
            new KeyspaceOperation.SAdd(set, members),
            new KeyspaceOperation.SPop(set, 5)));
        var before = await Db(6).Execute(Ops(new KeyspaceOperation.SMembers(set)));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = await Db(6).Execute(Ops(
            new KeyspaceOperation.Get(s),
            new KeyspaceOperation.HGet(h, Bytes("f")),
            new KeyspaceOperation.SMembers(set)));
        Assert.Equal("42", Text(after[0]));
        Assert.Equal("v", Text(after[1]));
        // SPOP picks with a seed of its time and key, so the replay popped the same members.
        Assert.Equal(Members(before[0]), Members(after[2]));
        Assert.Equal(15, Members(after[2]).Length);
    }

    private static byte[] Key(string name) => Bytes(name + "-" + Guid.NewGuid().ToString("N"));

    private static string Text(KeyspaceResult result) => System.Text.Encoding.UTF8.GetString(Assert.IsType<KeyspaceResult.Value>(result).Data);

    private static string[] Members(KeyspaceResult result) =>
        Assert.IsType<KeyspaceResult.Values>(result).Items.Select(i => System.Text.Encoding.UTF8.GetString(i!)).Order(StringComparer.Ordinal).ToArray();
}
