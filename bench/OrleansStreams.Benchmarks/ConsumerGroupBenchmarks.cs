using BenchmarkDotNet.Attributes;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// XREADGROUP GROUP g c COUNT 10 STREAMS key &gt; and XACK key g id as the group grain runs them on Core's
/// <see cref="ConsumerGroup"/> (memory storage: no mutations recorded): each read delivers the next 10
/// entries into the PEL, each ack removes one pending entry.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Reads)]
public class ConsumerGroupBenchmarks
{
    private const int Reads = 20_000;
    private const int Count = 10;

    private List<StreamEntry>[] _batches = [];
    private StreamEntryId[][] _acks = [];
    private StreamStats _stats;
    private ConsumerGroup _group = null!;
    private int _next;

    [GlobalSetup]
    public void Entries10PerRead()
    {
        var entries = Entries.Small(Reads * Count);
        _batches = [.. entries.Chunk(Count).Select(c => c.ToList())];
        _acks = [.. entries.Take(Reads).Select(e => new[] { e.Id })];
        _stats = new StreamStats((ulong)entries.Length, entries.Length, entries[0].Id, entries[^1].Id, StreamEntryId.Min);
    }

    [IterationSetup(Target = nameof(ReadNew_COUNT_10))]
    public void EmptyGroup()
    {
        _group = NewGroup();
        _next = 0;
    }

    [IterationSetup(Target = nameof(Ack_one))]
    public void GroupWithPendingEntries()
    {
        _group = NewGroup();
        foreach (var batch in _batches)
        {
            _group.ReadNew("c", batch, Count, noAck: false, _stats, 1);
        }
        _next = 0;
    }

    [Benchmark]
    public List<StreamEntry> ReadNew_COUNT_10() => _group.ReadNew("c", _batches[_next++], Count, noAck: false, _stats, 1);

    [Benchmark]
    public long Ack_one() => _group.Ack(_acks[_next++]);

    private static ConsumerGroup NewGroup()
    {
        var group = ConsumerGroup.Create("g", StreamEntryId.Min);
        group.RecordMutations = false;
        group.DrainMutations();
        return group;
    }
}
