namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroupGrain
{
    private const int JournalRecordsPerSnapshot = 1000;

    /// <summary>The removal of a forgotten group's stored state; later writes wait for it.</summary>
    private Task _pendingDelete = Task.CompletedTask;

    private async Task LoadAsync()
    {
        var stored = await store.LoadAsync(Id);
        long covered = 0;
        if (stored.Snapshot is { Length: > 0 } snapshot)
        {
            _group = ConsumerGroup.DecodeSnapshot(snapshot, out covered);
        }
        _sequence = covered;
        foreach (var record in stored.Journal)
        {
            var mutations = ConsumerGroup.DecodeMutations(record, out var seq);
            if (seq <= covered)
            {
                continue;
            }
            _group ??= ConsumerGroup.ForReplay(_name);
            _group.RecordMutations = false;
            foreach (var m in mutations)
            {
                _group.Apply(m);
            }
            _sequence = seq;
        }
        if (_group is not null)
        {
            _group.RecordMutations = store.IsDurable;
        }
        _journalRecords = stored.Journal.Count;
    }

    /// <summary>Writes this call's changes (one journal record); the grain runs one call at a time.</summary>
    private async Task Commit()
    {
        await _pendingDelete;
        if (_group is null || !store.IsDurable)
        {
            return;
        }
        var mutations = _group.DrainMutations();
        if (mutations.Count == 0)
        {
            return;
        }
        await store.AppendAsync(Id, [ConsumerGroup.EncodeMutations(mutations, ++_sequence)]);
        if (++_journalRecords >= JournalRecordsPerSnapshot)
        {
            await Checkpoint();
        }
    }

    private async Task Checkpoint()
    {
        await _pendingDelete;
        if (_group is null)
        {
            return;
        }
        _group.DrainMutations();
        await store.WriteSnapshotAsync(Id, _group.EncodeSnapshot(_sequence));
        _journalRecords = 0;
    }

    /// <summary>The stream no longer lists this group: its state goes.</summary>
    private void Forget()
    {
        if (_group is null)
        {
            return;
        }
        _group = null;
        _pendingDelete = store.DeleteAsync(Id);
    }
}
