using System.Text;

using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.ConsumerGroups;

/// <summary>A real <see cref="StreamLog"/> feeding a <see cref="ConsumerGroup"/> the way the grain will: entries and counters as arguments.</summary>
internal sealed class GroupTestStream
{
    public StreamLog Log { get; } = new();

    public static StreamEntryId Id(ulong ms) => new(ms, 0);

    public static GroupTestStream WithEntries(int count)
    {
        var s = new GroupTestStream();
        for (var i = 1; i <= count; i++)
        {
            s.Add(i);
        }
        return s;
    }

    public void Add(int ms) => Log.Append(new StreamEntry(Id((ulong)ms), [Encoding.UTF8.GetBytes("f"), Encoding.UTF8.GetBytes("v" + ms)]));

    public void Delete(params int[] ms) => Log.Delete(ms.Select(m => Id((ulong)m)).ToArray());

    public void TrimTo(long maxLen) => Log.Trim(new StreamTrim(TrimStrategy.MaxLen, maxLen, default, false, 0));

    public StreamStats Stats => StreamStats.Of(Log);

    public List<StreamEntry> After(StreamEntryId id) => id.Next() is { } next ? Log.Range(next, StreamEntryId.Max, -1, false) : [];

    public StreamEntry? Lookup(StreamEntryId id) => Log.Range(id, id, 1, false).FirstOrDefault();

    public bool Exists(StreamEntryId id) => Lookup(id) is not null;

    public List<StreamEntry> ReadNew(ConsumerGroup group, string consumer, long count, long nowMs = 1000, bool noAck = false) =>
        group.ReadNew(consumer, After(group.LastDeliveredId), count, noAck, Stats, nowMs);
}
