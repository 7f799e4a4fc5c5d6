using OrleansStreams.Storage;

namespace OrleansStreams.Grains.UnitTests.Storage;

/// <summary>The steps a <see cref="FaultyLogStore"/> can fail or hold.</summary>
public enum StoreStep
{
    Append,
    WriteSegment,
    WriteSnapshot,
    DeleteJournal,
    DeleteSegments,
}

/// <summary>Wraps a store: fails a chosen step (as a crash or a full disk would), or holds it until released.</summary>
public sealed class FaultyLogStore(ILogStore inner) : ILogStore
{
    private readonly Dictionary<StoreStep, TaskCompletionSource> _holds = [];

    public StoreStep? FailAt { get; set; }

    public List<StoreStep> Steps { get; } = [];

    public bool IsDurable => true;

    /// <summary>The next time <paramref name="step"/> runs it waits until the returned source completes.</summary>
    public TaskCompletionSource Hold(StoreStep step)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_holds)
        {
            _holds[step] = gate;
        }
        return gate;
    }

    public async Task<ILogSession> OpenAsync(string id) => new Session(this, await inner.OpenAsync(id));

    private async Task Run(StoreStep step, Func<Task> write)
    {
        TaskCompletionSource? gate;
        lock (_holds)
        {
            Steps.Add(step);
            _holds.Remove(step, out gate);
        }
        if (gate is not null)
        {
            await gate.Task;
        }
        if (FailAt == step)
        {
            throw new IOException($"Injected failure at {step}.");
        }
        await write();
    }

    private sealed class Session(FaultyLogStore store, ILogSession inner) : ILogSession
    {
        public StoredLog Stored => inner.Stored;

        public Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records) => store.Run(StoreStep.Append, () => inner.AppendAsync(generation, records));

        public Task WriteSnapshotAsync(byte[] snapshot) => store.Run(StoreStep.WriteSnapshot, () => inner.WriteSnapshotAsync(snapshot));

        public Task WriteSegmentAsync(string name, byte[] data) => store.Run(StoreStep.WriteSegment, () => inner.WriteSegmentAsync(name, data));

        public Task<byte[]?> ReadSegmentAsync(string name) => inner.ReadSegmentAsync(name);

        public Task DeleteJournalBeforeAsync(long generation) => store.Run(StoreStep.DeleteJournal, () => inner.DeleteJournalBeforeAsync(generation));

        public Task DeleteSegmentsAsync(IReadOnlyCollection<string> names) => store.Run(StoreStep.DeleteSegments, () => inner.DeleteSegmentsAsync(names));

        public Task DeleteAllAsync() => inner.DeleteAllAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
