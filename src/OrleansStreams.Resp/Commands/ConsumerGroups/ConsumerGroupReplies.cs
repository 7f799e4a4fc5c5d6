using OrleansStreams.Replies;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>The replies of the consumer-group commands, with Redis 7.0.15's shapes, field names and order.</summary>
public static class ConsumerGroupReplies
{
    /// <summary>XGROUP HELP, as Redis 7.0 prints it.</summary>
    public static readonly Reply Help = Reply.Array(
        new[]
        {
            "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CREATE <key> <groupname> <id|$> [option]",
            "    Create a new consumer group. Options are:",
            "    * MKSTREAM",
            "      Create the empty stream if it does not exist.",
            "    * ENTRIESREAD entries_read",
            "      Set the group's entries_read counter (internal use).",
            "CREATECONSUMER <key> <groupname> <consumer>",
            "    Create a new consumer in the specified group.",
            "DELCONSUMER <key> <groupname> <consumer>",
            "    Remove the specified consumer.",
            "DESTROY <key> <groupname>",
            "    Remove the specified group.",
            "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
            "    Set the current group ID and entries_read counter.",
            "HELP",
            "    Prints this help.",
        }.Select(line => Reply.Simple(line)));

    /// <summary>XPENDING key group: [count, min, max, [[consumer, count]…]], or [0, nil, nil, nil] when nothing is pending.</summary>
    public static Reply PendingSummary(ConsumerGroupResult.Summary s)
    {
        if (s.Count == 0)
        {
            return Reply.Array(Reply.Zero, Reply.NullBulk, Reply.NullBulk, Reply.NullArray);
        }
        return Reply.Array(
            Reply.Integer(s.Count),
            Id(s.MinId!.Value),
            Id(s.MaxId!.Value),
            Reply.Array(s.Consumers.Select(c => Reply.Array(Reply.Bulk(c.Consumer), Reply.Bulk(c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))))));
    }

    /// <summary>XPENDING's extended form: [[id, consumer, idle ms, delivery count]…].</summary>
    public static Reply PendingRange(IEnumerable<PendingEntryInfo> entries) =>
        Reply.Array(entries.Select(p => Reply.Array(Id(p.Id), Reply.Bulk(p.Consumer), Reply.Integer(p.IdleMs), Reply.Integer(p.DeliveryCount))));

    /// <summary>XREADGROUP's entries for one stream: a deleted entry of a consumer's history is [id, nil].</summary>
    public static Reply Delivered(IEnumerable<GroupEntry> entries) =>
        Reply.Array(entries.Select(e => e.Fields is null ? Reply.Array(Id(e.Id), Reply.NullArray) : StreamReplies.Entry(e.Id, e.Fields)));

    /// <summary>XCLAIM: the IDs with JUSTID, else the entries (nil for an entry the stream no longer has).</summary>
    public static Reply Claimed(IEnumerable<GroupEntry> entries, bool justId) =>
        Reply.Array(entries.Select(e => justId ? Id(e.Id) : e.Fields is { } fields ? StreamReplies.Entry(e.Id, fields) : Reply.NullBulk));

    /// <summary>XAUTOCLAIM: [next cursor, claimed (IDs or entries), deleted IDs].</summary>
    public static Reply AutoClaimed(ConsumerGroupResult.AutoClaimed result, bool justId) =>
        Reply.Array(Id(result.Next), Claimed(result.Entries, justId), Reply.Array(result.Deleted.Select(Id)));

    /// <summary>
    /// One entry of XINFO GROUPS (Redis 7.0): name, consumers, pending, last-delivered-id, entries-read, lag.
    /// A group with a dead-letter policy (this server's own) adds max-deliveries, dead-letter-stream,
    /// dead-lettered and oldest-pending-idle (ms, for alerting on stuck workers); groups without one
    /// answer exactly as Redis, so strict clients and differential tests see no extra fields.
    /// </summary>
    public static Reply GroupInfo(ConsumerGroupInfo group)
    {
        var fields = new List<Reply>
        {
            Reply.Bulk("name"), Reply.Bulk(group.Name),
            Reply.Bulk("consumers"), Reply.Integer(group.Consumers),
            Reply.Bulk("pending"), Reply.Integer(group.Pending),
            Reply.Bulk("last-delivered-id"), Id(group.LastDeliveredId),
            Reply.Bulk("entries-read"), OptionalInteger(group.EntriesRead),
            Reply.Bulk("lag"), OptionalInteger(group.Lag),
        };
        if (group.DeadLetter is { } dlq)
        {
            fields.AddRange([
                Reply.Bulk("max-deliveries"), Reply.Integer(dlq.MaxDeliveries),
                Reply.Bulk("dead-letter-stream"), Reply.Bulk(dlq.Stream),
                Reply.Bulk("dead-lettered"), Reply.Integer(dlq.DeadLettered),
                Reply.Bulk("oldest-pending-idle"), Reply.Integer(dlq.OldestPendingIdleMs),
            ]);
        }
        return new MapReply(fields.ToArray());
    }

    /// <summary>
    /// One group of XINFO STREAM FULL (Redis 7.0): name, last-delivered-id, entries-read, lag, pel-count,
    /// pending ([id, consumer, delivery time, delivery count]), consumers (name, seen-time, pel-count,
    /// pending [id, delivery time, delivery count]).
    /// </summary>
    public static Reply FullInfo(ConsumerGroupFullInfo group)
    {
        var pending = group.Pending.Select(p => Reply.Array(Id(p.Id), Reply.Bulk(p.Consumer), Reply.Integer(p.DeliveryTimeMs), Reply.Integer(p.DeliveryCount)));
        var consumers = group.Consumers.Select(c => Reply.Map(
            Reply.Bulk("name"), Reply.Bulk(c.Name),
            Reply.Bulk("seen-time"), Reply.Integer(c.SeenTimeMs),
            Reply.Bulk("pel-count"), Reply.Integer(c.PelCount),
            Reply.Bulk("pending"), Reply.Array(c.Pending.Select(p => Reply.Array(Id(p.Id), Reply.Integer(p.DeliveryTimeMs), Reply.Integer(p.DeliveryCount))))));
        return Reply.Map(
            Reply.Bulk("name"), Reply.Bulk(group.Name),
            Reply.Bulk("last-delivered-id"), Id(group.LastDeliveredId),
            Reply.Bulk("entries-read"), OptionalInteger(group.EntriesRead),
            Reply.Bulk("lag"), OptionalInteger(group.Lag),
            Reply.Bulk("pel-count"), Reply.Integer(group.PelCount),
            Reply.Bulk("pending"), Reply.Array(pending),
            Reply.Bulk("consumers"), Reply.Array(consumers));
    }

    /// <summary>One entry of XINFO CONSUMERS (Redis 7.0.15 has no <c>inactive</c> field: that came with 7.2).</summary>
    public static Reply ConsumerInfo(ConsumerInfo consumer) => Reply.Map(
        Reply.Bulk("name"), Reply.Bulk(consumer.Name),
        Reply.Bulk("pending"), Reply.Integer(consumer.Pending),
        Reply.Bulk("idle"), Reply.Integer(consumer.IdleMs));

    public static Reply Id(StreamEntryId id) => StreamReplies.Id(id);

    private static Reply OptionalInteger(long? value) => value is { } v ? Reply.Integer(v) : Reply.NullBulk;
}
