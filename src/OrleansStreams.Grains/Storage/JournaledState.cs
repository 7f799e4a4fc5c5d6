namespace OrleansStreams.Storage;

/// <summary>
/// The one journaled-state piece (docs/decisions/0008-journaled-state.md) a grain owns for its
/// durable state: replay on open, sequence numbers, group commit, checkpoints off the commit path,
/// journal rotation, and fail-stop. Runs on its owner's scheduler (a grain activation), so it needs
/// no locks; the store does the I/O.
/// </summary>
public sealed class JournaledState(ILogStore store, string id, JournaledStateOptions options)
{
    private ILogSession? _session;
    private List<JournalRecord> _open = [];
    private TaskCompletionSource _openDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _latest = Task.CompletedTask;
    private bool _writing;
    private long _sequence;
    private long _generation;
    private int _sinceCheckpoint;
    private long _bytesSinceCheckpoint;
    private long _snapshotBytes;
    private HashSet<string> _storedSegments = [];
    private Task _checkpoint = Task.CompletedTask;
    private bool _checkpointRunning;
    private Exception? _failure;

    public string Id => id;

    /// <summary>Whether the store is durable; with memory storage nothing is journaled and only <see cref="CheckpointAsync"/> writes.</summary>
    public bool IsDurable => store.IsDurable;

    /// <summary>The sequence number of the last record appended (or replayed).</summary>
    public long Sequence => _sequence;

    /// <summary>The journal generation appends go to; a checkpoint moves to the next one.</summary>
    public long Generation => _generation;

    /// <summary>Completes when every record appended so far is durable; faults (at once) after a failure.</summary>
    public Task Flushed => _failure is null ? _latest : Task.FromException(Failed());

    /// <summary>
    /// The segment names the store holds, as far as this owner knows: those it listed when opened (the
    /// snapshot's and any a crashed checkpoint left), then those the last durable snapshot names. A
    /// segment's name says its version, so a name here is that content; one not here must be written
    /// before a snapshot may name it.
    /// </summary>
    public IReadOnlySet<string> StoredSegments => _storedSegments;

    private ILogSession Session => _session ?? throw new InvalidOperationException($"{id} is not open.");

    /// <summary>
    /// Opens the store (fencing off an older owner, cutting torn journal tails), then hands the
    /// snapshot payload and every journal record after it, in order, to the owner.
    /// </summary>
    public async Task OpenAsync(Func<ReadOnlyMemory<byte>, ValueTask> applySnapshot, Func<JournalRecord, ValueTask> applyRecord)
    {
        _session = await store.OpenAsync(id);
        var stored = _session.Stored;
        _storedSegments = [.. stored.Segments];
        long firstGeneration = 0;
        if (stored.Snapshot is { } snapshot)
        {
            var payload = SnapshotFrame.Decode(snapshot, out _sequence, out firstGeneration);
            _snapshotBytes = payload.Length;
            await applySnapshot(payload);
        }
        _generation = firstGeneration;
        foreach (var generation in stored.Journal)
        {
            _generation = Math.Max(_generation, generation.Number);
            if (generation.Number < firstGeneration)
            {
                continue; // left by a crash between a snapshot and the journal's cleanup: the snapshot covers it
            }
            foreach (var record in generation.Records)
            {
                // Records at or below the snapshot's sequence are in it (queued before it, written after).
                if (record.Sequence <= _sequence)
                {
                    continue;
                }
                await applyRecord(record);
                _sequence = record.Sequence;
                _sinceCheckpoint++;
                _bytesSinceCheckpoint += record.Payload.Length;
            }
        }
    }

    /// <summary>Queues one record for the next group commit; returns its sequence number. Await <see cref="Flushed"/> before replying.</summary>
    public long Append(ReadOnlyMemory<byte> payload)
    {
        if (_failure is not null)
        {
            throw Failed();
        }
        var sequence = ++_sequence;
        _open.Add(new JournalRecord(sequence, payload));
        _bytesSinceCheckpoint += payload.Length;
        _latest = _openDone.Task;
        if (!_writing)
        {
            _writing = true;
            _ = WriteLoop();
        }
        return sequence;
    }

    public Task<byte[]?> ReadSegmentAsync(string name) => _failure is null ? Session.ReadSegmentAsync(name) : Task.FromException<byte[]?>(Failed());

    /// <summary>Runs a checkpoint now (after any running one); faults if it fails.</summary>
    public Task CheckpointAsync()
    {
        if (_failure is not null)
        {
            return Task.FromException(Failed());
        }
        _checkpoint = ChainCheckpoint(_checkpoint);
        return _checkpoint;
    }

