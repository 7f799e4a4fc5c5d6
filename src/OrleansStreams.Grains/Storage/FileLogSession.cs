using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace OrleansStreams.Storage;

/// <summary>One owner's handle on a <see cref="FileLogStore"/> folder; closes its files when disposed (grain deactivation).</summary>
internal sealed class FileLogSession : ILogSession
{
    private const string JournalPrefix = "journal.";
    private const string SegmentPrefix = "seg-";
    private const string EpochLock = "epoch.lock";

    private readonly string _dir;
    private readonly SafeFileHandle _epochFile;
    private readonly long _epoch;
    private readonly Lock _journalLock = new();
    private FileStream? _journal;
    private long _journalGeneration = -1;

    private FileLogSession(string dir, SafeFileHandle epochFile, long epoch, StoredLog stored)
    {
        _dir = dir;
        _epochFile = epochFile;
        _epoch = epoch;
        Stored = stored;
    }

    public StoredLog Stored { get; }

    public static FileLogSession Open(string dir)
    {
        var epochPath = Path.Combine(dir, "epoch");
        var created = !File.Exists(epochPath);
        var epochFile = File.OpenHandle(epochPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var epoch = NextEpoch(dir, epochFile);
            if (created)
            {
                DirectorySync.Flush(dir);
            }
            var snapshotPath = Path.Combine(dir, "snapshot");
            var snapshot = File.Exists(snapshotPath) ? File.ReadAllBytes(snapshotPath) : null;
            // Temp files are what a crash mid-write left; only the owner writes them, and the owner is now this session.
            foreach (var temp in Directory.EnumerateFiles(dir, "*.tmp"))
            {
                File.Delete(temp);
            }
            var segments = Directory.EnumerateFiles(dir, SegmentPrefix + "*").Select(p => Path.GetFileName(p)[SegmentPrefix.Length..]).ToList();
            var session = new FileLogSession(dir, epochFile, epoch, new StoredLog(snapshot, LoadJournal(dir, () => CheckFence(epochFile, epoch, dir))) { Segments = segments });
            // A newer owner that opened while these files were read may have written between the reads.
            CheckFence(epochFile, epoch, dir);
            return session;
        }
        catch
        {
            epochFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Increments the epoch under an exclusive lock on <c>epoch.lock</c>, so two owners opening at once (silos sharing
    /// one data folder, or two activations in one process) never both get the same epoch and both pass the fence.
    /// The epoch is rewritten in place (never renamed), so an older owner's open handle sees the new value.
    /// </summary>
    private static long NextEpoch(string dir, SafeFileHandle epochFile)
    {
        using var gate = LockEpoch(dir);
        Span<byte> buffer = stackalloc byte[8];
        var epoch = (RandomAccess.Read(epochFile, buffer, 0) == 8 ? BinaryPrimitives.ReadInt64LittleEndian(buffer) : 0) + 1;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, epoch);
        RandomAccess.Write(epochFile, buffer, 0);
        RandomAccess.FlushToDisk(epochFile);
        return epoch;
    }

    /// <summary>.NET takes FileShare.None on Unix as flock(LOCK_EX): per open file, so it excludes other processes and other opens in this one.</summary>
    private static FileStream LockEpoch(string dir)
    {
        var path = Path.Combine(dir, EpochLock);
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                // Another owner holds it for the microseconds of its increment.
                Thread.Sleep(1);
            }
        }
    }

    public Task AppendAsync(long generation, IReadOnlyList<JournalRecord> records)
    {
        var size = 0;
        foreach (var r in records)
        {
            size += JournalFrame.Size(r.Payload.Length);
        }
        var buffer = new byte[size];
        var pos = 0;
        foreach (var r in records)
        {
            pos += JournalFrame.Write(buffer.AsSpan(pos), r.Sequence, r.Payload.Span);
        }
        return Task.Run(() =>
        {
            lock (_journalLock)
            {
                CheckFence();
                var journal = JournalFor(generation);
                journal.Write(buffer);
                journal.Flush(flushToDisk: true);
            }
        });
    }

    public Task WriteSnapshotAsync(byte[] snapshot) => Task.Run(() =>
    {
        CheckFence();
        WriteAtomically("snapshot", snapshot);
    });

    public Task WriteSegmentAsync(string name, byte[] data) => Task.Run(() =>
    {
        CheckFence();
        WriteAtomically(SegmentFile(name), data);
    });

