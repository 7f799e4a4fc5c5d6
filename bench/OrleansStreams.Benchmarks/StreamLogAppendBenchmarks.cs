using BenchmarkDotNet.Attributes;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// XADD key * f v as the stream grain runs it (<see cref="StreamOperations.Execute"/>: ID, append, trim),
/// on a memory-storage log. Each iteration starts from a fresh log, except the one that starts from 1 M entries.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Appends)]
public class StreamLogAppendBenchmarks
{
    private const int Appends = 200_000;

    private readonly StreamOperation.Append _append = Entries.SmallAppend();
    private StreamLog _log = null!;
    private StreamLog _million = null!;

    /// <summary>Redis' shape with <c>stream-node-max-entries 1</c>: every append opens a node (segments still seal every 4,000).</summary>
    private static readonly StreamLogOptions NodePerEntry = new() { NodeMaxEntries = 1, NodesPerSegment = 4000 };

    [IterationSetup(Target = nameof(Append))]
    public void FreshLog() => _log = new StreamLog { RecordMutations = false };

    [IterationSetup(Target = nameof(Append_node_per_entry))]
    public void FreshNodePerEntryLog() => _log = new StreamLog(NodePerEntry) { RecordMutations = false };

    [GlobalSetup(Target = nameof(Append_to_1M_log))]
    public void MillionEntryLog() => _million = Entries.Log(1_000_000);

    /// <summary>Default shape: a new node every 100 appends and a new segment every 4,000, amortised.</summary>
    [Benchmark(Baseline = true)]
    public StreamResult Append() => StreamOperations.Execute(_log, _append, Entries.Now);

    [Benchmark]
    public StreamResult Append_node_per_entry() => StreamOperations.Execute(_log, _append, Entries.Now);

    /// <summary>Appends to a log that already holds 1 M entries (and more with each iteration).</summary>
    [Benchmark]
    public StreamResult Append_to_1M_log() => StreamOperations.Execute(_million, _append, Entries.Now);
}