    /// <summary>Deletes everything stored (the object is gone) once pending writes are done.</summary>
    public async Task DeleteAsync()
    {
        await Quiesce();
        if (_failure is not null)
        {
            throw Failed();
        }
        await Guard(Session.DeleteAllAsync());
        _storedSegments = [];
        _sinceCheckpoint = 0;
        _bytesSinceCheckpoint = 0;
        _snapshotBytes = 0;
    }

    /// <summary>Waits for pending writes and checkpoints, then releases the store's handles (grain deactivation).</summary>
    public async Task CloseAsync()
    {
        await Quiesce();
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    private async Task WriteLoop()
    {
        try
        {
            while (_open.Count > 0 && _failure is null)
            {
                var batch = _open;
                var done = _openDone;
                _open = [];
                _openDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
                try
                {
                    await Session.AppendAsync(_generation, batch);
                }
                catch (Exception ex)
                {
                    Fail(ex);
                    done.TrySetException(Failed());
                    return;
                }
                _sinceCheckpoint += batch.Count;
                done.TrySetResult();
                StartCheckpointIfDue();
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task ChainCheckpoint(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // That checkpoint's failure already failed this state; the check below reports it.
        }
        if (_failure is not null)
        {
            throw Failed();
        }
        _checkpointRunning = true;
        try
        {
            await RunCheckpoint();
        }
        finally
        {
            _checkpointRunning = false;
        }
        // Records that arrived while it was written may already call for the next one.
        StartCheckpointIfDue();
    }

    /// <summary>Off the commit path: appends go on while the checkpoint is written; its failure fails this state.</summary>
    private void StartCheckpointIfDue()
    {
        if (_failure is null && store.IsDurable && !_checkpointRunning && ((_sinceCheckpoint >= options.RecordsPerCheckpoint && _bytesSinceCheckpoint >= _snapshotBytes) || options.CheckpointDue?.Invoke() == true))
        {
            _ = CheckpointAsync().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    /// <summary>
    /// Capture (one turn) → rotate the journal → wait until the covered records are durable → write the
    /// new segments → replace the snapshot → drop covered journal generations and the stored segments
    /// it does not name. A crash between any two steps replays to the same state: until the snapshot
    /// lands the old one and every generation from its first are still there; after it, records it
    /// covers are skipped. A snapshot naming a segment that is neither stored nor written with it would
    /// lose that segment, so the checkpoint fails instead (fail-stop) before anything is written.
    /// </summary>
    private async Task RunCheckpoint()
    {
        var data = options.Capture();
        var written = data.Segments.Select(s => s.Name).ToHashSet();
        if (data.Named.FirstOrDefault(n => !written.Contains(n) && !_storedSegments.Contains(n)) is { } unstored)
        {
            Fail(new InvalidDataException($"A checkpoint of {id} names segment {unstored}, which is neither stored nor written with it."));
            throw Failed();
        }
        var obsolete = _storedSegments.Where(n => !data.Named.Contains(n)).ToList();
        var covered = _sequence;
        var coveredDurable = _latest;
        if (store.IsDurable)
        {
            // Everything appended from now on has a higher sequence and goes to the next generation.
            _generation++;
        }
        var firstGeneration = _generation;
        _sinceCheckpoint = 0;
        _bytesSinceCheckpoint = 0;
        _snapshotBytes = data.Snapshot.Length;
        await Guard(coveredDurable);
        foreach (var segment in data.Segments)
        {
            await Guard(Session.WriteSegmentAsync(segment.Name, segment.Data));
        }
        await Guard(Session.WriteSnapshotAsync(SnapshotFrame.Encode(covered, firstGeneration, data.Snapshot)));
        data.OnDurable?.Invoke();
        await Guard(Session.DeleteJournalBeforeAsync(firstGeneration));
        await Guard(Session.DeleteSegmentsAsync(obsolete));
        _storedSegments = [.. data.Named];
    }

    private async Task Quiesce()
    {
        // A finished write or checkpoint may start the next checkpoint, so wait until both stay done.
        while (!_latest.IsCompleted || !_checkpoint.IsCompleted)
        {
            try
            {
                await _latest;
                await _checkpoint;
            }
            catch (Exception)
            {
                // Reported to the callers that waited for it, or failed this state.
            }
        }
    }

    private async Task Guard(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw Failed();
        }
    }

    /// <summary>Fail-stop: the first failure fails everything queued and every later call, and tells the owner to stop.</summary>
    private void Fail(Exception ex)
    {
        if (_failure is not null)
        {
            return;
        }
        _failure = ex;
        _openDone.TrySetException(Failed());
        _open.Clear();
        options.OnFailure?.Invoke(ex);
    }

    private StorageFailedException Failed() =>
        new($"Storage of {id} failed ({_failure!.GetType().Name}: {_failure.Message}); the object is reloading from storage, retry.", _failure);
}
