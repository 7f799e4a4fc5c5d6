using OrleansStreams.Storage;

namespace OrleansStreams.Keyspace;

public sealed partial class DatabaseGrain
{
    private enum RecordKind : byte
    {
        Command = 1,
        RegisterStream = 2,
    }

    private JournaledState NewJournal() => new(store, Id, new JournaledStateOptions
    {
        RecordsPerCheckpoint = JournalRecordsPerSnapshot,
        Capture = () => new CheckpointData(_db.SaveSnapshot()),
        OnFailure = _ => DeactivateOnIdle(),
    });

    private async Task LoadAsync()
    {
        await _journal.OpenAsync(
            snapshot =>
            {
                _db = KeyspaceDatabase.LoadSnapshot(snapshot.Span);
                return ValueTask.CompletedTask;
            },
            record =>
            {
                using var r = new BinaryReader(new MemoryStream(record.Payload.ToArray()));
                var kind = (RecordKind)r.ReadByte();
                var now = r.ReadInt64();
                var args = new byte[r.Read7BitEncodedInt()][];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = r.ReadBytes(r.Read7BitEncodedInt());
                }
                if (kind == RecordKind.RegisterStream)
                {
                    _db.TryRegisterStream(args[0], now);
                }
                else
                {
                    _db.Replay(args, now);
                }
                return ValueTask.CompletedTask;
            });
        // Replayed deletions and renames may or may not have reached the stream grains before the
        // crash; redo them, but never delete a stream that the rest of the journal brought back.
        await ApplyEffects(afterReplay: true);
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
            w.Write((byte)kind);
            w.Write(now);
            w.Write7BitEncodedInt(args.Length);
            foreach (var a in args)
            {
                w.Write7BitEncodedInt(a.Length);
                w.Write(a);
            }
        }
        _journal.Append(ms.ToArray());
    }
}
