using System.Security.Cryptography;
using System.Text;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansStreams.Storage;

namespace OrleansStreams.Processing;

/// <summary>Where pipelines keep their definitions and lifecycle state: the grain storage provider's name.</summary>
public static class PipelineStorage
{
    public const string Name = "pipelines";
}

/// <summary>
/// Orleans grain storage in files, for small whole objects (pipeline definitions and state): one file per
/// grain state, written whole to a temporary file, fsynced, renamed over the old one, and the folder
/// fsynced, so a crash leaves either the old or the new state. The ETag is a version number kept in the
/// file; a write with a stale ETag fails with <see cref="InconsistentStateException"/>, as Orleans expects.
/// </summary>
public sealed class FileGrainStorage(string folder, Serializer serializer) : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public void Dispose() => _lock.Dispose();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var version = BitConverter.ToInt64(bytes, 0);
        grainState.State = serializer.Deserialize<T>(bytes.AsMemory(8));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await _lock.WaitAsync();
        try
        {
            var current = CurrentVersion(path);
            CheckETag(grainState.ETag, current);
            var next = current + 1;
            var payload = serializer.SerializeToArray(grainState.State);
            var bytes = new byte[8 + payload.Length];
            BitConverter.TryWriteBytes(bytes, next);
            payload.CopyTo(bytes, 8);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
            grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await _lock.WaitAsync();
        try
        {
            CheckETag(grainState.ETag, CurrentVersion(path));
            if (File.Exists(path))
            {
                File.Delete(path);
                DirectorySync.Flush(Path.GetDirectoryName(path)!);
            }
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        finally
        {
            _lock.Release();
        }
    }

    private static long CurrentVersion(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var file = File.OpenRead(path);
        Span<byte> version = stackalloc byte[8];
        file.ReadExactly(version);
        return BitConverter.ToInt64(version);
    }

    private static void CheckETag(string? etag, long current)
    {
        var expected = etag is null ? 0 : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);
        if (expected != current)
        {
            throw new InconsistentStateException($"The stored version is {current}, this activation wrote version {expected}: another activation wrote it.",
                current.ToString(System.Globalization.CultureInfo.InvariantCulture), etag ?? "(none)");
        }
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var id = grainId.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
        return Path.Combine(folder, "grain-state", stateName, hash + ".state");
    }
}
