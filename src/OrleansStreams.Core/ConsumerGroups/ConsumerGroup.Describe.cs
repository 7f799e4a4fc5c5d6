using System.Text;
using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>The group's state as the typed records of the grain contract (names are carried as Latin-1 strings here and as bytes there).</summary>
public sealed partial class ConsumerGroup
{
    /// <summary>A group or consumer name as bytes (names are byte strings carried as Latin-1 strings).</summary>
    public static byte[] NameBytes(string name) => Encoding.Latin1.GetBytes(name);

    /// <summary>A name given as bytes, as this type carries it.</summary>
    public static string NameText(byte[] name) => Encoding.Latin1.GetString(name);

    /// <summary>The group as XINFO GROUPS reports it.</summary>
    public ConsumerGroupInfo Describe(StreamStats stream, long nowMs) => new(
        NameBytes(Name), Consumers.Count, PendingCount, LastDeliveredId, KnownEntriesRead, Lag(stream),
        DeadLetterStream is { } dlq ? new DeadLetterInfo(MaxDeliveries, NameBytes(dlq), DeadLetteredCount, OldestPendingIdleMs(nowMs)) : null);

    /// <summary>The group as XINFO STREAM FULL reports it, with at most <paramref name="count"/> pending records per list (0: all).</summary>
    public ConsumerGroupFullInfo DescribeFull(StreamStats stream, long count)
    {
        var limit = count <= 0 ? int.MaxValue : (int)Math.Min(count, int.MaxValue);
        return new ConsumerGroupFullInfo(
            NameBytes(Name), LastDeliveredId, KnownEntriesRead, Lag(stream), PendingCount,
            [.. Pending.Take(limit).Select(ToRecord)],
            [.. Consumers.Select(c => new ConsumerFullInfo(NameBytes(c.Name), c.SeenTimeMs, c.PendingCount, [.. c.PendingIds.Take(limit).Select(id => ToRecord(FindPending(id)!))]))]);
    }

    /// <summary>The consumers as XINFO CONSUMERS reports them.</summary>
    public ConsumerInfo[] DescribeConsumers(long nowMs) => [.. Consumers.Select(c => new ConsumerInfo(NameBytes(c.Name), c.PendingCount, nowMs - c.SeenTimeMs))];

    /// <summary>Health for alerting.</summary>
    public GroupHealth Health(long nowMs) => new(PendingCount, OldestPendingIdleMs(nowMs), Consumers.Count, DeadLetteredCount);

    /// <summary>The XPENDING summary as the contract's result.</summary>
    public ConsumerGroupResult.Summary SummaryResult()
    {
        var s = Summary();
        return new ConsumerGroupResult.Summary(s.Count, s.MinId, s.MaxId, [.. s.Consumers.Select(c => new ConsumerPendingCount(NameBytes(c.Consumer), c.Count))]);
    }

    /// <summary>XPENDING's extended form as the contract's result.</summary>
    public ConsumerGroupResult.Pending PendingRangeResult(ConsumerGroupOperation.PendingRange range, long nowMs) =>
        new([.. PendingRange(range.Start, range.End, range.Count, range.Consumer is null ? null : NameText(range.Consumer), range.MinIdleMs, nowMs)
            .Select(p => new PendingEntryInfo(p.Id, NameBytes(p.Consumer), Idle(p, nowMs), p.DeliveryCount))]);

    private long? KnownEntriesRead => EntriesRead == UnknownEntriesRead ? null : EntriesRead;

    private static PendingRecord ToRecord(PendingEntry p) => new(p.Id, NameBytes(p.Consumer), p.DeliveryTimeMs, p.DeliveryCount);
}
