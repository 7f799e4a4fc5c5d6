using System.Collections.Concurrent;

namespace OrleansStreams.Storage;

/// <summary>
/// A log store in process memory: survives grain deactivation, not the process. Keeps the same
/// shape and fence as the durable stores; <paramref name="durable"/> makes grains journal into it
/// as if it were one (for tests).
/// </summary>
public sealed class MemoryLogStore(bool durable = false) : ILogStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public bool IsDurable => durable;

    public Task<ILogSession> OpenAsync(string id)
    {
        var e = _entries.GetOrAdd(id, _ => new Entry());
        lock (e)
        {
            var epoch = ++e.Epoch;
            var stored = new StoredLog(e.Snapshot, e.Journal.Select(g => new JournalGeneration(g.Key, g.Value.ToList())).ToList()) { Segments = e.Segments.Keys.ToList() };
            return Task.FromResult<ILogSession>(new Session(e, epoch, stored));
        }
    }

    private sealed class Entry
    {
        public long Epoch { get; set; }

        public byte[]? Snapshot { get; set; }

        public SortedDictionary<long, List<JournalRecord>> Journal { get; } = [];

        public Dictionary<string, byte[]> Segments { get; } = [];
    }

    private sealed class Session(Entry e, long epoch, StoredLog stored) : ILogSession
    {
        public StoredLog Stored => stored;

        public Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records) => Write(() =>
        {
            if (!e.Journal.TryGetValue(generation, out var list))
            {
                e.Journal[generation] = list = [];
            }
            list.AddRange(records);
        });

        public Task WriteSnapshotAsync(byte[] snapshot) => Write(() => e.Snapshot = snapshot);

        public Task WriteSegmentAsync(string name, byte[] data) => Write(() => e.Segments[name] = data);

        public Task<byte[]?> ReadSegmentAsync(string name)
        {
            lock (e)
            {
                return Task.FromResult(e.Segments.GetValueOrDefault(name));
            }
        }

        public Task DeleteJournalBeforeAsync(long generation) => Write(() =>
        {
            foreach (var g in e.Journal.Keys.Where(g => g < generation).ToList())
            {
                e.Journal.Remove(g);
            }
        });

        public Task DeleteSegmentsAsync(IReadOnlyCollection<string> names) => Write(() =>
        {
            foreach (var n in names)
            {
                e.Segments.Remove(n);
            }
        });

        public Task DeleteAllAsync() => Write(() =>
        {
            e.Snapshot = null;
            e.Journal.Clear();
            e.Segments.Clear();
        });

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task Write(Action write)
        {
            lock (e)
            {
                if (e.Epoch != epoch)
                {
                    return Task.FromException(new StorageFencedException("Another owner opened this object: this activation stops writing."));
                }
                write();
                return Task.CompletedTask;
            }
        }
    }
}
