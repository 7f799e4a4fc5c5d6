using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>
/// Persistence support: the owning grain journals (nowMs, args) of every write command and snapshots the state.
/// Replaying the journal on a snapshot reproduces the state exactly, because every time-dependent decision
/// (relative TTLs, lazy expiry on write) depends only on the journaled time.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>
    /// True for commands that can change the keyspace and so must be journaled. Reads never change what a later
    /// command observes: a key they lazily expire is also treated as absent by every later command, which carries a
    /// later time. Stream registration (<see cref="TryRegisterStream"/>) is not a command: the caller journals it.
    /// </summary>
    public static bool IsWrite(ReadOnlySpan<byte[]> args) =>
        args.Length > 0 && KeyspaceCommandTable.Find(args[0]) is { IsWrite: true };

    /// <summary>Re-runs a journaled command at its journaled time; effects are produced as by <see cref="Execute"/>.</summary>
    public Reply Replay(ReadOnlySpan<byte[]> args, long nowMs) => Execute(args, nowMs);

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
