using OrleansStreams.Storage;

namespace OrleansStreams.Streams;

public sealed partial class StreamPartitionGrain
{
    /// <summary>Snapshot, then the journal records it does not cover, replayed in order.</summary>
    private async Task LoadAsync()
    {
        var stored = await store.LoadAsync(Id);
        long covered = 0;
        if (stored.Snapshot is { } snapshot)
        {
            _log = StreamLog.DecodeSnapshot(snapshot, logOptions, out covered);
            _log.RecordMutations = store.IsDurable;
            _sequence = covered;
        }
        foreach (var record in stored.Journal)
        {
            var mutations = StreamLog.DecodeMutations(record, out var seq);
            if (seq <= covered)
            {
                continue;
            }
            _log ??= NewLog();
            _log.RecordMutations = false;
            foreach (var m in mutations)
            {
                await LoadSegments(_log.UnloadedSegmentsFor(m));
                _log.Apply(m);
            }
            _log.RecordMutations = store.IsDurable;
            _sequence = seq;
        }
        _journal.JournalRecords = stored.Journal.Count;
    }

    private async Task LoadSegments(List<long> numbers)
    {
        foreach (var n in numbers)
        {
            var data = await store.ReadSegmentAsync(Id, n) ?? throw new InvalidDataException($"Segment {n} of stream {Id} is missing from storage.");
            if (_log is { } log && log.Segments.Any(s => s.Number == n && !s.Loaded))
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
            _journal.Enqueue(StreamLog.EncodeMutations(mutations, ++_sequence));
        }
    }

    private Task AfterJournalWrite()
    {
        if (_journal.JournalRecords < JournalRecordsPerSnapshot && _log?.SegmentsToPersist().Count < 2)
        {
            return Task.CompletedTask;
        }
        return Checkpoint(force: false);
    }

    /// <summary>
    /// Writes the sealed segments not yet stored, then a snapshot that replaces the journal, then
    /// drops trimmed segments and evicts cold ones. State is captured in one synchronous turn.
    /// </summary>
    private async Task Checkpoint(bool force)
    {
        if (_log is not { } log || (!store.IsDurable && !force))
        {
            return;
        }
        var previous = _checkpoint;
        var done = new TaskCompletionSource();
        _checkpoint = done.Task;
        try
        {
            await previous;
            DrainToJournal();
            var segments = log.SegmentsToPersist().Select(n => (Number: n, Data: log.EncodeSegment(n, out var v), Version: v)).ToList();
            var snapshot = log.EncodeSnapshot(_sequence);
            var dropped = log.DrainDroppedSegments();
            foreach (var (number, data, _) in segments)
            {
                await store.WriteSegmentAsync(Id, number, data);
            }
            await store.WriteSnapshotAsync(Id, snapshot);
            _journal.JournalRecords = 0;
            foreach (var (number, _, version) in segments)
            {
                log.MarkPersisted(number, version);
            }
            await store.DeleteSegmentsAsync(Id, dropped);
            log.EvictColdSegments();
        }
        finally
        {
            done.SetResult();
        }
    }
}
