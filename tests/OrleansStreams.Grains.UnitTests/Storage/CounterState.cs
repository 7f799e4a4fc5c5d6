using System.Buffers.Binary;
using OrleansStreams.Storage;

namespace OrleansStreams.Grains.UnitTests.Storage;

/// <summary>
/// A small journaled owner, shaped like the grains: a list of numbers, one record per number,
/// sealed runs of <see cref="SegmentSize"/> numbers (or as many as the constructor says) stored as write-once segments, the open tail in
/// the snapshot. Runs on an exclusive scheduler, as a grain activation does.
/// </summary>
public sealed class CounterState
{
    public const int SegmentSize = 10;

    private readonly TaskScheduler _scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    private readonly List<int> _items = [];
    private readonly int _segmentSize;
    private int _storedSegments;

    public CounterState(ILogStore store, string id = "counter", int recordsPerCheckpoint = 1000, int segmentSize = SegmentSize)
    {
        _segmentSize = segmentSize;
        Journal = new JournaledState(store, id, new JournaledStateOptions
        {
            RecordsPerCheckpoint = recordsPerCheckpoint,
            Capture = Capture,
            OnFailure = ex => Failures.Add(ex),
        });
        Store = store;
    }

    public JournaledState Journal { get; }

    public ILogStore Store { get; }

    public List<Exception> Failures { get; } = [];

    /// <summary>A broken owner: its checkpoints name the sealed segments but write none of them.</summary>
    public bool ForgetSegmentWrites { get; set; }

    public IReadOnlyList<int> Items => _items;

    public static async Task<CounterState> OpenAsync(ILogStore store, string id = "counter", int recordsPerCheckpoint = 1000, int segmentSize = SegmentSize)
    {
        var state = new CounterState(store, id, recordsPerCheckpoint, segmentSize);
        await state.Run(state.LoadAsync);
        return state;
    }

    /// <summary>Runs <paramref name="body"/> on this owner's scheduler (one turn at a time, as a grain).</summary>
    public Task Run(Func<Task> body) => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();

    /// <summary>Appends numbers, one record each, and waits until they are durable.</summary>
    public Task AddAsync(params int[] values) => Run(() =>
    {
        foreach (var v in values)
        {
            _items.Add(v);
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(payload, v);
            Journal.Append(payload);
        }
        return Journal.Flushed;
    });

    public Task CheckpointAsync() => Run(() => Journal.CheckpointAsync());

    private async Task LoadAsync()
    {
        await Journal.OpenAsync(
            async snapshot =>
            {
                _storedSegments = BinaryPrimitives.ReadInt32LittleEndian(snapshot.Span);
                for (var s = 0; s < _storedSegments; s++)
                {
                    var data = await Journal.ReadSegmentAsync($"{s}.0") ?? throw new InvalidDataException($"segment {s} missing");
                    _items.AddRange(Decode(data));
                }
                _items.AddRange(Decode(snapshot[4..].ToArray()));
            },
            record =>
            {
                _items.Add(BinaryPrimitives.ReadInt32LittleEndian(record.Payload.Span));
                return ValueTask.CompletedTask;
            });
    }

    private CheckpointData Capture()
    {
        var sealedSegments = _items.Count / _segmentSize;
        var writes = new List<SegmentWrite>();
        for (var s = ForgetSegmentWrites ? sealedSegments : _storedSegments; s < sealedSegments; s++)
        {
            writes.Add(new SegmentWrite($"{s}.0", Encode(_items.Skip(s * _segmentSize).Take(_segmentSize))));
        }
        var tail = Encode(_items.Skip(sealedSegments * _segmentSize));
        var snapshot = new byte[4 + tail.Length];
        BinaryPrimitives.WriteInt32LittleEndian(snapshot, sealedSegments);
        tail.CopyTo(snapshot, 4);
        return new CheckpointData(snapshot)
        {
            Segments = writes,
            Named = Enumerable.Range(0, sealedSegments).Select(s => $"{s}.0").ToHashSet(),
            OnDurable = () => _storedSegments = sealedSegments,
        };
    }

    private static byte[] Encode(IEnumerable<int> values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static IEnumerable<int> Decode(byte[] data)
    {
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            yield return BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(i));
        }
    }
}
