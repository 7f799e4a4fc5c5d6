using System.Collections.Concurrent;
using OrleansStreams.Storage;

namespace OrleansStreams.ClusterTests;

/// <summary>The cluster's store, with journal appends of chosen objects failing (a full disk, a lost connection).</summary>
public sealed class FailingLogStore(ILogStore inner) : ILogStore
{
    public static ConcurrentDictionary<string, bool> FailAppends { get; } = new();

    public bool IsDurable => inner.IsDurable;

    public async Task<ILogSession> OpenAsync(string id) => new Session(id, await inner.OpenAsync(id));

    private sealed class Session(string id, ILogSession inner) : ILogSession
    {
        public StoredLog Stored => inner.Stored;

        public Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records) =>
            FailAppends.ContainsKey(id) ? Task.FromException(new IOException($"Injected append failure for {id}.")) : inner.AppendAsync(generation, records);

        public Task WriteSnapshotAsync(byte[] snapshot) => inner.WriteSnapshotAsync(snapshot);

        public Task WriteSegmentAsync(string name, byte[] data) => inner.WriteSegmentAsync(name, data);

        public Task<byte[]?> ReadSegmentAsync(string name) => inner.ReadSegmentAsync(name);

        public Task DeleteJournalBeforeAsync(long generation) => inner.DeleteJournalBeforeAsync(generation);

        public Task DeleteSegmentsAsync(IReadOnlyCollection<string> names) => inner.DeleteSegmentsAsync(names);

        public Task DeleteAllAsync() => inner.DeleteAllAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
