using CsCheck;
using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

public sealed class KeyedStateStoreTests
{
    private sealed record Visit(string Page, int Times);

    private static KeyedStateStore Copy(KeyedStateStore store)
    {
        using var buffer = new MemoryStream();
        store.WriteTo(new BinaryWriter(buffer));
        buffer.Position = 0;
        return KeyedStateStore.ReadFrom(new BinaryReader(buffer));
    }

    [Fact]
    public void Values_are_kept_per_key_and_name_as_json()
    {
        var store = new KeyedStateStore();
        var alice = store.For("alice", 0);
        alice.Put("last", new Visit("/home", 2));
        alice.Put("total", 5);
        store.For("bob", 0).Put("total", 1);

        Assert.Equal(new Visit("/home", 2), store.For("alice", 1).Get<Visit>("last"));
        Assert.Equal(5, store.For("alice", 1).Get<int>("total"));
        Assert.Equal(1, store.For("bob", 1).Get<int>("total"));
        Assert.Null(store.For("carol", 1).Get<Visit>("last"));
        Assert.Equal(7, store.For("alice", 1).Update<int>("total", n => n + 2));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void Expired_values_read_as_absent_and_leave_at_the_next_expire()
    {
        var store = new KeyedStateStore();
        store.For("k", 1000).Put("session", "s1", TimeSpan.FromSeconds(5));
        store.For("k", 1000).Put("forever", "f");

        Assert.Equal("s1", store.For("k", 5999).Get<string>("session"));
        Assert.Null(store.For("k", 6000).Get<string>("session"));
        Assert.False(store.For("k", 6000).Delete("session"));
        store.For("k", 6000).Put("other", "o", TimeSpan.FromSeconds(1));
        Assert.Equal(0, store.Expire(6999));
        Assert.Equal(1, store.Expire(7000));
        Assert.Equal("f", store.For("k", 1_000_000).Get<string>("forever"));
    }

    [Fact]
    public void Deleting_records_a_change_and_reports_whether_a_value_was_there()
    {
        var store = new KeyedStateStore();
        store.For("k", 0).Put("a", 1);
        Assert.True(store.For("k", 0).Delete("a"));
        Assert.False(store.For("k", 0).Delete("a"));
        var changes = store.TakeChanges();
        Assert.Equal(2, changes.Count);
        Assert.Null(changes[1].Value);
        Assert.Empty(store.TakeChanges());
        Assert.Equal(0, store.EstimatedBytes);
    }

    [Fact]
    public void Replaying_the_encoded_changes_or_restoring_a_snapshot_rebuilds_the_same_state()
    {
        var ops = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[-1, 50], Gen.Int[0, 3]).Array[0, 40];
        ops.Sample(steps =>
        {
            var store = new KeyedStateStore();
            var now = 0L;
            foreach (var (key, name, value, ttl) in steps)
            {
                now += 3;
                var view = store.For("k" + key, now);
                if (value < 0)
                {
                    view.Delete("n" + name);
                }
                else
                {
                    view.Put("n" + name, $"v{value}é", ttl == 0 ? null : TimeSpan.FromMilliseconds(ttl * 10));
                }
            }
            var replayed = new KeyedStateStore();
            foreach (var change in KeyedStateStore.Decode(KeyedStateStore.Encode(store.TakeChanges())))
            {
                replayed.Apply(change);
            }
            var restored = Copy(store);
            foreach (var candidate in new[] { replayed, restored })
            {
                Assert.Equal(store.Count, candidate.Count);
                Assert.Equal(store.EstimatedBytes, candidate.EstimatedBytes);
                Assert.Empty(candidate.TakeChanges());
                for (var k = 0; k < 4; k++)
                {
                    for (var n = 0; n < 3; n++)
                    {
                        Assert.Equal(store.For("k" + k, now).Get<string>("n" + n), candidate.For("k" + k, now).Get<string>("n" + n));
                    }
                }
            }
        });
    }

    [Fact]
    public void A_truncated_change_list_is_rejected()
    {
        var bytes = KeyedStateStore.Encode([new KeyedStateChange("k", "n", [1, 2, 3], 0)]);
        Assert.Throws<InvalidDataException>(() => KeyedStateStore.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }
}
