namespace OrleansStreams.Keyspace;

public sealed partial class DatabaseGrain
{
    private enum RecordKind : byte
    {
        Command = 1,
        RegisterStream = 2,
    }

    private async Task LoadAsync()
    {
        var stored = await store.LoadAsync(Id);
        long covered = 0;
        if (stored.Snapshot is { } snapshot)
        {
            covered = BitConverter.ToInt64(snapshot, 0);
            _db = KeyspaceDatabase.LoadSnapshot(snapshot.AsSpan(8));
        }
        _sequence = covered;
        foreach (var record in stored.Journal)
        {
            using var r = new BinaryReader(new MemoryStream(record));
            var seq = r.ReadInt64();
            var kind = (RecordKind)r.ReadByte();
            var now = r.ReadInt64();
            var args = new byte[r.Read7BitEncodedInt()][];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = r.ReadBytes(r.Read7BitEncodedInt());
            }
            if (seq <= covered)
            {
                continue;
            }
            if (kind == RecordKind.RegisterStream)
            {
                _db.TryRegisterStream(args[0], now);
            }
            else
            {
                _db.Replay(args, now);
            }
            _sequence = seq;
        }
        // Replayed deletions and renames may or may not have reached the stream grains before the
        // crash; redo them, but never delete a stream that the rest of the journal brought back.
        await ApplyEffects(afterReplay: true);
        _journal.JournalRecords = stored.Journal.Count;
    }

    private void Journal(RecordKind kind, long now, byte[][] args)
    {
        if (!store.IsDurable)
        {
            return;
        }
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write(++_sequence);
            w.Write((byte)kind);
            w.Write(now);
            w.Write7BitEncodedInt(args.Length);
            foreach (var a in args)
            {
                w.Write7BitEncodedInt(a.Length);
                w.Write(a);
            }
        }
        _journal.Enqueue(ms.ToArray());
    }

    private Task AfterJournalWrite() =>
        _journal.JournalRecords < JournalRecordsPerSnapshot ? Task.CompletedTask : Checkpoint(force: false);

    private async Task Checkpoint(bool force)
    {
        if (!store.IsDurable && !force)
        {
            return;
        }
        var body = _db.SaveSnapshot();
        var snapshot = new byte[8 + body.Length];
        BitConverter.TryWriteBytes(snapshot, _sequence);
        body.CopyTo(snapshot, 8);
        await store.WriteSnapshotAsync(Id, snapshot);
        _journal.JournalRecords = 0;
    }
}
