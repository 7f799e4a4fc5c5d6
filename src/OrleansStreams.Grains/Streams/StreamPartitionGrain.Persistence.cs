using OrleansStreams.Storage;

namespace OrleansStreams.Streams;

public sealed partial class StreamPartitionGrain
{
    private JournaledState NewJournal() => new(store, Id, new JournaledStateOptions
    {
        RecordsPerCheckpoint = JournalRecordsPerSnapshot,
        Capture = CaptureCheckpoint,
        CheckpointDue = () => _log?.SegmentsToPersist().Count >= 2,
        OnFailure = _ => DeactivateOnIdle(),
    });

    /// <summary>Snapshot, then the journal records it does not cover, replayed in order.</summary>
    private Task LoadAsync() => _journal.OpenAsync(
        snapshot =>
        {
            if (snapshot.Length > 0)
            {
                _log = StreamLog.DecodeSnapshot(snapshot.Span, logOptions, out _);
                _log.RecordMutations = store.IsDurable;
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
    /// One turn: journal pending changes, encode the sealed segments storage does not hold (each version
    /// under its own name: changed since stored, or never stored under that name), the snapshot, and the
    /// names it references. Once durable, the segments count as persisted and cold ones leave memory.
    /// </summary>
    private CheckpointData CaptureCheckpoint()
    {
        DrainToJournal();
        if (_log is not { } log)
        {
            return new CheckpointData([]);
        }
        var stored = _journal.StoredSegments;
        // The store's listing decides too, not only the log's flag: a name it lacks is written while the segment is in memory.
        var segments = log.Segments
            .Where(s => s.Sealed && s.Loaded && (!s.Persisted || !stored.Contains(SegmentName(s.Number, s.Version))))
            .Select(s => (s.Number, Data: log.EncodeSegment(s.Number, out var v), Version: v))
            .ToList();
        var snapshot = log.EncodeSnapshot(_journal.Sequence);
        log.DrainDroppedSegments();
        return new CheckpointData(snapshot)
        {
            Segments = segments.Select(s => new SegmentWrite(SegmentName(s.Number, s.Version), s.Data)).ToList(),
            Named = log.Segments.Where(s => s.Sealed).Select(s => SegmentName(s.Number, s.Version)).ToHashSet(),
            OnDurable = () =>
            {
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
