using OrleansStreams.Storage;

namespace OrleansStreams.Streams;

public sealed partial class StreamPartitionGrain
{
    /// <summary>The stored segments ("number.version"): those the snapshot names, and at first also any a crashed checkpoint left; the next checkpoint deletes those it does not name.</summary>
    private HashSet<string> _storedSegments = [];

    private JournaledState NewJournal() => new(store, Id, new JournaledStateOptions
    {
        RecordsPerCheckpoint = JournalRecordsPerSnapshot,
        Capture = CaptureCheckpoint,
        CheckpointDue = () => _log?.SegmentsToPersist().Count >= 2,
        OnFailure = _ => DeactivateOnIdle(),
    });

    /// <summary>Snapshot, then the journal records it does not cover, replayed in order.</summary>
    private async Task LoadAsync()
    {
        await OpenJournal();
        _storedSegments.UnionWith(_journal.StoredSegments);
    }

    private Task OpenJournal() => _journal.OpenAsync(
        snapshot =>
        {
            if (snapshot.Length > 0)
            {
                _log = StreamLog.DecodeSnapshot(snapshot.Span, logOptions, out _);
                _log.RecordMutations = store.IsDurable;
                _storedSegments = _log.Segments.Where(s => s.Sealed).Select(s => SegmentName(s.Number, s.Version)).ToHashSet();
            }
            return ValueTask.CompletedTask;
        },
        async record =>
        {
            var log = _log ??= NewLog();
            log.RecordMutations = false;
            foreach (var m in StreamLog.DecodeMutations(record.Payload.Span, out _))
            {
                await LoadSegments(log.UnloadedSegmentsFor(m));
                log.Apply(m);
            }
            log.RecordMutations = store.IsDurable;
        });

    /// <summary>
    /// Loads the segments <paramref name="needed"/> names until none is missing. A checkpoint finishing
    /// while a segment is read may evict ones loaded just before (it runs between our awaits), so callers
    /// use this and then read the log without awaiting in between.
    /// </summary>
    private async Task LoadUntilPresent(StreamLog log, Func<StreamLog, List<long>> needed)
    {
        while (_log == log && needed(log) is { Count: > 0 } missing)
        {
            await LoadSegments(missing);
        }
    }

    private async Task LoadSegments(List<long> numbers)
    {
        foreach (var n in numbers)
        {
            if (_log is not { } log || !log.Segments.Any(s => s.Number == n && !s.Loaded))
            {
                continue;
            }
            var version = log.Segments.First(s => s.Number == n).Version;
            var data = await _journal.ReadSegmentAsync(SegmentName(n, version))
                ?? throw new InvalidDataException($"Segment {n}.{version} of stream {Id} is missing from storage.");
            if (_log == log && log.Segments.Any(s => s.Number == n && !s.Loaded && s.Version == version))
            {
                log.LoadSegment(n, data);
            }
        }
    }

    /// <summary>Queues this log's changes for the journal and waits until everything queued so far is durable.</summary>
    private Task Commit()
    {
        DrainToJournal();
        return _journal.Flushed;
    }

    private void DrainToJournal()
    {
        // Memory storage records no mutations (NewLog), so there is nothing to drain on its hot path.
        if (_log is null || !store.IsDurable)
        {
            return;
        }
        var mutations = _log.DrainMutations();
        if (mutations.Count > 0)
        {
            _journal.Append(StreamLog.EncodeMutations(mutations, _journal.Sequence + 1));
        }
    }

    /// <summary>
    /// One turn: journal pending changes, encode the sealed segments not yet stored (each under a new
    /// name), the snapshot, and which stored segments it no longer names. Once durable, the segments
    /// count as persisted and cold ones leave memory.
    /// </summary>
    private CheckpointData CaptureCheckpoint()
    {
        DrainToJournal();
        if (_log is not { } log)
        {
            return new CheckpointData([]) { Obsolete = [.. _storedSegments], OnDurable = () => _storedSegments = [] };
        }
        var segments = log.SegmentsToPersist().Select(n => (Number: n, Data: log.EncodeSegment(n, out var v), Version: v)).ToList();
        var snapshot = log.EncodeSnapshot(_journal.Sequence);
        log.DrainDroppedSegments();
        var named = log.Segments.Where(s => s.Sealed).Select(s => SegmentName(s.Number, s.Version)).ToHashSet();
        var obsolete = _storedSegments.Where(s => !named.Contains(s)).ToList();
        return new CheckpointData(snapshot)
        {
            Segments = segments.Select(s => new SegmentWrite(SegmentName(s.Number, s.Version), s.Data)).ToList(),
            Obsolete = obsolete,
            OnDurable = () =>
            {
                _storedSegments = named;
                foreach (var (number, _, version) in segments)
                {
                    log.MarkPersisted(number, version);
                }
                log.EvictColdSegments();
            },
        };
    }

    private static string SegmentName(long number, long version) => $"{number}.{version}";
}
