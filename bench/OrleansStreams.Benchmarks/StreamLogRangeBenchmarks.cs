using BenchmarkDotNet.Attributes;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// Reads of 10 entries as the stream grain serves them: XRANGE/XREVRANGE through <see cref="StreamOperations.Execute"/>,
/// XREAD (and a group's pull) through <see cref="StreamLog.Range"/> after an ID, on logs of 1,000 and 1 M entries.
/// </summary>
[MemoryDiagnoser]
public class StreamLogRangeBenchmarks
{
    private static readonly StreamOperation.Range FirstTen = new(StreamEntryId.Min, StreamEntryId.Max, 10, false);
    private static readonly StreamOperation.Range LastTen = new(StreamEntryId.Min, StreamEntryId.Max, 10, true);

    private StreamLog _log = null!;
    private StreamEntryId _middle;

    [Params(1_000, 1_000_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Fill()
    {
        _log = Entries.Log(Length);
        _middle = new StreamEntryId(Entries.Now, (ulong)Length / 2);
    }

    /// <summary>XRANGE key - + COUNT 10.</summary>
    [Benchmark]
    public StreamResult XRange_first_10() => StreamOperations.Execute(_log, FirstTen, Entries.Now);

    /// <summary>XREVRANGE key + - COUNT 10.</summary>
    [Benchmark]
    public StreamResult XRevRange_last_10() => StreamOperations.Execute(_log, LastTen, Entries.Now);

    /// <summary>XREAD COUNT 10 STREAMS key id, with the ID in the middle of the log (the grain's Read).</summary>
    [Benchmark]
    public StreamEntry[] XRead_10_after_middle() => [.. _log.Range(_middle, StreamEntryId.Max, 10, false)];
}
