namespace OrleansStreams.Storage;

/// <summary>One journal generation as loaded: its number and its whole, valid records in order.</summary>
public sealed record JournalGeneration(long Number, IReadOnlyList<JournalRecord> Records);

/// <summary>
/// What a log store holds for one object: the latest snapshot (with its <see cref="SnapshotFrame"/>
/// header), the journal generations, oldest first, and the names of the stored segments (also any a
/// crashed checkpoint left behind, so the owner's next checkpoint can delete those).
/// </summary>
public sealed record StoredLog(byte[]? Snapshot, IReadOnlyList<JournalGeneration> Journal)
{
    public IReadOnlyCollection<string> Segments { get; init; } = [];
}

/// <summary>
/// Durable storage for journaled state (docs/decisions/0008-journaled-state.md): per object a
/// snapshot replaced atomically, journal generations of checksummed records, and write-once
/// segments. <see cref="JournaledState"/> is its one user.
/// </summary>
public interface ILogStore
{
    /// <summary>Whether writes reach a disk or a server (false for memory storage: the caller may skip journaling work).</summary>
    bool IsDurable { get; }

    /// <summary>
    /// Opens an object for one owner (a grain activation): fences off any earlier owner, cuts every
    /// journal generation back to its last whole, valid record, and loads what is stored.
    /// </summary>
    Task<ILogSession> OpenAsync(string id);
}

/// <summary>
/// One owner's access to one object. Every write checks the fence first and fails with
/// <see cref="StorageFencedException"/> once another owner opened the object; every method is durable
/// when its task completes. Appends cost O(batch), never O(object size).
/// </summary>
public interface ILogSession : IAsyncDisposable
{
    StoredLog Stored { get; }

    /// <summary>Appends records to a journal generation in one write (group commit); the store frames them.</summary>
    Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records);

    /// <summary>Replaces the snapshot atomically.</summary>
    Task WriteSnapshotAsync(byte[] snapshot);

    /// <summary>Stores a segment under a name that is never written again while a snapshot names it.</summary>
    Task WriteSegmentAsync(string name, byte[] data);

    Task<byte[]?> ReadSegmentAsync(string name);

    /// <summary>Drops the journal generations below <paramref name="generation"/> (a snapshot covers them).</summary>
    Task DeleteJournalBeforeAsync(long generation);

    Task DeleteSegmentsAsync(IReadOnlyCollection<string> names);

    /// <summary>Removes everything stored for the object except its fence.</summary>
    Task DeleteAllAsync();
}

/// <summary>Another owner (a newer activation of the same grain) opened the object: this one must stop writing.</summary>
[GenerateSerializer, Alias("OrleansStreams.StorageFencedException")]
public sealed class StorageFencedException : IOException
{
    public StorageFencedException()
    {
    }

    public StorageFencedException(string message)
        : base(message)
    {
    }
}
