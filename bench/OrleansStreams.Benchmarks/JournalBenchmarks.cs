using BenchmarkDotNet.Attributes;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// Durable storage's hot path: one group commit's record of a stream grain (<see cref="Batch"/> appends:
/// one connection's -P 16, or the gateway's largest merged call) or of a group grain (one XREADGROUP COUNT
/// <see cref="Batch"/>), encoded with <see cref="StreamLog.EncodeMutations"/> and framed with
/// <see cref="JournalFrame.Write"/> as the file store writes it; and the same record checked and decoded, as a
/// grain replays its journal on activation.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private List<StreamMutation> _appends = [];
    private List<ConsumerGroupMutation> _deliveries = [];
    private byte[] _frame = [];
    private byte[] _buffer = [];

    [Params(16, 1024)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Records()
    {
        var log = new StreamLog { RecordMutations = true };
        foreach (var entry in Entries.Small(Batch))
        {
            log.Append(entry);
        }
        _appends = log.DrainMutations();
        var group = ConsumerGroup.Create("g", StreamEntryId.Min);
        group.DrainMutations();
        var entries = Entries.Small(Batch);
        group.ReadNew("c", entries, Batch, noAck: false, new StreamStats((ulong)Batch, Batch, entries[0].Id, entries[^1].Id, StreamEntryId.Min), 1);
        _deliveries = group.DrainMutations();
        _frame = JournalFrame.Encode(1, StreamLog.EncodeMutations(_appends, 1));
        _buffer = new byte[_frame.Length * 4];
    }

    [Benchmark]
    public int Encode_stream_record() => JournalFrame.Write(_buffer, 1, StreamLog.EncodeMutations(_appends, 1));

    [Benchmark]
    public List<StreamMutation> Decode_stream_record()
    {
        if (JournalFrame.TryRead(_frame, out _, out var length) != FrameStatus.Valid)
        {
            throw new InvalidDataException("The benchmark's frame is invalid.");
        }
        return StreamLog.DecodeMutations(_frame.AsSpan(JournalFrame.HeaderSize, length), out _);
    }

    [Benchmark]
    public int Encode_group_record() => JournalFrame.Write(_buffer, 1, ConsumerGroup.EncodeMutations(_deliveries, 1));
}
