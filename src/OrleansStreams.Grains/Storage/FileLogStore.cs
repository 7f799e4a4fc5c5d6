using System.Security.Cryptography;
using System.Text;

namespace OrleansStreams.Storage;

/// <summary>
/// The embedded file store: a folder per object with <c>snapshot</c> (replaced atomically: temp file,
/// fsync, rename, directory fsync), journal generations <c>journal.N</c> (framed records, appended and
/// fsynced once per group commit), write-once segment files, and an <c>epoch</c> file that fences
/// off an older owner. A torn or damaged journal tail is cut off (the file is truncated) on open,
/// before anything is appended.
/// </summary>
public sealed class FileLogStore(string root) : ILogStore
{
    public bool IsDurable => true;

    public string Root { get; } = Path.GetFullPath(root);

    public Task<ILogSession> OpenAsync(string id) => Task.Run<ILogSession>(() => FileLogSession.Open(Folder(id)));

    /// <summary>Object ids are arbitrary (binary key names); the folder is named by their hash, with the id kept beside it.</summary>
    private string Folder(string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var parent = Path.Combine(Root, hash[..2]);
        var dir = Path.Combine(parent, hash);
        if (!Directory.Exists(dir))
        {
            var parentExisted = Directory.Exists(parent);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "id"), id);
            DirectorySync.Flush(dir);
            DirectorySync.Flush(parent);
            if (!parentExisted)
            {
                DirectorySync.Flush(Root);
            }
        }
        return dir;
    }
}
