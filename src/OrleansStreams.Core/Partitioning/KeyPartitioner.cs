using System.Text;

namespace OrleansStreams.Partitioning;

/// <summary>
/// The one stable hash of a key, shared by every writer of a partitioned topic (the SDK, the Orleans
/// stream provider) and by pipelines' key groups: FNV-1a, 32-bit (offset basis 2166136261, prime
/// 16777619), over the key's UTF-8 bytes, as an unsigned integer, modulo the number of partitions.
/// Other languages match it with those three lines; docs/sdk.md shows them.
/// </summary>
public static class KeyPartitioner
{
    /// <summary>The partition (0 … <paramref name="partitions"/> − 1) of <paramref name="key"/>.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (int)(Fnv1a32(key) % (uint)partitions);
    }

    /// <summary>FNV-1a (32-bit) over the UTF-8 bytes of <paramref name="key"/>.</summary>
    public static uint Fnv1a32(string key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = max <= 512 ? stackalloc byte[512] : new byte[max];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        var hash = 2166136261u;
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    /// <summary>The stream of partition <paramref name="partition"/> of a topic: <c>{topic}:{partition}</c>.</summary>
    public static string PartitionStream(string topic, int partition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{topic}:{partition}");
}
