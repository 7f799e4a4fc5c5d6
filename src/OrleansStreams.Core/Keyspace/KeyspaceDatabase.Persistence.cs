namespace OrleansStreams.Keyspace;

/// <summary>
/// Persistence support: the owning grain journals (nowMs, operation) of every write and snapshots the state.
/// Replaying the journal on a snapshot reproduces the state exactly, because every time-dependent decision
/// (relative TTLs, lazy expiry on write) depends only on the journaled time.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>Every key, type, value and absolute expiry, keys in ordinal order so equal states give equal bytes.</summary>
    public byte[] SaveSnapshot() => KeyspaceSnapshot.Save(_keys, skipExpiredAtMs: null);

    /// <summary>As <see cref="SaveSnapshot()"/>, leaving out keys already expired at <paramref name="nowMs"/>.</summary>
    public byte[] SaveSnapshot(long nowMs) => KeyspaceSnapshot.Save(_keys, nowMs);

    /// <summary>Rebuilds a database from <see cref="SaveSnapshot()"/>'s bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a keyspace snapshot of a known version.</exception>
    public static KeyspaceDatabase LoadSnapshot(ReadOnlySpan<byte> data)
    {
        var db = new KeyspaceDatabase();
        foreach (var (key, entry) in KeyspaceSnapshot.Load(data))
        {
            var expireAt = entry.ExpireAtMs;
            entry.ExpireAtMs = KeyspaceEntry.NoExpiry;
            db._keys[key] = entry;
            db.SetExpiry(key, entry, expireAt);
        }
        return db;
    }
}
