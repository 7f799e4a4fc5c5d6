using CsCheck;

using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

using static OrleansStreams.Core.UnitTests.ConsumerGroups.GroupTestStream;

namespace OrleansStreams.Core.UnitTests.ConsumerGroups;

/// <summary>The PEL against a dictionary model, and journal replay against the live group.</summary>
public sealed class ConsumerGroupPropertyTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    private static readonly Gen<(int Op, int Consumer, int X, int Y)[]> Scripts =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 2], Gen.Int[0, 20], Gen.Int[0, 4], (op, c, x, y) => (op, c, x, y)).Array[0, 60];

    /// <summary>Runs a script on a group over a 20-entry stream, checking the PEL against a model after each step.</summary>
    private static (ConsumerGroup Group, List<ConsumerGroupMutation> Journal) Run((int Op, int Consumer, int X, int Y)[] script)
    {
        var s = WithEntries(20);
        var g = ConsumerGroup.Create("g", Id(0));
        var model = new SortedDictionary<StreamEntryId, (string Consumer, long Time, long Count)>();
        var journal = new List<ConsumerGroupMutation>();
        long now = 1000;
        foreach (var (op, ci, x, y) in script)
        {
            now += y;
            var consumer = Names[ci];
            var id = Id((ulong)x);
            var minIdle = y % 2 == 0 ? 0 : 2;
            switch (op)
            {
                case 0:
                    foreach (var e in s.ReadNew(g, consumer, y, now))
                    {
                        model[e.Id] = (consumer, now, 1);
                    }
                    break;
                case 1:
                    Assert.Equal(model.Remove(id) ? 1 : 0, g.Ack([id]));
                    break;
                case 2:
                    var justId = y > 2;
                    g.Claim(consumer, [id], new ClaimOptions(minIdle, JustId: justId), s.Exists, now);
                    if (!s.Exists(id))
                    {
                        model.Remove(id);
                    }
                    else if (model.TryGetValue(id, out var p) && (minIdle == 0 || now - p.Time >= minIdle))
                    {
                        model[id] = (consumer, now, justId ? p.Count : p.Count + 1);
                    }
                    break;
                case 3:
                    var count = y + 1;
                    var result = g.AutoClaim(consumer, minIdle, id, count, false, s.Exists, now);
                    var expectedClaimed = new List<StreamEntryId>();
                    var expectedDeleted = new List<StreamEntryId>();
                    var left = count;
                    foreach (var k in model.Keys.Where(k => k >= id).Take(count * 10).ToList())
                    {
                        if (left == 0)
                        {
                            break;
                        }
                        var p2 = model[k];
                        if (minIdle > 0 && now - p2.Time < minIdle)
                        {
                            continue;
                        }
                        left--;
                        if (!s.Exists(k))
                        {
                            model.Remove(k);
                            expectedDeleted.Add(k);
                        }
                        else
                        {
                            model[k] = (consumer, now, p2.Count + 1);
                            expectedClaimed.Add(k);
                        }
                    }
                    Assert.Equal(expectedClaimed, result.Claimed);
                    Assert.Equal(expectedDeleted, result.Deleted);
                    break;
                case 4:
                    s.Delete(x);
                    break;
                case 5:
                    foreach (var h in g.ReadHistory(consumer, id, 0, s.Lookup, now))
                    {
                        if (h.Entry is not null)
                        {
                            model[h.Id] = (consumer, now, model[h.Id].Count + 1);
                        }
                    }
                    break;
                case 6:
                    var dropped = model.Count(kv => kv.Value.Consumer == consumer);
                    Assert.Equal(dropped, g.DeleteConsumer(consumer));
                    foreach (var k in model.Where(kv => kv.Value.Consumer == consumer).Select(kv => kv.Key).ToList())
                    {
                        model.Remove(k);
                    }
                    break;
            }
            Assert.Equal(model.Select(kv => new PendingEntry(kv.Key, kv.Value.Consumer, kv.Value.Time, kv.Value.Count)), g.Pending);
            foreach (var c in g.Consumers)
            {
                Assert.Equal(model.Where(kv => kv.Value.Consumer == c.Name).Select(kv => kv.Key), c.PendingIds);
            }
            journal.AddRange(g.DrainMutations());
        }
        return (g, journal);
    }

    [Fact]
    public void Pel_matches_a_dictionary_model_through_read_ack_claim_autoclaim_and_delete() =>
        Scripts.Sample(script => { Run(script); }, iter: 300);

    [Fact]
    public void Replaying_the_drained_journal_rebuilds_an_equal_group() =>
        Scripts.Sample(script =>
        {
            var (group, journal) = Run(script);
            var encoded = ConsumerGroup.EncodeMutations(journal, 42);
            var decoded = ConsumerGroup.DecodeMutations(encoded, out var sequence);
            Assert.Equal(42, sequence);
            Assert.Equal(journal, decoded);
            var replayed = ConsumerGroup.ForReplay("g");
            foreach (var m in decoded)
            {
                replayed.Apply(m);
            }
            Assert.Equal(group.EncodeSnapshot(7), replayed.EncodeSnapshot(7));
        }, iter: 200);

    [Fact]
    public void Snapshot_round_trips_and_journal_continues_on_top_of_it()
    {
        var s = WithEntries(10);
        var g = ConsumerGroup.Create("g", Id(0));
        s.ReadNew(g, "a", 4, 100);
        g.SetDeadLetterPolicy(3, "dlq");
        g.Claim("b", [Id(2)], new ClaimOptions(0), s.Exists, 200);
        var snapshot = g.EncodeSnapshot(5);
        g.DrainMutations();
        var restored = ConsumerGroup.DecodeSnapshot(snapshot, out var seq);
        Assert.Equal(5, seq);
        Assert.Equal(snapshot, restored.EncodeSnapshot(5));
        g.Ack([Id(1)]);
        s.ReadNew(g, "c", 2, 300);
        foreach (var m in g.DrainMutations())
        {
            restored.Apply(m);
        }
        Assert.Equal(g.EncodeSnapshot(6), restored.EncodeSnapshot(6));
        Assert.Equal(("dlq", 3L), (restored.DeadLetterStream, restored.MaxDeliveries));
    }
}
