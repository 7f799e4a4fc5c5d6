using OrleansStreams.Cluster;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains;
using OrleansStreams.Storage;

namespace OrleansStreams.Streams;

/// <summary>
/// One stream partition: owns a <see cref="StreamLog"/>, journals its changes with group commit and
/// wakes blocked readers. Reentrant so that appends keep flowing while a write is in flight; every
/// command runs synchronously once the segments it needs are in memory, so interleaving never
/// splits a command.
/// </summary>
[Reentrant]
[SlotPlacement]
public sealed partial class StreamPartitionGrain(ILogStore store, StreamLogOptions logOptions, TimeProvider time, ILogger<StreamPartitionGrain> logger)
    : Grain, IStreamPartitionGrain
{
    private const int JournalRecordsPerSnapshot = 2000;

    private readonly HashSet<IStreamWatcher> _watchers = [];
    private StreamLog? _log;
    private JournaledState _journal = null!;
    private int _db;
    private byte[] _name = [];

    private string Id => this.GetPrimaryKeyString();

    private IDatabaseGrain Database => GrainFactory.GetGrain<IDatabaseGrain>(_db);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_db, _, _name) = GrainKeys.ParseStream(Id);
        _journal = NewJournal();
        await LoadAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The watchers are lost with this activation (e.g. it migrates to its slot's new owner): wake them, and
        // each blocked reader reads again and watches the next activation instead of waiting for its renewal.
        // Not while the silo stops: its own gateway's watchers are gone with it and Orleans logs every one-way
        // call it can no longer address; readers on other silos fall back to their renewal.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            WakeWatchers();
        }
        if (_log is not null && !store.IsDurable)
        {
            await _journal.CheckpointAsync();
        }
        await _journal.CloseAsync();
    }

    public async Task<StreamResult[]> Execute(Immutable<StreamOperation[]> operations)
    {
        await ExpireIfDue();
        var batch = operations.Value;
        var results = new StreamResult[batch.Length];
        var appended = false;
        for (var i = 0; i < batch.Length; i++)
        {
            var operation = batch[i];
            if (_log is null)
            {
                var creates = StreamOperations.Creates(operation);
                var error = creates ? await RegisterError() : await WrongTypeError();
                if (error != StreamError.None)
                {
                    results[i] = new StreamResult.Failed(error);
                    continue;
                }
                if (creates)
                {
                    _log ??= Created();
                }
            }
            if (_log is not null)
            {
                await LoadUntilPresent(_log, l => StreamOperations.SegmentsNeeded(l, operation));
            }
            results[i] = StreamOperations.Execute(_log, operation, Now);
            appended |= results[i] is StreamResult.Appended { Id: not null };
        }
        await Commit();
        if (appended)
        {
            NotifyWatchers();
        }
        return results;
    }

    public async Task<StreamReadResult> Read(StreamReadRequest request)
    {
        await ExpireIfDue();
        if (_log is null)
        {
            return new StreamReadResult([], request.FromLast ? StreamEntryId.Min : request.After, await WrongTypeError());
        }
        var log = _log;
        if (request.LastEntry)
        {
            await LoadUntilPresent(log, l => l.UnloadedSegmentsForEdges());
            var last = log.Last();
            return new StreamReadResult(last is null ? [] : [last], last?.Id ?? log.LastId, StreamError.None);
        }
        var after = request.FromLast ? log.LastId : request.After;
        if (after.Next() is not { } start || request.FromLast)
        {
            return new StreamReadResult([], after, StreamError.None);
        }
        await LoadUntilPresent(log, l => l.UnloadedSegmentsForRange(start, StreamEntryId.Max, request.Count, false));
        var entries = log.Range(start, StreamEntryId.Max, request.Count, false);
        await _journal.Flushed;
        return new StreamReadResult(entries.ToArray(), entries.Count > 0 ? entries[^1].Id : after, StreamError.None);
    }

    public Task Watch(IStreamWatcher watcher)
    {
        _watchers.Add(watcher);
        return Task.CompletedTask;
    }

    public async Task<bool> Delete()
    {
        var existed = _log is not null;
        _log = null;
        _expiresAtMs = null;
        await _journal.DeleteAsync();
        if (existed)
        {
            // Blocked group readers fail (the key is gone); blocked XREADs re-check and keep waiting.
            NotifyWatchers();
        }
        return existed;
    }

    public async Task<StreamSnapshot?> Export()
    {
        await ExpireIfDue();
        if (_log is not { } log)
        {
            return null;
        }
        await LoadUntilPresent(log, l => l.UnloadedSegmentsForSnapshot());
        var snapshot = log.ToSnapshot();
        await _journal.Flushed;
        return snapshot;
    }

    /// <summary>
    /// The exported stream replaces this one with its node layout, and is stored whole by a checkpoint (a layout has no
    /// journal record) before the call returns; blocked readers are woken as by an append.
    /// </summary>
    public async Task Import(StreamSnapshot snapshot)
    {
        // The key's expiry was told before the data came (RENAME moves the TTL first): it stays.
        var expiry = _expiresAtMs;
        await Delete();
        _expiresAtMs = expiry;
        var log = StreamLog.FromSnapshot(snapshot, logOptions);
        log.RecordMutations = store.IsDurable;
        _log = log;
        await _journal.CheckpointAsync();
        NotifyWatchers();
    }

    private long? _expiresAtMs;
    private bool _expiryKnown;

    public Task SetExpiry(long? atMs)
    {
        _expiresAtMs = atMs;
        _expiryKnown = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Redis' lazy expiry: a stream whose TTL has passed is gone before any command sees it, even when the
    /// database's reaper has not come round yet. After activation the expiry is asked for once.
    /// </summary>
    private async ValueTask ExpireIfDue()
    {
        if (_log is null)
        {
            return;
        }
        if (!_expiryKnown)
        {
            _expiryKnown = true;
            _expiresAtMs = await Database.ExpiryOf(_name);
        }
        // The database expires the key as it looks it up (and then deletes this stream's data as an effect); do it here at once.
        if (_expiresAtMs is { } at && (long)Now >= at && await Database.TypeOf(_name) != "stream")
        {
            await Delete();
        }
    }

    /// <summary>A stream just created (registered with the database): no expiry.</summary>
    private StreamLog Created()
    {
        _expiresAtMs = null;
        _expiryKnown = true;
        return NewLog();
    }

    /// <summary>Memory storage journals nothing, so the log need not collect its changes.</summary>
    private StreamLog NewLog() => new(logOptions) { RecordMutations = store.IsDurable };

    private ulong Now => (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<StreamError> WrongTypeError()
    {
        var type = await Database.TypeOf(_name);
        return type is "none" or "stream" ? StreamError.None : StreamError.WrongType;
    }

    /// <summary>Registers this stream's key with its database (creating it); WrongType when another type holds the key.</summary>
    private async Task<StreamError> RegisterError() => await Database.RegisterStream(_name) ? StreamError.None : StreamError.WrongType;

    /// <summary>A transaction's hold on wake-ups lapses after this, should its gateway never release it.</summary>
    private static readonly TimeSpan HoldLapse = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Guid, long> _holds = [];
    private bool _wakePending;

    public Task HoldWakeups(Guid hold)
    {
        _holds[hold] = time.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task ReleaseWakeups(Guid hold)
    {
        if (_holds.Remove(hold) && _holds.Count == 0 && _wakePending)
        {
            NotifyWatchers();
        }
        return Task.CompletedTask;
    }

    private bool WakeupsHeld()
    {
        foreach (var (hold, since) in _holds)
        {
            if (time.GetElapsedTime(since) > HoldLapse)
            {
                _holds.Remove(hold);
            }
        }
        return _holds.Count > 0;
    }

    private void NotifyWatchers()
    {
        if (WakeupsHeld())
        {
            _wakePending = true;
            return;
        }
        _wakePending = false;
        WakeWatchers();
    }

    private void WakeWatchers()
    {
        foreach (var w in _watchers)
        {
            try
            {
                w.OnAppended(Id);
            }
            catch (Exception ex)
            {
                LogWatcherFailed(logger, ex, Id);
            }
        }
        _watchers.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking a watcher of stream {Stream} failed")]
    private static partial void LogWatcherFailed(ILogger logger, Exception ex, string stream);
}
