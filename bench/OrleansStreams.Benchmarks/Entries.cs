using System.Text;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>The data the benchmarks share: redis-benchmark's small entry (<c>f v</c>) and logs filled with it.</summary>
public static class Entries
{
    /// <summary>The wall clock the logs are given: IDs are <c>Now-0</c>, <c>Now-1</c>, … as under a burst of XADD *.</summary>
    public const ulong Now = 1_800_000_000_000;

    /// <summary>One entry's field and value, <c>f v</c>.</summary>
    public static byte[][] SmallFields() => [Encoding.ASCII.GetBytes("f"), Encoding.ASCII.GetBytes("v")];

    /// <summary>XADD key * f v, as the gateway's parser builds it for the grain.</summary>
    public static StreamOperation.Append SmallAppend() => StreamOperation.Append.Auto(SmallFields());

    /// <summary>A memory-storage log (no mutations recorded, as the grain makes it) holding <paramref name="count"/> small entries.</summary>
    public static StreamLog Log(int count, StreamLogOptions? options = null, bool recordMutations = false)
    {
        var log = new StreamLog(options) { RecordMutations = recordMutations };
        for (var i = 0; i < count; i++)
        {
            StreamOperations.Execute(log, StreamOperation.Append.Auto(SmallFields()), Now);
        }
        log.DrainMutations();
        return log;
    }

    /// <summary><paramref name="count"/> small entries with consecutive IDs from <c>Now-0</c>.</summary>
    public static StreamEntry[] Small(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new StreamEntry(new StreamEntryId(Now, (ulong)i), SmallFields()))];
}