    public async Task<byte[]?> ReadSegmentAsync(string name)
    {
        var path = Path.Combine(_dir, SegmentFile(name));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    public Task DeleteJournalBeforeAsync(long generation) => Task.Run(() =>
    {
        CheckFence();
        lock (_journalLock)
        {
            if (_journalGeneration < generation)
            {
                CloseJournal();
            }
        }
        var deleted = false;
        foreach (var (number, path) in JournalFiles(_dir))
        {
            if (number < generation)
            {
                File.Delete(path);
                deleted = true;
            }
        }
        if (deleted)
        {
            DirectorySync.Flush(_dir);
        }
    });

    public Task DeleteSegmentsAsync(IReadOnlyCollection<string> names) => Task.Run(() =>
    {
        if (names.Count == 0)
        {
            return;
        }
        CheckFence();
        foreach (var name in names)
        {
            File.Delete(Path.Combine(_dir, SegmentFile(name)));
        }
        DirectorySync.Flush(_dir);
    });

    public Task DeleteAllAsync() => Task.Run(() =>
    {
        CheckFence();
        lock (_journalLock)
        {
            CloseJournal();
        }
        foreach (var path in Directory.EnumerateFiles(_dir))
        {
            var name = Path.GetFileName(path);
            if (name is not ("id" or "epoch" or EpochLock))
            {
                File.Delete(path);
            }
        }
        DirectorySync.Flush(_dir);
    });

    public ValueTask DisposeAsync()
    {
        lock (_journalLock)
        {
            CloseJournal();
        }
        _epochFile.Dispose();
        return ValueTask.CompletedTask;
    }

    private static List<JournalGeneration> LoadJournal(string dir, Action checkFence)
    {
        var generations = new List<JournalGeneration>();
        foreach (var (number, path) in JournalFiles(dir).OrderBy(f => f.Number))
        {
            var data = File.ReadAllBytes(path);
            var records = JournalFrame.ReadValidPrefix(data, out var valid);
            if (valid < data.Length)
            {
                // A torn or damaged tail: its writer was never told it succeeded. Cut it off now, so
                // that what is appended next follows the last valid record — unless a newer owner
                // opened meanwhile and may already have cut it and appended after it.
                checkFence();
                using var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                f.SetLength(valid);
                f.Flush(flushToDisk: true);
            }
            generations.Add(new JournalGeneration(number, records));
        }
        return generations;
    }

    private static IEnumerable<(long Number, string Path)> JournalFiles(string dir)
    {
        foreach (var path in Directory.EnumerateFiles(dir, JournalPrefix + "*"))
        {
            if (long.TryParse(Path.GetFileName(path).AsSpan(JournalPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                yield return (n, path);
            }
        }
    }

    private FileStream JournalFor(long generation)
    {
        if (_journal is not null && _journalGeneration == generation)
        {
            return _journal;
        }
        CloseJournal();
        var path = Path.Combine(_dir, JournalPrefix + generation.ToString(CultureInfo.InvariantCulture));
        var created = !File.Exists(path);
        _journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        _journalGeneration = generation;
        if (created)
        {
            DirectorySync.Flush(_dir);
        }
        return _journal;
    }

    private void CloseJournal()
    {
        _journal?.Dispose();
        _journal = null;
        _journalGeneration = -1;
    }

    /// <summary>Fails once a newer owner has opened the folder (one pread of the epoch file per write).</summary>
    private void CheckFence() => CheckFence(_epochFile, _epoch, _dir);

    private static void CheckFence(SafeFileHandle epochFile, long epoch, string dir)
    {
        Span<byte> buffer = stackalloc byte[8];
        if (RandomAccess.Read(epochFile, buffer, 0) != 8 || BinaryPrimitives.ReadInt64LittleEndian(buffer) != epoch)
        {
            throw new StorageFencedException($"Another owner opened {dir}: this activation stops writing.");
        }
    }

    private void WriteAtomically(string file, byte[] data)
    {
        var path = Path.Combine(_dir, file);
        var temp = path + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            f.Write(data);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(_dir);
    }

    private static string SegmentFile(string name) =>
        name.AsSpan().IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.') ? throw new ArgumentException($"Bad segment name {name}.", nameof(name)) : SegmentPrefix + name;
}
