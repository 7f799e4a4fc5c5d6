using System.Collections.Concurrent;

namespace OrleansStreams.Storage;

/// <summary>A log store in process memory: survives grain deactivation, not the process.</summary>
public sealed class MemoryLogStore : ILogStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public bool IsDurable => false;

    public Task<StoredLog> LoadAsync(string id)
    {
        if (!_entries.TryGetValue(id, out var e))
        {
            return Task.FromResult(new StoredLog(null, []));
        }
        lock (e)
        {
            return Task.FromResult(new StoredLog(e.Snapshot, e.Journal.ToList()));
        }
    }

    public Task AppendAsync(string id, IReadOnlyList<byte[]> records)
    {
        var e = _entries.GetOrAdd(id, _ => new Entry());
        lock (e)
        {
            e.Journal.AddRange(records);
        }
        return Task.CompletedTask;
    }

    public Task WriteSnapshotAsync(string id, byte[] snapshot)
    {
        var e = _entries.GetOrAdd(id, _ => new Entry());
        lock (e)
        {
            e.Snapshot = snapshot;
            e.Journal.Clear();
        }
        return Task.CompletedTask;
    }

    public Task WriteSegmentAsync(string id, long number, byte[] data)
    {
        _entries.GetOrAdd(id, _ => new Entry()).Segments[number] = data;
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadSegmentAsync(string id, long number) =>
        Task.FromResult(_entries.TryGetValue(id, out var e) && e.Segments.TryGetValue(number, out var d) ? d : null);

    public Task DeleteSegmentsAsync(string id, IReadOnlyCollection<long> numbers)
    {
        if (_entries.TryGetValue(id, out var e))
        {
            foreach (var n in numbers)
            {
                e.Segments.TryRemove(n, out _);
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string id)
    {
        _entries.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    private sealed class Entry
    {
        public byte[]? Snapshot { get; set; }

        public List<byte[]> Journal { get; } = [];

        public ConcurrentDictionary<long, byte[]> Segments { get; } = new();
    }
}
