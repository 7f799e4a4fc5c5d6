using CsCheck;
using OrleansStreams.Cluster;

namespace OrleansStreams.Core.UnitTests.Cluster;

public sealed class SlotTableTests
{
    /// <summary>Sets of 1–8 silo endpoints, as membership names them.</summary>
    private static readonly Gen<string[]> NodeSets =
        Gen.Select(Gen.Int[1, 254], Gen.Int[1024, 65535]).Select((host, port) => $"10.0.{host % 4}.{host}:{port}")
            .HashSet[1, 8].Select(s => s.ToArray());

    [Fact]
    public void Every_slot_has_an_owner_among_the_nodes() =>
        NodeSets.Sample(nodes =>
        {
            var table = SlotTable.Assign(nodes);
            return Enumerable.Range(0, HashSlot.Count).All(s => table.OwnerNameOf(s) is { } owner && nodes.Contains(owner));
        });

    [Fact]
    public void Assignment_depends_only_on_the_set_not_its_order() =>
        NodeSets.Sample(nodes =>
        {
            var a = SlotTable.Assign(nodes);
            var b = SlotTable.Assign(nodes.Reverse().Concat(nodes.Take(1)));
            return Enumerable.Range(0, HashSlot.Count).All(s => a.OwnerNameOf(s) == b.OwnerNameOf(s));
        });

    [Fact]
    public void Every_node_owns_close_to_its_fair_share() =>
        NodeSets.Where(n => n.Length <= 5).Sample(nodes =>
        {
            var table = SlotTable.Assign(nodes);
            var fair = HashSlot.Count / (double)nodes.Length;
            return Enumerable.Range(0, nodes.Length).All(n => Math.Abs(table.SlotCountOf(n) - fair) <= 0.3 * fair);
        });

    [Fact]
    public void A_joining_node_takes_slots_only_for_itself_and_about_its_share() =>
        Gen.Select(NodeSets, Gen.Int[1, 254]).Sample((nodes, host) =>
        {
            var joining = $"192.168.1.{host}:11111";
            var before = SlotTable.Assign(nodes);
            var after = SlotTable.Assign(nodes.Append(joining));
            var moved = Enumerable.Range(0, HashSlot.Count).Where(s => before.OwnerNameOf(s) != after.OwnerNameOf(s)).ToList();
            var share = HashSlot.Count / (double)(nodes.Length + 1);
            return moved.All(s => after.OwnerNameOf(s) == joining) && moved.Count <= 1.3 * share;
        });

    [Fact]
    public void A_leaving_node_gives_away_only_its_own_slots() =>
        NodeSets.Where(n => n.Length >= 2).Sample(nodes =>
        {
            var leaving = nodes[0];
            var before = SlotTable.Assign(nodes);
            var after = SlotTable.Assign(nodes.Skip(1));
            return Enumerable.Range(0, HashSlot.Count).All(s => before.OwnerNameOf(s) == after.OwnerNameOf(s) || before.OwnerNameOf(s) == leaving);
        });

    [Fact]
    public void Ranges_cover_every_slot_once_in_order_and_are_maximal() =>
        NodeSets.Sample(nodes =>
        {
            var table = SlotTable.Assign(nodes);
            var ranges = table.Ranges();
            var next = 0;
            for (var i = 0; i < ranges.Count; i++)
            {
                if (ranges[i].Start != next || (i > 0 && ranges[i - 1].Owner == ranges[i].Owner)
                    || table.OwnerOf(ranges[i].Start) != ranges[i].Owner || table.OwnerOf(ranges[i].End) != ranges[i].Owner)
                {
                    return false;
                }
                next = ranges[i].End + 1;
            }
            return next == HashSlot.Count && ranges.Count <= SlotTable.Blocks;
        });

    [Fact]
    public void One_node_owns_everything_in_one_range()
    {
        var table = SlotTable.Assign(["127.0.0.1:11111"]);
        Assert.Equal([new SlotRange(0, HashSlot.Count - 1, 0)], table.Ranges());
    }

    [Fact]
    public void An_empty_table_owns_nothing_and_a_lone_node_is_local()
    {
        var ownership = new SlotOwnership { LocalNode = "127.0.0.1:11111" };
        Assert.Equal(-1, ownership.Table.OwnerOf(0));
        Assert.True(ownership.IsLocal(0));
    }

    [Fact]
    public void Ownership_raises_a_change_only_when_the_node_set_changes()
    {
        var ownership = new SlotOwnership { LocalNode = "a:1" };
        var changes = 0;
        ownership.Changed += _ => changes++;
        Assert.True(ownership.Update(["a:1", "b:1"]));
        Assert.False(ownership.Update(["b:1", "a:1", "a:1"]));
        Assert.True(ownership.Update(["a:1"]));
        Assert.Equal(2, changes);
        Assert.True(Enumerable.Range(0, HashSlot.Count).All(ownership.IsLocal));
    }
}
