namespace OrleansStreams.Storage;

/// <summary>What a log store holds for one object: the latest snapshot and the journal records written after it.</summary>
public sealed record StoredLog(byte[]? Snapshot, IReadOnlyList<byte[]> Journal);

/// <summary>
/// Durable storage for journaled grains: a snapshot that is replaced atomically, an append-only
/// journal of records written after it, and write-once segments. Every method is durable when its
/// task completes. Appends cost O(batch), never O(object size).
/// </summary>
public interface ILogStore
{
    Task<StoredLog> LoadAsync(string id);

    /// <summary>Appends records to the journal in one write (group commit).</summary>
    Task AppendAsync(string id, IReadOnlyList<byte[]> records);

    /// <summary>Replaces the snapshot and empties the journal.</summary>
    Task WriteSnapshotAsync(string id, byte[] snapshot);

    Task WriteSegmentAsync(string id, long number, byte[] data);

    Task<byte[]?> ReadSegmentAsync(string id, long number);

    Task DeleteSegmentsAsync(string id, IReadOnlyCollection<long> numbers);

    /// <summary>Removes everything stored for <paramref name="id"/>.</summary>
    Task DeleteAsync(string id);

    /// <summary>Whether writes reach a disk or a server (false for memory storage: the caller may skip journaling work).</summary>
    bool IsDurable { get; }
}
