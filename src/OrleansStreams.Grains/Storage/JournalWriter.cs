namespace OrleansStreams.Storage;

/// <summary>
/// Group commit for one grain: records queue up while a write is in flight and go out together in
/// the next write. Callers await <see cref="Flushed"/>, which completes when everything queued so
/// far is durable. Runs on the grain's scheduler, so it needs no locks.
/// </summary>
public sealed class JournalWriter(ILogStore store, string id, Func<Task> afterWrite)
{
    private List<byte[]> _open = [];
    private TaskCompletionSource _openDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _latest = Task.CompletedTask;
    private Task? _loop;

    /// <summary>Records written since the last snapshot (the caller resets it after a snapshot).</summary>
    public int JournalRecords { get; set; }

    /// <summary>Completes when every record enqueued so far is durable.</summary>
    public Task Flushed => _latest;

    public void Enqueue(byte[] record)
    {
        _open.Add(record);
        _latest = _openDone.Task;
        _loop ??= Loop();
    }

    private async Task Loop()
    {
        try
        {
            while (_open.Count > 0)
            {
                var batch = _open;
                var done = _openDone;
                _open = [];
                _openDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
                try
                {
                    await store.AppendAsync(id, batch);
                    JournalRecords += batch.Count;
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                    throw;
                }
                await afterWrite();
            }
        }
        finally
        {
            _loop = null;
        }
    }
}
