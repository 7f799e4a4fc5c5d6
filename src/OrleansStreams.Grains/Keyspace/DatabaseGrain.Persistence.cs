using System.Buffers.Binary;
using OrleansStreams.Storage;

namespace OrleansStreams.Keyspace;

/// <summary>
/// The journal: one record per write, <c>kind, now, payload</c>. An operation's payload is the
/// <see cref="KeyspaceOperation"/> in Orleans' own serialization format (the one the grain call used), so
/// replaying it at its journaled time reproduces the state exactly. No compatibility with journals written
/// before the keyspace was typed (pre-1.0, see docs/decisions/0010).
/// </summary>
public sealed partial class DatabaseGrain
{
    private enum RecordKind : byte
    {
        Operation = 3,
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
                var payload = record.Payload;
                var kind = (RecordKind)payload.Span[0];
                var now = BinaryPrimitives.ReadInt64LittleEndian(payload.Span[1..9]);
                var body = payload[9..];
                switch (kind)
                {
                    case RecordKind.RegisterStream:
                        _db.TryRegisterStream(body.ToArray(), now);
                        break;
                    case RecordKind.Operation:
                        var operation = serializer.Deserialize<KeyspaceOperation>(body)
                            ?? throw new InvalidDataException($"An empty keyspace operation in the journal of {Id}.");
                        _db.Replay(operation, now);
                        break;
                    default:
                        throw new InvalidDataException($"Unknown keyspace journal record kind {(byte)kind} in {Id}.");
                }
                return ValueTask.CompletedTask;
            });
        // Replayed deletions and renames may or may not have reached the stream grains before the
        // crash; redo them, but never delete a stream that the rest of the journal brought back.
        await ApplyEffects(afterReplay: true);
    }

    private void JournalOperation(long now, KeyspaceOperation operation)
    {
        if (store.IsDurable)
        {
            Journal(RecordKind.Operation, now, serializer.SerializeToArray(operation));
        }
    }

    private void JournalRegisterStream(long now, byte[] key)
    {
        if (store.IsDurable)
        {
            Journal(RecordKind.RegisterStream, now, key);
        }
    }

    private void Journal(RecordKind kind, long now, ReadOnlySpan<byte> body)
    {
        var record = new byte[9 + body.Length];
        record[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1, 8), now);
        body.CopyTo(record.AsSpan(9));
        _journal.Append(record);
    }
}
