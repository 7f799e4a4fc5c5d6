using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OrleansStreams.Storage;

/// <summary>
/// The embedded file store: a folder per object with <c>snapshot</c> (replaced atomically: temp
/// file, fsync, rename), <c>journal</c> (length-prefixed records, appended and fsynced once per
/// group commit) and <c>seg-N</c> files written once. A torn record at the journal's end (a crash
/// mid-write) is ignored on load: its writer was never told it succeeded.
/// </summary>
public sealed class FileLogStore(string root) : ILogStore, IDisposable
{
    private readonly ConcurrentDictionary<string, FileStream> _journals = new();

    public bool IsDurable => true;

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<StoredLog> LoadAsync(string id)
    {
        var dir = Folder(id, create: false);
        var snapshotPath = Path.Combine(dir, "snapshot");
        var snapshot = File.Exists(snapshotPath) ? await File.ReadAllBytesAsync(snapshotPath) : null;
        var journalPath = Path.Combine(dir, "journal");
        var records = new List<byte[]>();
        if (File.Exists(journalPath))
        {
            var data = await File.ReadAllBytesAsync(journalPath);
            var pos = 0;
            while (pos + 4 <= data.Length)
            {
                var len = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(pos));
                if (len < 0 || pos + 4 + len > data.Length)
                {
                    break;
                }
                records.Add(data.AsSpan(pos + 4, len).ToArray());
                pos += 4 + len;
            }
        }
        return new StoredLog(snapshot, records);
    }

    public Task AppendAsync(string id, IReadOnlyList<byte[]> records)
    {
        var size = records.Sum(r => 4 + r.Length);
        var buffer = new byte[size];
        var pos = 0;
        foreach (var r in records)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(pos), r.Length);
            r.CopyTo(buffer, pos + 4);
            pos += 4 + r.Length;
        }
        var stream = _journals.GetOrAdd(id, i => new FileStream(Path.Combine(Folder(i, create: true), "journal"), FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None));
        return Task.Run(() =>
        {
            lock (stream)
            {
                stream.Write(buffer);
                stream.Flush(flushToDisk: true);
            }
        });
    }

    public Task WriteSnapshotAsync(string id, byte[] snapshot) => Task.Run(() =>
    {
        var dir = Folder(id, create: true);
        WriteAtomically(Path.Combine(dir, "snapshot"), snapshot);
        if (_journals.TryRemove(id, out var journal))
        {
            lock (journal)
            {
                journal.Dispose();
            }
        }
        using var truncate = new FileStream(Path.Combine(dir, "journal"), FileMode.Create, FileAccess.Write);
        truncate.Flush(flushToDisk: true);
    });

    public Task WriteSegmentAsync(string id, long number, byte[] data) =>
        Task.Run(() => WriteAtomically(Path.Combine(Folder(id, create: true), $"seg-{number}"), data));

    public async Task<byte[]?> ReadSegmentAsync(string id, long number)
    {
        var path = Path.Combine(Folder(id, create: false), $"seg-{number}");
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    public Task DeleteSegmentsAsync(string id, IReadOnlyCollection<long> numbers)
    {
        var dir = Folder(id, create: false);
        foreach (var n in numbers)
        {
            File.Delete(Path.Combine(dir, $"seg-{n}"));
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string id)
    {
        if (_journals.TryRemove(id, out var journal))
        {
            lock (journal)
            {
                journal.Dispose();
            }
        }
        var dir = Folder(id, create: false);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var j in _journals.Values)
        {
            j.Dispose();
        }
        _journals.Clear();
    }

    private static void WriteAtomically(string path, byte[] data)
    {
        var temp = path + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            f.Write(data);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Object ids are arbitrary (binary key names); the folder is named by their hash, with the id kept beside it.</summary>
    private string Folder(string id, bool create)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var dir = Path.Combine(Root, hash[..2], hash);
        if (create && !Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "id"), id);
        }
        return dir;
    }
}
