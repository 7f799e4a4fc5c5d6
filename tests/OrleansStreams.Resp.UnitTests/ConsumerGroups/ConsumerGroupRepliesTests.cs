using System.Text;

using OrleansStreams.ConsumerGroups;
using OrleansStreams.Core.UnitTests.ConsumerGroups;
using OrleansStreams.Resp.UnitTests.Keyspace;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Streams;

using static OrleansStreams.Core.UnitTests.ConsumerGroups.GroupTestStream;

namespace OrleansStreams.Resp.UnitTests.ConsumerGroups;

/// <summary>
/// RESP2 bytes captured from redis-server 7.0.15 for: XADD r 1-0..4-0 f v{n}; XGROUP CREATE r g 0; XGROUP CREATE r e $;
/// XREADGROUP GROUP g alice COUNT 3 STREAMS r &gt;; XDEL r 2-0; then the command each test names.
/// </summary>
public sealed class ConsumerGroupRepliesTests
{
    private static (GroupTestStream S, ConsumerGroup G, ConsumerGroup E) Scenario()
    {
        var s = WithEntries(4);
        var g = ConsumerGroup.Create("g", Id(0));
        var e = ConsumerGroup.Create("e", s.Log.LastId);
        s.ReadNew(g, "alice", 3, 1000);
        s.Delete(2);
        return (s, g, e);
    }

    private static GroupEntry[] Deliveries(IEnumerable<StreamEntryId> ids, Func<StreamEntryId, StreamEntry?> lookup, bool justId = false) =>
        [.. ids.Select(id => new GroupEntry(id, justId ? null : lookup(id)?.Fields))];

    private static ConsumerGroupResult.AutoClaimed AutoClaimed(AutoClaimResult r, bool justId, Func<StreamEntryId, StreamEntry?> lookup) =>
        new(r.Next, Deliveries(r.Claimed, lookup, justId), [.. r.Deleted]);

    private static void AssertResp(string expected, Reply reply) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(Resp2.Encode(reply)));

    [Fact]
    public void Xpending_summary_of_an_empty_group_is_zero_and_nils() =>
        AssertResp("*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n", ConsumerGroupReplies.PendingSummary(Scenario().E.SummaryResult()));

    [Fact]
    public void Xpending_summary_gives_counts_per_consumer_as_bulk_strings() =>
        AssertResp("*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n3-0\r\n*1\r\n*2\r\n$5\r\nalice\r\n$1\r\n3\r\n", ConsumerGroupReplies.PendingSummary(Scenario().G.SummaryResult()));

    [Fact]
    public void Xreadgroup_history_gives_deleted_entries_a_nil_array()
    {
        var (s, g, _) = Scenario();
        AssertResp(
            "*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$2\r\nv1\r\n*2\r\n$3\r\n2-0\r\n*-1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$2\r\nv3\r\n",
            ConsumerGroupReplies.Delivered(g.ReadHistory("alice", Id(0), 0, s.Lookup, 2000).Select(h => new GroupEntry(h.Id, h.Entry?.Fields))));
    }

    [Fact]
    public void Xinfo_groups_entries_have_redis_7_0_fields_in_order()
    {
        var (s, g, e) = Scenario();
        AssertResp(
            "*12\r\n$4\r\nname\r\n$1\r\ne\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n4-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
            ConsumerGroupReplies.GroupInfo(e.Describe(s.Stats, 0)));
        AssertResp(
            "*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:3\r\n$17\r\nlast-delivered-id\r\n$3\r\n3-0\r\n$12\r\nentries-read\r\n:3\r\n$3\r\nlag\r\n:1\r\n",
            ConsumerGroupReplies.GroupInfo(g.Describe(s.Stats, 0)));
    }

    [Fact]
    public void Xautoclaim_replies_cursor_entries_and_deleted_ids()
    {
        var (s, g, _) = Scenario();
        AssertResp(
            "*3\r\n$3\r\n2-0\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$2\r\nv1\r\n*0\r\n",
            ConsumerGroupReplies.AutoClaimed(AutoClaimed(g.AutoClaim("bob", 0, Id(0), 1, false, s.Exists, 2000), false, s.Lookup), false));
        AssertResp(
            "*3\r\n$3\r\n0-0\r\n*2\r\n$3\r\n1-0\r\n$3\r\n3-0\r\n*1\r\n$3\r\n2-0\r\n",
            ConsumerGroupReplies.AutoClaimed(AutoClaimed(g.AutoClaim("bob", 0, Id(0), 100, true, s.Exists, 2000), true, s.Lookup), true));
        AssertResp(
            "*2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$2\r\nv3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$2\r\nv1\r\n",
            ConsumerGroupReplies.Claimed(Deliveries(g.Claim("carol", [Id(3), Id(1)], new ClaimOptions(0), s.Exists, 2000), s.Lookup), false));
    }

    [Fact]
    public void Xpending_extended_and_xinfo_consumers_report_idle_from_now()
    {
        var (_, g, _) = Scenario();
        AssertResp(
            "*1\r\n*4\r\n$3\r\n1-0\r\n$5\r\nalice\r\n:250\r\n:1\r\n",
            ConsumerGroupReplies.PendingRange(g.PendingRangeResult(new ConsumerGroupOperation.PendingRange(0, Id(0), Id(1), 10, null), 1250).Entries));
        AssertResp(
            "*6\r\n$4\r\nname\r\n$5\r\nalice\r\n$7\r\npending\r\n:3\r\n$4\r\nidle\r\n:250\r\n",
            ConsumerGroupReplies.ConsumerInfo(g.DescribeConsumers(1250).Single(c => c.Name.AsSpan().SequenceEqual("alice"u8))));
    }

    [Fact]
    public void Xgroup_help_has_seventeen_status_lines()
    {
        var help = Assert.IsType<ArrayReply>(ConsumerGroupReplies.Help);
        Assert.Equal(17, help.Items.Length);
        Assert.Equal("XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", Assert.IsType<SimpleReply>(help.Items[0]).Value);
    }

    [Fact]
    public void Group_info_with_a_dead_letter_policy_adds_the_policy_and_the_oldest_pending_idle_time()
    {
        var s = GroupTestStream.WithEntries(3);
        var g = ConsumerGroup.Create("g", GroupTestStream.Id(0));
        s.ReadNew(g, "c", 3, nowMs: 1000);
        g.SetDeadLetterPolicy(5, "dlq");
        var map = (MapReply)ConsumerGroupReplies.GroupInfo(g.Describe(s.Stats, 4000));
        var fields = map.KeysAndValues.Where((_, i) => i % 2 == 0).Select(f => f.ToString()).ToList();
        Assert.Equal(["name", "consumers", "pending", "last-delivered-id", "entries-read", "lag", "max-deliveries", "dead-letter-stream", "dead-lettered", "oldest-pending-idle"], fields);
        Assert.Equal(new IntegerReply(5), map.KeysAndValues[13]);
        Assert.Equal("dlq", map.KeysAndValues[15].ToString());
        Assert.Equal(new IntegerReply(3000), map.KeysAndValues[19]);
    }
}
