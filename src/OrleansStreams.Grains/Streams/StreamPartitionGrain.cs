using Microsoft.Extensions.Logging;
using OrleansStreams.Grains;
using OrleansStreams.Replies;
using OrleansStreams.Storage;

namespace OrleansStreams.Streams;

/// <summary>
/// One stream partition: owns a <see cref="StreamLog"/>, journals its changes with group commit and
/// wakes blocked readers. Reentrant so that appends keep flowing while a write is in flight; every
/// command runs synchronously once the segments it needs are in memory, so interleaving never
/// splits a command.
/// </summary>
[Reentrant]
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
        if (_log is not null && !store.IsDurable)
        {
            await _journal.CheckpointAsync();
        }
        await _journal.CloseAsync();
    }

    public async Task<Reply[]> Execute(Immutable<byte[][][]> commands)
    {
        var batch = commands.Value;
        var replies = new Reply[batch.Length];
        var appended = false;
        for (var i = 0; i < batch.Length; i++)
        {
            var command = StreamCommandParser.Parse(batch[i]);
            if (command is StreamCommand.Invalid invalid)
            {
                replies[i] = Reply.Error(invalid.Error);
                continue;
            }
            if (_log is null)
            {
                var error = StreamCommandExecutor.Creates(command) ? await Database.RegisterStream(_name) : await WrongTypeError();
                if (error is not null)
                {
                    replies[i] = Reply.Error(error);
                    continue;
                }
                if (StreamCommandExecutor.Creates(command))
                {
                    _log ??= NewLog();
                }
            }
            if (_log is not null)
            {
                var needed = StreamCommandExecutor.SegmentsNeeded(_log, command);
                if (needed.Count > 0)
                {
                    await LoadSegments(needed);
                }
            }
            replies[i] = StreamCommandExecutor.Execute(_log, command, Now);
            appended |= command is StreamCommand.Add && !replies[i].IsError && replies[i] is not NullReply;
        }
        await Commit();
        if (appended)
        {
            NotifyWatchers();
        }
        return replies;
    }

    public async Task<StreamReadResult> Read(StreamReadRequest request)
    {
        if (_log is null)
        {
            var error = await WrongTypeError();
            return new StreamReadResult([], request.FromLast ? StreamEntryId.Min : request.After, error);
        }
        var log = _log;
        if (request.LastEntry)
        {
            await LoadSegments(log.UnloadedSegmentsForEdges());
            var last = log.Last();
            return new StreamReadResult(last is null ? [] : [last], last?.Id ?? log.LastId, null);
        }
        var after = request.FromLast ? log.LastId : request.After;
        if (after.Next() is not { } start || request.FromLast)
        {
            return new StreamReadResult([], after, null);
        }
        await LoadSegments(log.UnloadedSegmentsForRange(start, StreamEntryId.Max, request.Count, false));
        var entries = log.Range(start, StreamEntryId.Max, request.Count, false);
        await _journal.Flushed;
        return new StreamReadResult(entries.ToArray(), entries.Count > 0 ? entries[^1].Id : after, null);
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
        await _journal.DeleteAsync();
        _storedSegments = [];
        if (existed)
        {
            // Blocked group readers fail (the key is gone); blocked XREADs re-check and keep waiting.
            NotifyWatchers();
        }
        return existed;
    }

    public async Task<StreamSnapshot?> Export()
    {
        if (_log is not { } log)
        {
            return null;
        }
        await LoadSegments(log.UnloadedSegmentsForRange(StreamEntryId.Min, StreamEntryId.Max, 0, false));
        await _journal.Flushed;
        return new StreamSnapshot(log.Range(StreamEntryId.Min, StreamEntryId.Max, 0, false).ToArray(), log.LastId, log.EntriesAdded, log.MaxDeletedId)
        {
            Groups = [.. log.Groups],
        };
    }

    public async Task Import(StreamSnapshot snapshot)
    {
        await Delete();
        var log = NewLog();
        foreach (var e in snapshot.Entries)
        {
            log.Append(e);
        }
        log.SetId(snapshot.LastId, snapshot.EntriesAdded, snapshot.MaxDeletedId == StreamEntryId.Min ? null : snapshot.MaxDeletedId);
        foreach (var group in snapshot.Groups)
        {
            log.AddGroup(group);
        }
        _log = log;
        await Commit();
        NotifyWatchers();
    }

    /// <summary>Memory storage journals nothing, so the log need not collect its changes.</summary>
    private StreamLog NewLog() => new(logOptions) { RecordMutations = store.IsDurable };

    private ulong Now => (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<string?> WrongTypeError()
    {
        var type = await Database.TypeOf(_name);
        return type is "none" or "stream" ? null : RedisErrors.WrongType;
    }

    private void NotifyWatchers()
    {
        if (_watchers.Count == 0)
        {
            return;
        }
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
