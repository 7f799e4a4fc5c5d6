using BenchmarkDotNet.Attributes;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// A checkpoint's and a cold read's cost per sealed segment (4,000 small entries): <see cref="StreamLog.EncodeSegment"/>
/// as the stream grain stores it, <see cref="StreamLog.LoadSegment"/> as it brings an evicted one back.
/// </summary>
[MemoryDiagnoser]
public class SegmentBenchmarks
{
    private StreamLog _log = null!;
    private byte[] _segment = [];

    [GlobalSetup]
    public void SealedSegment()
    {
        // One entry past a full segment seals segment 0.
        var options = new StreamLogOptions();
        _log = Entries.Log((options.NodeMaxEntries * options.NodesPerSegment) + 1, options);
        _segment = _log.EncodeSegment(0, out _);
    }

    [Benchmark]
    public byte[] Encode_segment() => _log.EncodeSegment(0, out _);

    [Benchmark]
    public void Load_segment() => _log.LoadSegment(0, _segment);
}
