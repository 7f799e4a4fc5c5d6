using OrleansStreams.Storage;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroupGrain
{
    private const int JournalRecordsPerSnapshot = 1000;

    /// <summary>The removal of a forgotten group's stored state; later writes wait for it.</summary>
    private Task _pendingDelete = Task.CompletedTask;

    private JournaledState NewJournal() => new(store, Id, new JournaledStateOptions
    {
        RecordsPerCheckpoint = JournalRecordsPerSnapshot,
        Capture = CaptureCheckpoint,
        OnFailure = _ => DeactivateOnIdle(),
    });

    private Task LoadAsync() => _journal.OpenAsync(
        snapshot =>
        {
            if (snapshot.Length > 0)
            {
                _group = ConsumerGroup.DecodeSnapshot(snapshot.Span, out _);
                _group.RecordMutations = store.IsDurable;
            }
            return ValueTask.CompletedTask;
        },
        record =>
        {
            var group = _group ??= ConsumerGroup.ForReplay(_name);
            group.RecordMutations = false;
            foreach (var m in ConsumerGroup.DecodeMutations(record.Payload.Span, out _))
            {
                group.Apply(m);
            }
            group.RecordMutations = store.IsDurable;
            return ValueTask.CompletedTask;
        });

    /// <summary>
    /// Journals this call's changes (one record); the call replies once they are durable (<see cref="OneAtATime{T}"/>
    /// waits, after letting the next call in). Checkpoints run in the background.
    /// </summary>
    private async Task Commit()
    {
        await _pendingDelete;
        DrainToJournal();
        _flush = _journal.Flushed;
    }

    private void DrainToJournal()
    {
        if (_group is null || !store.IsDurable)
        {
            return;
        }
        var mutations = _group.DrainMutations();
        if (mutations.Count > 0)
        {
            _journal.Append(ConsumerGroup.EncodeMutations(mutations, _journal.Sequence + 1));
        }
    }

    private async Task Checkpoint()
    {
        await _pendingDelete;
        await _journal.CheckpointAsync();
    }

    private CheckpointData CaptureCheckpoint()
    {
        DrainToJournal();
        return new CheckpointData(_group?.EncodeSnapshot(_journal.Sequence) ?? []);
    }

    /// <summary>The stream no longer lists this group: its state goes.</summary>
    private void Forget()
    {
        if (_group is null)
        {
            return;
        }
        _group = null;
        _pendingDelete = _journal.DeleteAsync();
    }
}
